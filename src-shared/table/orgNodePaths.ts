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

/** The common endings of Party organisation names, so 第一网格 finds 第一网格党支部 and 3号楼 finds 3号楼党小组. */
const ORG_SUFFIX = /(党委|党总支|总支部|党支部|支部|党小组|小组)$/;

/**
 * Finds a node by how a sheet names it: its path, its unique name, or (marked not exact) a short form that only one
 * node fits: the name without its ending (第一网格 → 第一网格党支部) or the unique node whose name starts with it.
 */
export function orgNodeResolver(tree: OrgTree): (text: string) => { id: string; exact: boolean } | { problem: string } {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const node of tree.tree().flatMap(function flat(n): typeof n[] { return [n, ...n.children.flatMap(flat)]; })) {
    byPath.set(orgNodePath(tree, node.node.id), node.node.id);
    byName.set(node.node.name, [...(byName.get(node.node.name) ?? []), node.node.id]);
  }
  return (raw) => {
    const text = raw.replace(/\s*[/／>＞]\s*/g, '/').trim();
    const exact = byPath.get(text);
    if (exact) return { id: exact, exact: true };
    const last = text.split('/').at(-1) ?? text;
    const named = byName.get(last) ?? [];
    if (named.length === 1) return { id: named[0]!, exact: true };
    if (named.length > 1) return { problem: `名称「${text}」对应${named.length}个组织，请写完整路径，例如「${orgNodePath(tree, named[0]!)}」` };
    const short = last.replace(ORG_SUFFIX, '');
    const fits = [...byName.entries()].filter(([name]) => short.length >= 2 && (name.replace(ORG_SUFFIX, '') === short || name.startsWith(last))).flatMap(([, ids]) => ids);
    if (fits.length === 1) return { id: fits[0]!, exact: false };
    return { problem: `找不到党组织「${text}」，请先在「组织架构」中添加，或改成已有组织的名称` };
  };
}
