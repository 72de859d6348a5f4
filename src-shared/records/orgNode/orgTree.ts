import { OperationError } from '../../errors';
import { newId } from '../../ids';
import type { CollectionRepository, RecordView } from '../../repository/collectionRepository';
import type { FieldsOf } from '../../schema/collection';
import { allowedChildKinds, orgNodeKindLabel, type OrgNodeKind } from './orgNodeKinds';
import type { orgNodes } from './orgNodeSchema';

export type OrgNode = RecordView<FieldsOf<typeof orgNodes>>;
export interface OrgTreeNode {
  node: OrgNode;
  children: OrgTreeNode[];
}

/** The organisation tree (五级网格) as operations a clerk performs, on top of the org-node repository. */
export class OrgTree {
  constructor(private readonly repo: CollectionRepository<typeof orgNodes>) {}

  /** First run: the street (above the community, for context) and the community's own Party organisation. */
  ensureRoots(streetName: string, communityName: string): void {
    if (this.repo.count({ includeDeleted: true }) > 0) return;
    const street = this.repo.create({ name: `${streetName}党工委`, kind: 'street', parentId: '', order: 0 });
    this.repo.create({ name: `${communityName}党委`, kind: 'community', parentId: street.id, order: 0 });
  }

  tree(options: { includeDeleted?: boolean } = {}): OrgTreeNode[] {
    const nodes = this.repo.list(options);
    const byParent = new Map<string, OrgNode[]>();
    const ids = new Set(nodes.map((n) => n.id));
    for (const node of nodes) {
      // A node whose parent is gone (e.g. deleted on another PC while it was added here) shows at the top, not lost.
      const parent = ids.has(node.parentId) ? node.parentId : '';
      byParent.set(parent, [...(byParent.get(parent) ?? []), node]);
    }
    const build = (parentId: string, seen: Set<string>): OrgTreeNode[] =>
      (byParent.get(parentId) ?? [])
        .filter((n) => !seen.has(n.id))
        .sort((a, b) => a.order - b.order || a.meta.createdAt - b.meta.createdAt || a.id.localeCompare(b.id))
        .map((node) => ({ node, children: build(node.id, new Set([...seen, node.id])) }));
    return build('', new Set());
  }

  get(id: string): OrgNode | undefined {
    return this.repo.get(id);
  }

  children(parentId: string): OrgNode[] {
    return this.repo.list().filter((n) => n.parentId === parentId);
  }

  /** Names from the top of the tree down to the node, e.g. 南街街道党工委 / 三坊七巷社区党委 / 第一网格党支部. */
  path(id: string): OrgNode[] {
    const out: OrgNode[] = [];
    const seen = new Set<string>();
    let current = this.repo.get(id);
    while (current && !seen.has(current.id)) {
      out.unshift(current);
      seen.add(current.id);
      current = current.parentId ? this.repo.get(current.parentId) : undefined;
    }
    return out;
  }

  addChild(parentId: string, input: { name: string; kind: OrgNodeKind }): OrgNode {
    const parent = this.liveNode(parentId, '上级组织');
    if (parent.kind === 'street') throw new OperationError('街道党工委下只有本社区党组织，请在社区党组织或其下级中添加');
    this.checkKindUnder(input.kind, parent);
    const order = Math.max(-1, ...this.children(parentId).map((c) => c.order)) + 1;
    return this.repo.create({ name: input.name, kind: input.kind, parentId, order });
  }

  /** Renames a node; the street's own node is the street office's to name (`asStreet`), never a community clerk's. */
  rename(id: string, name: string, options: { asStreet?: boolean } = {}): OrgNode {
    const node = this.liveNode(id, '组织');
    if (node.kind === 'street' && !options.asStreet) throw new OperationError(`「${node.name}」由街道维护，社区不能修改它的名称；如有错误请联系街道党建办`);
    return this.repo.update(id, { name });
  }

  move(id: string, newParentId: string): OrgNode {
    const node = this.liveNode(id, '组织');
    if (node.kind === 'street' || node.kind === 'community') throw new OperationError(`「${node.name}」是顶层组织，不能移动`);
    const parent = this.liveNode(newParentId, '目标上级组织');
    if (parent.id === node.id || this.path(parent.id).some((n) => n.id === node.id)) {
      throw new OperationError(`不能把「${node.name}」移到它自己或它的下级「${parent.name}」之下`);
    }
    this.checkKindUnder(node.kind, parent);
    if (node.parentId === parent.id) return node;
    const order = Math.max(-1, ...this.children(parent.id).map((c) => c.order)) + 1;
    return this.repo.update(id, { parentId: parent.id, order });
  }

  /** Live descendants, depth first. */
  descendants(id: string): OrgNode[] {
    const out: OrgNode[] = [];
    const visit = (parentId: string) => {
      for (const child of this.children(parentId)) {
        if (out.some((n) => n.id === child.id)) continue;
        out.push(child);
        visit(child.id);
      }
    };
    visit(id);
    return out;
  }

  /** Deletes the node and all its live descendants as one batch, so one restore brings them all back. */
  remove(id: string): { batch: string; count: number } {
    const node = this.liveNode(id, '组织');
    if (node.kind === 'street' || node.kind === 'community') throw new OperationError(`「${node.name}」是顶层组织，不能删除`);
    const batch = newId();
    const all = [node, ...this.descendants(id)];
    for (const n of all) this.repo.delete(n.id, { batch });
    return { batch, count: all.length };
  }

  /**
   * What restoring a node brings back: everything deleted in its batch, and the ancestors that were deleted apart from
   * it (a child cannot come back under a deleted parent, so the clerk is asked whether they come back too).
   */
  restorePlan(id: string): { node: OrgNode; batchCount: number; deletedAncestors: OrgNode[] } {
    const node = this.repo.get(id);
    if (!node) throw new OperationError('找不到这个组织，无法恢复');
    const batch = node.meta.deleteBatch;
    const batchCount = batch ? this.repo.list({ onlyDeleted: true }).filter((n) => n.meta.deleteBatch === batch).length : 1;
    const deletedAncestors = this.path(id).slice(0, -1).filter((n) => n.meta.deleted && n.meta.deleteBatch !== batch);
    return { node, batchCount: Math.max(1, batchCount), deletedAncestors };
  }

  /**
   * Restores a deleted node together with everything deleted in the same batch. Deleted ancestors are restored too
   * (each with its own batch) only when asked; otherwise the restore is refused and says why.
   */
  restore(id: string, options: { withAncestors?: boolean } = {}): { count: number; ancestors: OrgNode[] } {
    const { node, deletedAncestors } = this.restorePlan(id);
    if (!node.meta.deleted) return { count: 0, ancestors: [] };
    if (deletedAncestors.length > 0 && !options.withAncestors) {
      throw new OperationError(`上级组织「${deletedAncestors.at(-1)!.name}」已被删除：请连同上级一起恢复，或先恢复上级组织`);
    }
    let count = 0;
    for (const ancestor of deletedAncestors) if (this.repo.get(ancestor.id)?.meta.deleted) count += this.restoreBatch(ancestor);
    count += this.restoreBatch(this.repo.get(id)!);
    return { count, ancestors: deletedAncestors };
  }

  private restoreBatch(node: OrgNode): number {
    const batch = node.meta.deleteBatch;
    const members = this.repo.list({ onlyDeleted: true }).filter((n) => batch && n.meta.deleteBatch === batch);
    const toRestore = members.length > 0 ? members : [node];
    for (const n of toRestore) this.repo.restore(n.id);
    return toRestore.length;
  }

  private liveNode(id: string, role: string): OrgNode {
    const node = this.repo.get(id);
    if (!node) throw new OperationError(`${role}不存在，可能已被其他电脑删除，请刷新后重试`);
    if (node.meta.deleted) throw new OperationError(`${role}「${node.name}」已删除，请先恢复`);
    return node;
  }

  private checkKindUnder(kind: OrgNodeKind, parent: OrgNode): void {
    const allowed = allowedChildKinds(parent.kind);
    if (!allowed.includes(kind)) {
      const names = allowed.map(orgNodeKindLabel).join('、') || '无';
      throw new OperationError(`${orgNodeKindLabel(parent.kind)}「${parent.name}」下不能设${orgNodeKindLabel(kind)}，可设：${names}`);
    }
  }
}
