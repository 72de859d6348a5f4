import type { CommunityInfo } from '../../src-shared/community/communityInfo';
import { CommunityDb, type IndexedDbDependencies, type ProjectionRow } from './communityDb';

/** Key of the community's name and codes in the `meta` table, written whenever they change in the document. */
export const INFO_META_KEY = 'info';

/** A plain record of the projection, shaped as the screens read a record (fields, id and the deleted flag). */
export type PreviewRecord = Record<string, unknown> & { id: string; meta: { deleted: boolean; updatedAt: number } };

/**
 * What the first screen shows before the document is decoded: the community's name and its roster, read from the
 * IndexedDB projection tables (rows kept current with every saved edit, and checked against the document on open).
 */
export interface CommunityPreview {
  info: CommunityInfo;
  people: PreviewRecord[];
  orgNodes: PreviewRecord[];
}

export async function readCommunityPreview(code: string, dependencies?: IndexedDbDependencies): Promise<CommunityPreview | null> {
  const db = new CommunityDb(code, dependencies);
  try {
    const info = (await db.meta.get(INFO_META_KEY))?.value as CommunityInfo | undefined;
    if (!info) return null;
    const live = (collection: string) => db.records.where('[collection+deleted]').equals([collection, 0]).toArray();
    const [people, orgNodes] = await Promise.all([live('people'), live('orgNodes')]);
    return { info, people: people.map(asRecord), orgNodes: orgNodes.map(asRecord) };
  } finally {
    db.close();
  }
}

function asRecord(row: ProjectionRow): PreviewRecord {
  return { ...row.data, id: row.id, meta: { deleted: row.deleted === 1, updatedAt: row.updatedAt } };
}

/** 第一网格党支部/光禄坊小区党支部/3号楼党小组: the path below the community, as the roster shows it. */
export function previewOrgPaths(nodes: readonly PreviewRecord[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = new Map<string, string>();
  for (const node of nodes) {
    const names: string[] = [];
    for (let at: PreviewRecord | undefined = node, depth = 0; at && depth < 20; at = byId.get(String(at.parentId ?? '')), depth++) {
      if (at.kind !== 'street' && at.kind !== 'community') names.unshift(String(at.name ?? ''));
    }
    paths.set(node.id, names.join('/') || String(node.name ?? ''));
  }
  return paths;
}
