/**
 * Version of the community document layout (see repository/docLayout.ts).
 *   1: first pilot layout: org nodes kept their type as a Chinese label in `level`; records had no history.
 *   2: type codes in `kind`; every record has a history array and created/updated stamps.
 */
export const CURRENT_SCHEMA_VERSION = 2;
