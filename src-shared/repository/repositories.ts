import type * as Y from 'yjs';
import type { CheckContext, CollectionDefinition } from '../schema/collection';
import { CommunitySettings } from '../settings/communitySettings';
import type { ListSettingKey } from '../settings/defaults';
import { COLLECTIONS, COLLECTION_NAMES, type Collections } from '../records';
import { CollectionRepository } from './collectionRepository';
import type { EditContext } from './docLayout';

export type Repositories = { [K in keyof Collections]: CollectionRepository<Collections[K]> };

/** One typed repository per record type, all over the same community document. */
export function createRepositories(doc: Y.Doc, context: EditContext): Repositories {
  const out = {} as Record<string, CollectionRepository<CollectionDefinition>>;
  const settings = new CommunitySettings(doc);
  const checkContext: CheckContext = {
    list: (key) => settings.list(key as ListSettingKey),
    exists: (collection, id) => {
      const view = out[collection]?.get(id);
      return view !== undefined && !view.meta.deleted;
    },
  };
  for (const name of COLLECTION_NAMES) {
    out[name] = new CollectionRepository(doc, COLLECTIONS[name], context, checkContext) as unknown as CollectionRepository<CollectionDefinition>;
  }
  return out as unknown as Repositories;
}
