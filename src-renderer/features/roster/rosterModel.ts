import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { people } from '../../../src-shared/records';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import type { OrgTree } from '../../../src-shared/records/orgNode';

export type Person = RecordView<FieldsOf<typeof people>>;

export interface RosterFilter {
  orgNodeId?: string;
  category?: string;
  partyStatus?: string;
  tags: string[];
}

/** Applies the toolbar filters; the org filter includes everything below the chosen node. */
export function filterPeople(list: readonly Person[], filter: RosterFilter, tree: OrgTree): Person[] {
  const nodeIds = filter.orgNodeId ? new Set([filter.orgNodeId, ...tree.descendants(filter.orgNodeId).map((n) => n.id)]) : undefined;
  return list.filter(
    (p) =>
      (!nodeIds || nodeIds.has(p.orgNodeId)) &&
      (!filter.category || p.category === filter.category) &&
      (!filter.partyStatus || p.partyStatus === filter.partyStatus) &&
      filter.tags.every((t) => p.tags.includes(t)),
  );
}
