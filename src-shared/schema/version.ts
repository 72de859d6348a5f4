/**
 * Version of the community document layout (see repository/docLayout.ts).
 *   1: first pilot layout: org nodes kept their type as a Chinese label in `level`; records had no history.
 *   2: type codes in `kind`; every record has a history array and created/updated stamps.
 *   3: one flat map per record: a base value, changed fields and history entries as keys (repository/docLayout.ts).
 */
export const CURRENT_SCHEMA_VERSION = 3;
