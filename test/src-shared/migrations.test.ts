import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCommunityInfo } from '../../src-shared/community/communityInfo';
import { OrgTree } from '../../src-shared/records/orgNode';
import { metaMap } from '../../src-shared/repository/docLayout';
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
