import type * as Y from 'yjs';
import { COLLECTIONS, COLLECTION_NAMES, type Collections } from '../records';
import { CollectionRepository } from './collectionRepository';
import type { EditContext } from './docLayout';

export type Repositories = { [K in keyof Collections]: CollectionRepository<Collections[K]> };

/** One typed repository per record type, all over the same community document. */
export function createRepositories(doc: Y.Doc, context: EditContext): Repositories {
  const out = {} as Record<string, unknown>;
  for (const name of COLLECTION_NAMES) out[name] = new CollectionRepository(doc, COLLECTIONS[name], context);
  return out as Repositories;
}
