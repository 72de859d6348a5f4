import type { OrgTree } from '../records/orgNode';

/**
 * How spreadsheets name organisation nodes: the path below the community (第一网格党支部/光禄坊小区党支部/3号楼党小组),
 * or just the name when it is unique.
 */
export function orgNodePath(tree: OrgTree, id: string): string {
  return tree
    .path(id)
    .filter((n) => n.kind !== 'street' && n.kind !== 'community')
    .map((n) => n.name)
    .join('/') || (tree.get(id)?.name ?? '');
}

export function orgNodeResolver(tree: OrgTree): (text: string) => { id: string } | { problem: string } {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const node of tree.tree().flatMap(function flat(n): typeof n[] { return [n, ...n.children.flatMap(flat)]; })) {
    byPath.set(orgNodePath(tree, node.node.id), node.node.id);
    byName.set(node.node.name, [...(byName.get(node.node.name) ?? []), node.node.id]);
  }
  return (raw) => {
    const text = raw.replace(/\s*[/／>＞]\s*/g, '/').trim();
    const exact = byPath.get(text);
    if (exact) return { id: exact };
    const named = byName.get(text.split('/').at(-1) ?? text) ?? [];
    if (named.length === 1) return { id: named[0]! };
    if (named.length > 1) return { problem: `名称「${text}」对应${named.length}个组织，请写完整路径，例如「${orgNodePath(tree, named[0]!)}」` };
    return { problem: `找不到党组织「${text}」，请先在「组织架构」中添加，或改成已有组织的名称` };
  };
}
