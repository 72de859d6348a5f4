import type { z } from 'zod';
import type { FieldProblem } from '../errors';

/** What a record's rules may look up beyond its own fields: the community's lists and other records. */
export interface CheckContext {
  list(key: string): readonly string[];
  /** Whether a live (not deleted) record with this id exists in the collection. */
  exists(collection: string, id: string): boolean;
}

/**
 * Everything the data core needs to know about one record type: its validator, the Chinese label of every field
 * (for error messages and history), which fields are long texts (kept as Y.Text so concurrent edits merge), the field
 * that names a record in lists, and the reference field indexed in the IndexedDB projection.
 */
export interface CollectionDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly label: string;
  readonly schema: S;
  readonly fieldLabels: { readonly [K in keyof z.output<S>]: string };
  readonly longTextFields: readonly (keyof z.output<S> & string)[];
  readonly titleField: keyof z.output<S> & string;
  readonly refField?: keyof z.output<S> & string;
  /** Cleans raw input before validation (e.g. upper-case X, derive birth date from the ID number). */
  readonly normalize?: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Fields whose non-empty value may belong to one record only (e.g. the ID number: one person, one record). */
  readonly uniqueFields?: readonly (keyof z.output<S> & string)[];
  /**
   * Fields holding one entry per key (attendance marks by person): stored as an append-only Y.Array of
   * `{ key, at, …entry }`, read as key → the latest entry (by `at`, then device). Marks two PCs make for different
   * keys both stay; for the same key the later one is in effect and both are kept.
   */
  readonly keyedLogFields?: readonly (keyof z.output<S> & string)[];
  /** Fields holding one long text per key (minutes per agenda item): a Y.Map of Y.Text, merged as typed. */
  readonly keyedTextFields?: readonly (keyof z.output<S> & string)[];
  /**
   * A ledger: records are only ever added; an update or delete is refused with this message (the fix is a new entry
   * that corrects the old one).
   */
  readonly appendOnly?: string;
  /** Rules that need the community's settings lists or other records. */
  readonly check?: (fields: z.output<S>, context: CheckContext) => FieldProblem[];
}

export type FieldsOf<D extends CollectionDefinition> = z.output<D['schema']>;
export type InputOf<D extends CollectionDefinition> = z.input<D['schema']>;

export function defineCollection<S extends z.ZodObject>(def: CollectionDefinition<S>): CollectionDefinition<S> {
  return def;
}
