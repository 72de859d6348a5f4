import type { z } from 'zod';

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
}

export type FieldsOf<D extends CollectionDefinition> = z.output<D['schema']>;
export type InputOf<D extends CollectionDefinition> = z.input<D['schema']>;

export function defineCollection<S extends z.ZodObject>(def: CollectionDefinition<S>): CollectionDefinition<S> {
  return def;
}
