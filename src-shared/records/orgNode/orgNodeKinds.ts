/**
 * 五级网格 (street → community → grid → compound → building group) plus the community's functional groups.
 * Which kind may sit under which is a rule of the organisation, kept here in one table.
 */
export const ORG_NODE_KINDS = {
  street: { label: '街道党工委', children: ['community'] },
  community: { label: '社区党组织', children: ['grid', 'functional', 'lane'] },
  grid: { label: '网格党支部', children: ['compound', 'building', 'functional'] },
  compound: { label: '小区党支部', children: ['building'] },
  building: { label: '楼栋党小组', children: [] },
  functional: { label: '功能型党小组', children: [] },
  lane: { label: '坊巷党支部', children: ['building'] },
} as const satisfies Record<string, { label: string; children: readonly string[] }>;

export type OrgNodeKind = keyof typeof ORG_NODE_KINDS;
export const ORG_NODE_KIND_CODES = Object.keys(ORG_NODE_KINDS) as [OrgNodeKind, ...OrgNodeKind[]];

export function orgNodeKindLabel(kind: OrgNodeKind): string {
  return ORG_NODE_KINDS[kind].label;
}

export function allowedChildKinds(kind: OrgNodeKind): readonly OrgNodeKind[] {
  return ORG_NODE_KINDS[kind].children;
}

/** Schema version 1 stored the Chinese label instead of the code; used by the migration. */
export function orgNodeKindFromLabel(label: string): OrgNodeKind | undefined {
  const aliases: Record<string, OrgNodeKind> = {
    街道: 'street', 街道党工委: 'street',
    社区: 'community', 社区党委: 'community', 社区党总支: 'community', 社区党支部: 'community', 社区党组织: 'community',
    网格: 'grid', 网格党支部: 'grid',
    小区: 'compound', 小区党支部: 'compound',
    楼栋: 'building', 楼栋党小组: 'building',
    功能型党小组: 'functional',
    坊巷党支部: 'lane',
  };
  return aliases[label.trim()];
}
