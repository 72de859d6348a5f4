import { useMemo } from 'react';
import type { OrgTreeNode } from '../../../src-shared/records';
import { MEMBER_FACT_FIELDS, type MemberFacts } from '../../../src-shared/workbench/memberStructure';
import { useRepositoryVersion, useSession } from '../../app/storeContext';

/** The roster's fields 统计 reads, current with every change and merge (read field by field, no view per person). */
export function useMemberFacts(): MemberFacts[] {
  const { store } = useSession();
  const version = useRepositoryVersion(store.repos.people as never);
  return useMemo(() => store.repos.people.pick(MEMBER_FACT_FIELDS) as unknown as MemberFacts[], [store, version]);
}

/** The organisations below the street, depth first as the tree shows them, the community's own at depth 0. */
export function useOrgRows(): { id: string; name: string; parentId: string; depth: number }[] {
  const { store } = useSession();
  const version = useRepositoryVersion(store.repos.orgNodes as never);
  return useMemo(() => {
    const out: { id: string; name: string; parentId: string; depth: number }[] = [];
    const visit = (nodes: OrgTreeNode[], depth: number) => {
      for (const { node, children } of nodes) {
        out.push({ id: node.id, name: node.name, parentId: node.parentId, depth });
        visit(children, depth + 1);
      }
    };
    // The street's node is the root of the tree; the community's organisation and those under it are counted.
    const roots = store.orgTree.tree();
    visit(roots.length === 1 && roots[0]!.node.kind === 'street' ? roots[0]!.children : roots, 0);
    return out;
  }, [store, version]);
}

/** An organisation and every one under it; null (everyone) for the community's top organisation. */
export function scopeOf(rows: readonly { id: string; parentId: string; depth: number }[], id: string): Set<string> | null {
  const node = rows.find((r) => r.id === id);
  if (!node || node.depth === 0) return null;
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) if (!out.has(r.id) && out.has(r.parentId)) grew = out.add(r.id).size > 0;
  }
  return out;
}
