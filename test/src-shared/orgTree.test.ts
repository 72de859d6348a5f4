import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OperationError } from '../../src-shared/errors';
import { OrgTree } from '../../src-shared/records/orgNode';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

function fiveLevels() {
  const repos = createRepositories(new Y.Doc(), fixedContext());
  const tree = new OrgTree(repos.orgNodes);
  tree.ensureRoots('南街街道', '三坊七巷社区');
  const [street] = tree.tree();
  const community = street!.children[0]!.node;
  const grid = tree.addChild(community.id, { name: '第一网格党支部', kind: 'grid' });
  const compound = tree.addChild(grid.id, { name: '光禄坊小区党支部', kind: 'compound' });
  const building = tree.addChild(compound.id, { name: '3号楼党小组', kind: 'building' });
  return { repos, tree, street: street!.node, community, grid, compound, building };
}

const names = (nodes: { node: { name: string }; children: unknown[] }[]): unknown =>
  nodes.map((n) => [n.node.name, names(n.children as never)]);

describe('OrgTree', () => {
  it('builds the five-level tree from street to building group', () => {
    const { tree, building } = fiveLevels();
    expect(names(tree.tree())).toEqual([
      ['南街街道党工委', [['三坊七巷社区党委', [['第一网格党支部', [['光禄坊小区党支部', [['3号楼党小组', []]]]]]]]]],
    ]);
    expect(tree.path(building.id).map((n) => n.kind)).toEqual(['street', 'community', 'grid', 'compound', 'building']);
  });

  it('refuses kinds the organisation does not allow under a parent', () => {
    const { tree, building, community } = fiveLevels();
    expect(() => tree.addChild(building.id, { name: '某某', kind: 'grid' })).toThrow(OperationError);
    expect(() => tree.addChild(community.id, { name: '某小区', kind: 'compound' })).toThrow(/社区党组织「三坊七巷社区党委」下不能设小区党支部/);
  });

  it('moves a node, but never under itself or its own descendants', () => {
    const { tree, community, grid, compound, building } = fiveLevels();
    const grid2 = tree.addChild(community.id, { name: '第二网格党支部', kind: 'grid' });
    tree.move(compound.id, grid2.id);
    expect(tree.path(building.id).map((n) => n.name)).toContain('第二网格党支部');
    expect(() => tree.move(grid.id, grid.id)).toThrow(/不能把「第一网格党支部」移到它自己或它的下级/);
    const grid3 = tree.addChild(community.id, { name: '第三网格党支部', kind: 'grid' });
    const compound3 = tree.addChild(grid3.id, { name: '三坊小区党支部', kind: 'compound' });
    expect(() => tree.move(grid3.id, compound3.id)).toThrow(OperationError);
    expect(() => tree.move(community.id, grid3.id)).toThrow(/顶层组织，不能移动/);
  });

  it('deletes a node with its descendants as one batch and restores them together', () => {
    const { tree, repos, grid, compound, building } = fiveLevels();
    expect(tree.remove(grid.id).count).toBe(3);
    expect(repos.orgNodes.list().map((n) => n.name).sort()).toEqual(['三坊七巷社区党委', '南街街道党工委']);
    expect(() => tree.restore(building.id)).not.toThrow(); // same batch: restores the whole branch
    expect(tree.path(building.id).map((n) => n.id)).toContain(compound.id);
    expect(repos.orgNodes.list()).toHaveLength(5);
  });

  it('refuses to restore a node whose parent was deleted separately', () => {
    const { tree, grid, compound } = fiveLevels();
    tree.remove(compound.id);
    tree.remove(grid.id);
    expect(() => tree.restore(compound.id)).toThrow(/上级组织「第一网格党支部」已被删除：请连同上级一起恢复/);
    expect(tree.restorePlan(compound.id).deletedAncestors.map((n) => n.name)).toEqual(['第一网格党支部']);
    tree.restore(grid.id);
    expect(tree.restore(compound.id).count).toBe(2);
  });

  it('restores a node together with its separately deleted parent when asked', () => {
    const { tree, repos, grid, compound, building } = fiveLevels();
    tree.remove(compound.id);
    tree.remove(grid.id);
    const result = tree.restore(compound.id, { withAncestors: true });
    expect(result.ancestors.map((n) => n.name)).toEqual(['第一网格党支部']);
    expect(result.count).toBe(3);
    for (const n of [grid, compound, building]) expect(repos.orgNodes.get(n.id)?.meta.deleted).toBe(false);
  });

  it('leaves the street node to the street office', () => {
    const { tree, repos } = fiveLevels();
    const street = repos.orgNodes.list().find((n) => n.kind === 'street')!;
    expect(() => tree.rename(street.id, '别的街道党工委')).toThrow(/由街道维护，社区不能修改它的名称/);
    expect(tree.rename(street.id, '南街街道党工委（新）', { asStreet: true }).name).toBe('南街街道党工委（新）');
  });

  it('renames with history', () => {
    const { tree, repos, grid } = fiveLevels();
    tree.rename(grid.id, '第一网格（南后街）党支部');
    const h = repos.orgNodes.history(grid.id);
    expect(h.at(-1)?.changes).toEqual({ name: { from: '第一网格党支部', to: '第一网格（南后街）党支部' } });
    expect(() => tree.rename(grid.id, '')).toThrow(/「组织名称」不能为空/);
  });
});
