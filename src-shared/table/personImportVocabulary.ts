import type { OrgTree } from '../records/orgNode';
import type { CommunitySettings } from '../settings/communitySettings';
import type { ListSettingKey } from '../settings/defaults';
import type { ImportVocabulary } from './importPreview';
import { orgNodePath } from './orgNodePaths';
import { FIXED_CHOICES, PERSON_FIELD_LISTS } from './vocabulary';

/** The vocabulary of a person import: the community's lists, its taught synonyms, and its organisation tree. */
export function personImportVocabulary(settings: CommunitySettings, tree: OrgTree): ImportVocabulary {
  return {
    choices: (field) => FIXED_CHOICES[field] ?? (PERSON_FIELD_LISTS[field] ? settings.list(PERSON_FIELD_LISTS[field] as ListSettingKey) : undefined),
    learned: (field) => settings.learnedSynonyms(field),
    orgNodeLabel: (id) => {
      const node = tree.get(id);
      return node && !node.meta.deleted ? orgNodePath(tree, id) : undefined;
    },
  };
}
