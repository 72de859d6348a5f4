import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeCommunityInfo } from '../../../src-shared/community/communityInfo';
import { CURRENT_SCHEMA_VERSION } from '../../../src-shared/schema/version';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { CommunityDb } from '../../../src-renderer/data/communityDb';
import { CommunityStore } from '../../../src-renderer/data/communityStore';
import { checkUpdate } from '../../../src-shared/sync/updateCheck';

let seq = 0;
const open: CommunityStore[] = [];
// Each test gets its own community (the in-memory IndexedDB lives as long as this file's worker).
const freshCode = () => `350102001${String(100 + seq++)}`;
async function openStore(code: string, options: Partial<Parameters<typeof CommunityStore.open>[1]> = {}) {
  const store = await CommunityStore.open(code, { context: fixedContext(), ...options });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function setUp(store: CommunityStore) {
  writeCommunityInfo(store.doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 1 });
  store.orgTree.ensureRoots('南街街道', '三坊七巷社区');
}

describe('CommunityStore persistence', () => {
  it('refuses to open a community whose division code is malformed', async () => {
    await expect(CommunityStore.open('35010200100', { context: fixedContext() })).rejects.toThrow(/「统计用区划代码」应为12位数字/);
  });

  it('first-run setup records the community and the top of its tree once, validating every field', async () => {
    const code = freshCode();
    const a = await openStore(code);
    expect(() => a.initialise({ code, name: '', streetName: '', clerkName: '' })).toThrow(/「社区名称」不能为空.*「所属街道」不能为空.*「操作人姓名」不能为空/);
    expect(() => a.initialise({ code: '350102001999', name: '甲社区', streetName: '乙街道', clerkName: '丙' })).toThrow(/不一致/);
    expect(a.info).toBeUndefined();
    a.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '王小红' });
    a.initialise({ code, name: '别的名字', streetName: '南街街道', clerkName: '王小红' });
    expect(a.info).toMatchObject({ code, name: '三坊七巷社区', streetName: '南街街道' });
    expect(a.orgTree.tree().map((n) => [n.node.name, n.children.map((c) => c.node.name)])).toEqual([['南街街道党工委', ['三坊七巷社区党委']]]);
  });

  it('opens with a damaged row of its own log set aside: reported, kept in quarantine, left out of the next backup', async () => {
    const code = freshCode();
    const a = await openStore(code, { compactOnOpen: false });
    setUp(a);
    a.repos.residentUnits.create({ name: '第一中学' });
    await a.flush();
    a.repos.residentUnits.create({ name: '断电时写入的单位' });
    await a.flush();
    a.repos.residentUnits.create({ name: '市人民医院' });
    await a.flush();
    const backup = await a.storedUpdates();
    await a.close();
    // A power cut while the second edit was written: its row lost its last byte.
    const db = new CommunityDb(code);
    const rows = await db.updates.toArray();
    const victim = rows.find((r) => new TextDecoder().decode(r.update).includes('断电时写入的单位'))!;
    await db.updates.put({ ...victim, update: victim.update.slice(0, -1) });
    db.close();

    const b = await openStore(code, { compactOnOpen: false });
    // What came after it in the same session waits for the missing part (Yjs keeps it pending, nothing is dropped).
    expect(b.repos.residentUnits.list().map((u) => u.name)).toEqual(['第一中学']);
    expect(b.setAside).toEqual([{ seq: victim.seq, at: victim.at, bytes: victim.update.length - 1, problem: expect.stringContaining('提前结束') }]);
    expect(await b.quarantined()).toMatchObject([{ seq: victim.seq, bytes: victim.update.length - 1 }]);
    // The stored log (what a backup copies) no longer holds it, and it reads whole.
    const stored = await b.storedUpdates();
    expect(stored).toHaveLength(rows.length - 1);
    expect(stored.every((u) => checkUpdate(u).ok)).toBe(true);
    // Merging a backup made before the damage brings back the lost edit and the one that waited for it.
    b.doc.transact(() => backup.forEach((u) => Y.applyUpdate(b.doc, u)));
    expect(b.repos.residentUnits.list().map((u) => u.name).sort()).toEqual(['市人民医院', '断电时写入的单位', '第一中学']);
    await b.close();
    open.length = 0;
    // The next opening has nothing more to set aside; the quarantine keeps what was moved.
    const c = await openStore(code);
    expect(c.setAside).toEqual([]);
    expect(await c.quarantined()).toHaveLength(1);
  });

  it('saves every edit to IndexedDB and loads it back after a reopen', async () => {
    const code = freshCode();
    const a = await openStore(code);
    setUp(a);
    const community = a.orgTree.tree()[0]!.children[0]!.node;
    const grid = a.orgTree.addChild(community.id, { name: '第一网格党支部', kind: 'grid' });
    await a.flush();
    expect(a.saveStatus).toMatchObject({ state: 'saved', pending: 0 });
    await a.close();

    const b = await openStore(code);
    expect(b.info).toMatchObject({ name: '三坊七巷社区', schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(b.orgTree.get(grid.id)?.name).toBe('第一网格党支部');
    expect(b.repos.orgNodes.history(grid.id)[0]?.by).toBe('测试员');
  });

  it('reports saving, then saved with the time, to its listeners', async () => {
    const a = await openStore(freshCode());
    const states: string[] = [];
    a.onSaveStatus((s) => states.push(s.state));
    a.repos.people.create({ name: '志愿者甲', roles: ['志愿者'] });
    expect(a.saveStatus.state).toBe('saving');
    await a.flush();
    expect(states).toEqual(['saving', 'saved']);
    expect(a.saveStatus.lastSavedAt).toBeTypeOf('number');
  });

  it('writes the projection rows in the same transaction as the update', async () => {
    const code = freshCode();
    const a = await openStore(code);
    const node = a.repos.orgNodes.create({ name: '第一网格党支部', kind: 'grid' });
    const m = a.repos.people.create({ name: '张三', orgNodeId: node.id });
    a.repos.people.delete(m.id);
    await a.flush();
    const db = new CommunityDb(code);
    const row = await db.records.get(`people/${m.id}`);
    expect(row).toMatchObject({ collection: 'people', id: m.id, deleted: 1, ref: node.id, title: '张三' });
    expect(await db.records.where('[collection+ref]').equals(['people', node.id]).count()).toBe(1);
    db.close();
  });

  it('repairs a projection that disagrees with the document on open', async () => {
    const code = freshCode();
    const a = await openStore(code);
    const v = a.repos.people.create({ name: '李四', roles: ['志愿者'] });
    await a.flush();
    await a.close();
    const db = new CommunityDb(code);
    await db.records.update(`people/${v.id}`, { title: '被改坏的', data: {} });
    await db.records.put({ key: 'people/ghost', collection: 'people', id: 'ghost', deleted: 0, updatedAt: 0, ref: '', title: '', data: {} });
    db.close();

    const b = await openStore(code);
    expect(await b.projectionCheck).toMatchObject({ repaired: 2 });
    const db2 = new CommunityDb(code);
    expect((await db2.records.get(`people/${v.id}`))?.title).toBe('李四');
    expect(await db2.records.get('people/ghost')).toBeUndefined();
    db2.close();
  });

  it('compacts the update log into one snapshot without losing anything', async () => {
    const code = freshCode();
    const a = await openStore(code, { compactThreshold: 10_000 });
    for (let i = 0; i < 30; i++) {
      a.repos.people.create({ name: `志愿者${i}` });
      await a.flush();
    }
    const ids = a.repos.people.list().map((v) => v.id);
    a.repos.people.delete(ids[0]!);
    await a.flush();
    expect(await a.updateRowCount()).toBe(31);
    expect(await a.compact()).toEqual({ before: 31, after: 1 });
    expect(await a.updateRowCount()).toBe(1);
    await a.close();
    const b = await openStore(code);
    expect(b.repos.people.list().map((v) => v.id).sort()).toEqual(ids.slice(1).sort());
    expect(Y.encodeStateAsUpdate(b.doc).byteLength).toBeGreaterThan(0);
  });

  it('never drops an update that another window writes while compaction runs', async () => {
    const code = freshCode();
    const a = await openStore(code, { compactThreshold: 10_000 });
    for (let i = 0; i < 20; i++) a.repos.people.create({ name: `甲${i}` });
    await a.flush();
    const b = await openStore(code, { compactThreshold: 10_000 });
    // Start compaction in window A and, before it finishes, an edit in window B.
    const compaction = a.compact();
    const late = b.repos.people.create({ name: '压缩期间写入的' });
    await Promise.all([compaction, b.flush()]);
    await a.close();
    await b.close();
    const c = await openStore(code);
    expect(c.repos.people.get(late.id)?.name).toBe('压缩期间写入的');
    expect(c.repos.people.count()).toBe(21);
  });

  it('shows each window the other window\'s edits', async () => {
    const code = freshCode();
    const a = await openStore(code);
    const b = await openStore(code);
    const seen = new Promise<string[]>((resolve) => b.repos.meetings.observe(resolve));
    const meeting = a.repos.meetings.create({ title: '三月主题党日', meetingType: '主题党日', date: '2026-03-15' });
    expect(await seen).toEqual([meeting.id]);
    expect(b.repos.meetings.get(meeting.id)?.title).toBe('三月主题党日');
    // B stores it too (A may not have committed yet); the same update twice is harmless and compaction merges it.
    await a.flush();
    await b.flush();
    expect(await b.updateRowCount()).toBe(2);
    await b.compact();
    const c = await openStore(code);
    expect(c.repos.meetings.list().map((m) => m.title)).toEqual(['三月主题党日']);
  });

  it('upgrades a stored version-1 document on open and saves the upgrade', async () => {
    const code = freshCode();
    const db = new CommunityDb(code);
    await db.updates.add({ update: new Uint8Array(readFileSync(new URL('../../fixtures/community-v1.ybin', import.meta.url))), kind: 'snapshot', at: 0 });
    db.close();
    const a = await openStore(code);
    expect(a.migration).toEqual({ from: 1, to: CURRENT_SCHEMA_VERSION });
    expect(a.orgTree.path('n-building')).toHaveLength(5);
    await a.flush();
    await a.close();
    const b = await openStore(code);
    expect(b.migration).toEqual({ from: CURRENT_SCHEMA_VERSION, to: CURRENT_SCHEMA_VERSION });
    expect(b.repos.orgNodes.get('n-grid')?.kind).toBe('grid');
  });

  it('keeps an edit in memory and retries when IndexedDB refuses the write', async () => {
    const a = await openStore(freshCode());
    const db = (a as unknown as { db: CommunityDb }).db;
    const realAdd = db.updates.add.bind(db.updates);
    let failures = 1;
    db.updates.add = ((...args: Parameters<typeof realAdd>) => {
      if (failures-- > 0) return Promise.reject(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
      return realAdd(...args);
    }) as typeof db.updates.add;
    const states: string[] = [];
    a.onSaveStatus((s) => states.push(s.state + (s.error ? `:${s.error.slice(0, 6)}` : '')));
    a.repos.people.create({ name: '重试', roles: ['志愿者'] });
    await a.flush();
    expect(states).toContain('error:磁盘空间不足');
    expect(a.saveStatus.state).toBe('saved');
    expect(await a.updateRowCount()).toBe(1);
  }, 10_000);
});
