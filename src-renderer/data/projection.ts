import type { AnyRepository } from '../../src-shared/repository/collectionRepository';
import type { Repositories } from '../../src-shared/repository/repositories';
import type { CommunityDb, ProjectionRow } from './communityDb';

export const projectionKey = (collection: string, id: string) => `${collection}/${id}`;

/** The projection row of one record as it is now in the Y.Doc, or undefined if the record does not exist. */
export function projectRecord(repo: AnyRepository, id: string): ProjectionRow | undefined {
  const view = repo.get(id) as (Record<string, unknown> & { id: string; meta: { deleted: boolean; updatedAt: number } }) | undefined;
  if (!view) return undefined;
  const { id: _id, meta, ...data } = view;
  const def = repo.definition;
  return {
    key: projectionKey(def.name, id),
    collection: def.name,
    id,
    deleted: meta.deleted ? 1 : 0,
    updatedAt: meta.updatedAt,
    ref: def.refField ? String(data[def.refField] ?? '') : '',
    title: String(data[def.titleField] ?? ''),
    data,
  };
}

/**
 * Compares the projection tables with the document and rewrites every row that differs (or is missing, or
 * belongs to no record). Run on open: a crash between a document write and its projection cannot leave them apart.
 */
export async function verifyProjection(db: CommunityDb, repos: Repositories): Promise<{ checked: number; repaired: number }> {
  const expected = new Map<string, ProjectionRow>();
  for (const repo of Object.values(repos) as AnyRepository[]) {
    for (const view of repo.list({ includeDeleted: true })) {
      const row = projectRecord(repo, view.id);
      if (row) expected.set(row.key, row);
    }
  }
  const stale: ProjectionRow[] = [];
  const orphans: string[] = [];
  await db.records.each((row) => {
    const want = expected.get(row.key);
    if (!want) orphans.push(row.key);
    else {
      if (JSON.stringify(want) !== JSON.stringify(row)) stale.push(want);
      expected.delete(row.key);
    }
  });
  const toWrite = [...stale, ...expected.values()];
  if (toWrite.length > 0 || orphans.length > 0) {
    await db.transaction('rw', db.records, async () => {
      await db.records.bulkPut(toWrite);
      await db.records.bulkDelete(orphans);
    });
  }
  return { checked: await db.records.count(), repaired: toWrite.length + orphans.length };
}
