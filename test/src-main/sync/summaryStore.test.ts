import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SummaryStore } from '../../../src-main/sync/summaryStore';
import { writeCommunityInfo } from '../../../src-shared/community/communityInfo';
import { createRepositories, type Repositories } from '../../../src-shared/repository/repositories';
import { seededRandom } from '../../../src-shared/testing/seededRandom';

const CODE = '350102001001';

/** Three PCs of one community writing while apart; a server that stores each update as it arrives, in any order. */
function community(seed: number) {
  const rng = seededRandom(seed);
  const clocks = [0, 1, 2].map(() => ({ t: Date.UTC(2026, 0, 1) }));
  // Client ids from the seed: which of two concurrent writes Yjs keeps depends on them, and a run must replay.
  const docs = [0, 1, 2].map(() => Object.assign(new Y.Doc(), { clientID: 1 + Math.floor(rng.next() * 2 ** 30) }));
  const outboxes: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, i) => doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'merge' && outboxes[i]!.push(u)));
  const repos: Repositories[] = docs.map((doc, i) => createRepositories(doc, { actor: () => ({ name: `文员${i}`, device: `pc${i}` }), now: () => (clocks[i]!.t += 1000 + Math.floor(rng.next() * 5000)) }));
  return { rng, docs, outboxes, repos };
}

describe('server summaries', () => {
  it.each([15, 16, 17, 18])('kept from each decoded update, agree with a recompute from the document after randomized edits and merges (seed %i)', (seed) => {
    const { rng, docs, outboxes, repos } = community(seed);
    const db = new DatabaseSync(':memory:');
    const summaries = new SummaryStore(db);
    const stored: Uint8Array[] = [];
    writeCommunityInfo(docs[0]!, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: Date.UTC(2026, 0, 1) });
    const deliver = (pc: number) => {
      // Each PC's updates reach the server one by one (as a client sends them) and come back to the PC's peers.
      for (const update of outboxes[pc]!.splice(0)) {
        stored.push(update);
        summaries.apply(CODE, update);
        docs.forEach((doc, j) => j !== pc && Y.applyUpdate(doc, update, 'merge'));
      }
    };
    deliver(0);
    const pick = <T>(list: T[]) => list[Math.floor(rng.next() * list.length)];
    for (let step = 0; step < 400; step++) {
      const pc = Math.floor(rng.next() * 3);
      const r = repos[pc]!;
      const roll = rng.next();
      const people = r.people.list({ includeDeleted: true });
      if (roll < 0.25 || people.length === 0) r.people.create({ name: `居民${step}`, roles: ['志愿者'] } as never);
      else if (roll < 0.35) r.residentUnits.create({ name: `单位${step}` });
      else if (roll < 0.55) r.people.update(pick(people)!.id, { phone: `139${String(step).padStart(8, '0')}` } as never);
      else if (roll < 0.65) r.people.update(pick(people)!.id, { name: `改名${step}` } as never);
      else if (roll < 0.75) r.people.delete(pick(people)!.id);
      else if (roll < 0.82) r.people.restore(pick(people)!.id);
      else if (roll < 0.84) writeCommunityInfo(docs[pc]!, { code: CODE, name: `三坊七巷社区${step}`, streetName: '南街街道', createdAt: Date.UTC(2026, 0, 1) });
      else if (roll < 0.97) deliver(pc); // the others are still apart: concurrent edits pile up
      else for (let i = 0; i < 3; i++) deliver(i);
      if (step % 100 === 99) {
        for (let i = 0; i < 3; i++) deliver(i);
        const state = Y.mergeUpdates(stored);
        expect(summaries.verify(CODE, state)).toEqual([]);
        // The figures are those the app shows.
        const figures = summaries.figures('350102001')[0]!;
        expect(figures.counts.people).toBe(repos[0]!.people.count());
        expect(figures.name).toBe(repos[0] && (docs[0]!.getMap('meta').get('communityName') as string));
      }
    }
    // Stored twice (a client resending after a reconnect): nothing changes.
    const before = JSON.stringify([summaries.figures(''), summaries.feed({ scope: '', limit: 500 })]);
    for (const update of stored.slice(0, 50)) summaries.apply(CODE, update);
    expect(JSON.stringify([summaries.figures(''), summaries.feed({ scope: '', limit: 500 })])).toBe(before);
    // A rebuild from the document gives the same summary.
    summaries.rebuild(CODE, Y.mergeUpdates(stored));
    expect(summaries.verify(CODE, Y.mergeUpdates(stored))).toEqual([]);
  });

  it('pages the feed newest first by time, community, record type and person, with no row twice', () => {
    const { docs, outboxes, repos } = community(3);
    const summaries = new SummaryStore(new DatabaseSync(':memory:'));
    writeCommunityInfo(docs[0]!, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
    for (let i = 0; i < 120; i++) {
      const p = repos[i % 2]!.people.create({ name: `居民${i}`, roles: ['志愿者'] } as never);
      if (i % 3 === 0) repos[i % 2]!.residentUnits.create({ name: `单位${i}` });
      if (i % 4 === 0) repos[i % 2]!.people.update(p.id, { phone: '13900000000' } as never);
    }
    for (const update of [...outboxes[0]!, ...outboxes[1]!]) summaries.apply(CODE, update);
    const all: { row: number; at: number }[] = [];
    let after: { at: number; row: number } | undefined;
    for (;;) {
      const page = summaries.feed({ scope: '350102001', limit: 25, after });
      all.push(...page);
      if (page.length < 25) break;
      after = { at: page.at(-1)!.at, row: page.at(-1)!.row };
    }
    expect(all).toHaveLength(120 + 40 + 30);
    expect(new Set(all.map((r) => r.row)).size).toBe(all.length);
    expect(all.every((r, i) => i === 0 || r.at <= all[i - 1]!.at)).toBe(true);
    expect(summaries.feed({ scope: '', collection: 'residentUnits', limit: 500 })).toHaveLength(40);
    const byOne = summaries.feed({ scope: '', by: '文员1', limit: 500 });
    expect(byOne.length).toBeGreaterThan(0);
    expect(byOne.every((r) => r.by === '文员1')).toBe(true);
    // Part of a name finds every person whose name holds it.
    expect(new Set(summaries.feed({ scope: '', by: '文员', limit: 500 }).map((r) => r.by)).size).toBeGreaterThan(1);
    const middle = all[60]!.at;
    expect(summaries.feed({ scope: '', since: middle, limit: 500 }).every((r) => r.at >= middle)).toBe(true);
    expect(summaries.feed({ scope: '350102002', limit: 500 })).toEqual([]);
  });

  it('summarises a document of layout 2 once from its whole state, and again when its migration arrives', async () => {
    const { migrateDocument } = await import('../../../src-shared/schema/migrations');
    const { fixedContext } = await import('../../../src-shared/testing/fixedContext');
    const state = new Uint8Array(readFileSync(new URL('../../fixtures/community-v2.ybin', import.meta.url)));
    const summaries = new SummaryStore(new DatabaseSync(':memory:'));
    summaries.apply(CODE, state);
    expect(summaries.needsRebuild(CODE)).toBe(true);
    summaries.rebuild(CODE, state);
    expect(summaries.needsRebuild(CODE)).toBe(false);
    expect(summaries.verify(CODE, state)).toEqual([]);
    // A PC migrates and sends its migration: the summary is recomputed from the migrated document.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    migrateDocument(doc, fixedContext());
    for (const u of updates) summaries.apply(CODE, u);
    expect(summaries.needsRebuild(CODE)).toBe(true);
    const migrated = Y.encodeStateAsUpdate(doc);
    summaries.rebuild(CODE, migrated);
    expect(summaries.verify(CODE, migrated)).toEqual([]);
    const repos = createRepositories(doc, fixedContext());
    expect(summaries.figures('')[0]!.counts.people).toBe(repos.people.count());
    // From then on, edits are summarised as they come.
    updates.length = 0;
    repos.people.create({ name: '新居民', roles: ['志愿者'] } as never);
    for (const u of updates) summaries.apply(CODE, u);
    expect(summaries.needsRebuild(CODE)).toBe(false);
    expect(summaries.verify(CODE, Y.encodeStateAsUpdate(doc))).toEqual([]);
  });
});
