import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCommunityInfo } from '../../src-shared/community/communityInfo';
import { OrgTree } from '../../src-shared/records/orgNode';
import { collectionMap, metaMap } from '../../src-shared/repository/docLayout';
import { viewsOf } from '../fixtures/makeV2Fixture';
import { createRepositories } from '../../src-shared/repository/repositories';
import { migrateDocument } from '../../src-shared/schema/migrations';
import { CURRENT_SCHEMA_VERSION } from '../../src-shared/schema/version';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const v1Fixture = () => new Uint8Array(readFileSync(new URL('../fixtures/community-v1.ybin', import.meta.url)));

describe('schema migrations', () => {
  it('upgrades the stored version-1 fixture to the current version', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, v1Fixture());
    const context = fixedContext({ name: '升级程序' });
    expect(migrateDocument(doc, context)).toEqual({ from: 1, to: CURRENT_SCHEMA_VERSION });
    expect(readCommunityInfo(doc)?.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);

    const repos = createRepositories(doc, context);
    const tree = new OrgTree(repos.orgNodes);
    expect(tree.path('n-building').map((n) => n.kind)).toEqual(['street', 'community', 'grid', 'compound', 'building']);
    const node = repos.orgNodes.get('n-grid');
    expect(node?.meta).toMatchObject({ createdAt: Date.UTC(2024, 5, 2), deleted: false });
    expect(repos.orgNodes.history('n-grid')[0]).toMatchObject({ action: 'migrate', by: '升级程序' });
    const member = repos.people.get('m-1');
    expect(member).toMatchObject({ name: '林则徐', roles: ['党员'], orgNodeId: 'n-building', category: '正式党员', tags: [] });
    expect(doc.getMap('partyMembers').size).toBe(0);
    // The upgraded document is editable through the normal API.
    tree.addChild('n-compound', { name: '5号楼党小组', kind: 'building' });
    expect(tree.children('n-compound')).toHaveLength(2);
  });

  it('is a no-op on a current document and on an empty one', () => {
    const doc = new Y.Doc();
    expect(migrateDocument(doc, fixedContext())).toEqual({ from: 0, to: 0 });
    metaMap(doc).set('schemaVersion', CURRENT_SCHEMA_VERSION);
    const before = Y.encodeStateVector(doc);
    expect(migrateDocument(doc, fixedContext())).toEqual({ from: CURRENT_SCHEMA_VERSION, to: CURRENT_SCHEMA_VERSION });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses a document from a newer app version without touching it', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateVector(doc);
    expect(() => migrateDocument(doc, fixedContext())).toThrow(/请先升级本机软件/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('gives the same result when two PCs migrate the same document concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, v1Fixture());
    Y.applyUpdate(b, v1Fixture());
    migrateDocument(a, fixedContext({ name: '甲' }));
    migrateDocument(b, fixedContext({ name: '乙' }));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(createRepositories(a, fixedContext()).orgNodes.get('n-grid')?.kind).toBe('grid');
  });
});

describe('layout 2 → 3 (one flat map per record)', () => {
  const v2Fixture = () => new Uint8Array(readFileSync(new URL('../fixtures/community-v2.ybin', import.meta.url)));
  const v2Views = () => JSON.parse(readFileSync(new URL('../fixtures/community-v2.json', import.meta.url), 'utf8')) as ReturnType<typeof viewsOf>;
  /** Fields added to a record type after the fixture was made: an old record reads them as their defaults. */
  const ADDED_SINCE: Record<string, Record<string, unknown>> = { agreements: { endedDate: '', endedReason: '' } };
  const v2ViewsNow = () => {
    const views = v2Views();
    for (const [collection, added] of Object.entries(ADDED_SINCE)) for (const r of (views as Record<string, { view: Record<string, unknown> }[]>)[collection] ?? []) Object.assign(r.view, added);
    return views;
  };

  it('upgrades the stored layout-2 document: every record reads as the layout-2 build read it, history included', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, v2Fixture());
    expect(migrateDocument(doc, fixedContext())).toEqual({ from: 2, to: CURRENT_SCHEMA_VERSION });
    const repos = createRepositories(doc, fixedContext({}, Date.UTC(2026, 11, 1)));
    expect(JSON.parse(JSON.stringify(viewsOf(repos)))).toEqual(v2ViewsNow());
    // Nothing of layout 2 is left but the nested maps of Yjs-typed fields (texts and logs, edited in place).
    const person = collectionMap(doc, 'people').values().next().value as Y.Map<unknown>;
    expect([...person.keys()].every((k) => k.startsWith('@') || k.startsWith('h:') || k.startsWith('f:'))).toBe(true);
    const meeting = collectionMap(doc, 'meetings').values().next().value as Y.Map<unknown>;
    expect([...(meeting.get('fields') as Y.Map<unknown>).values()].every((v) => v instanceof Y.AbstractType)).toBe(true);
    // Editable through the normal API, with the history continuing.
    const id = repos.people.list()[0]!.id;
    repos.people.update(id, { phone: '13900000000' });
    expect(repos.people.history(id).at(-1)).toMatchObject({ action: 'update', changes: { phone: { from: '13800000000', to: '13900000000' } } });
    // Running the step again (a PC that saw version 2 once more) rewrites nothing.
    metaMap(doc).set('schemaVersion', 2);
    const before = Y.encodeStateVector(doc);
    migrateDocument(doc, fixedContext());
    const after = Y.decodeStateVector(Y.encodeStateVector(doc));
    const grew = [...after].filter(([client, clock]) => (Y.decodeStateVector(before).get(client) ?? 0) !== clock);
    expect(grew.map(([client]) => client)).toEqual([doc.clientID]); // only the version number was written
    expect(Y.getState(doc.store, doc.clientID) - (Y.decodeStateVector(before).get(doc.clientID) ?? 0)).toBe(1);
  });

  it('two PCs migrating while apart, each with its own unsynced layout-2 edit and edits after, merge with nothing lost', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(a, v2Fixture());
    Y.applyUpdate(b, v2Fixture());
    const people = v2Views().people!.map((p) => p.view as { id: string; name: string; meta: { deleted: boolean } });
    const [x, y, z] = [people[2]!, people[3]!, people[4]!];
    // B's layout-2 build edited x before it was updated (written as that build wrote: nested field map, history array).
    const legacy = collectionMap(b, 'people').get(x.id)!;
    b.transact(() => {
      (legacy.get('fields') as Y.Map<unknown>).set('phone', '13700000002');
      (legacy.get('history') as Y.Array<unknown>).push([{ at: Date.UTC(2026, 10, 20), by: '乙', device: 'pc-b', action: 'update', seen: 1, changes: { phone: { from: '', to: '13700000002' } } }]);
      legacy.set('updatedAt', Date.UTC(2026, 10, 20));
    });
    migrateDocument(a, fixedContext({ name: '甲', device: 'pc-a' }, Date.UTC(2026, 10, 21)));
    migrateDocument(b, fixedContext({ name: '乙', device: 'pc-b' }, Date.UTC(2026, 10, 21)));
    const ra = createRepositories(a, fixedContext({ name: '甲', device: 'pc-a' }, Date.UTC(2026, 10, 22)));
    const rb = createRepositories(b, fixedContext({ name: '乙', device: 'pc-b' }, Date.UTC(2026, 10, 23)));
    ra.people.update(x.id, { name: '林则徐二' });
    rb.people.update(y.id, { note: '乙的备注' } as never);
    rb.people.delete(z.id);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.toJSON()).toEqual(b.toJSON());
    for (const repos of [ra, rb]) {
      expect(repos.people.get(x.id)).toMatchObject({ name: '林则徐二', phone: '13700000002' });
      expect(repos.people.get(y.id)).toMatchObject({ note: '乙的备注' });
      expect(repos.people.get(z.id)?.meta.deleted).toBe(true);
      expect(repos.people.history(x.id).map((h) => h.by)).toEqual(expect.arrayContaining(['乙', '甲']));
      expect(repos.people.count()).toBe(people.filter((p) => !p.meta.deleted).length - 1);
    }
  });
});
