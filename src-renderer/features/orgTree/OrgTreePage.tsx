import { DeleteOutlined, PlusOutlined, RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Empty, Form, Input, List, Modal, Row, Select, Space, Tag, Tree, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  allowedChildKinds, orgNodeKindLabel, orgNodes, type OrgNode, type OrgNodeKind, type OrgTreeNode,
} from '../../../src-shared/records/orgNode';
import { errorText } from '../../app/errorText';
import { useRun } from '../../app/useRun';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { HistoryTimeline } from '../../app/HistoryTimeline';
import { blockEnterSubmit } from '../../app/formKeys';
import { peekClaims } from '../../../src-shared/sync/access';

interface TreeItem {
  key: string;
  title: React.ReactNode;
  value: string;
  disabled?: boolean;
  children: TreeItem[];
}

/** The organisation tree editor: add, rename, move, delete (with confirmation) and restore nodes; see their history. */
export function OrgTreePage() {
  const { store, syncSettings } = useSession();
  // Street staff (signed in with a street token) may name the street's node; a community clerk may not.
  const streetStaff = (syncSettings ? peekClaims(syncSettings.token)?.scope.length : 0) === 9;
  const tree = store.orgTree;
  const version = useRepositoryVersion(store.repos.orgNodes);
  const { message, modal } = AntApp.useApp();
  const roots = useMemo(() => tree.tree(), [tree, version]);
  const allIds = useMemo(() => flatten(roots).map((n) => n.node.id), [roots]);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState(false);
  const [binOpen, setBinOpen] = useState(false);
  const selected = selectedId ? tree.get(selectedId) : undefined;
  const live = selected && !selected.meta.deleted ? selected : undefined;

  const run = useRun();

  const confirmDelete = (node: OrgNode) => {
    const below = tree.descendants(node.id).length;
    modal.confirm({
      title: `删除「${node.name}」？`,
      content: below > 0 ? `将同时删除它的 ${below} 个下级组织。删除后可在「回收站」中恢复。` : '删除后可在「回收站」中恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        run(() => tree.remove(node.id), `已删除「${node.name}」`);
        setSelectedId(undefined);
      },
    });
  };

  /** A node under a deleted parent comes back only with it, and only when the clerk says so. */
  const restore = (node: OrgNode) => {
    let plan: ReturnType<typeof tree.restorePlan>;
    try {
      plan = tree.restorePlan(node.id);
    } catch (error) {
      return void message.error(errorText(error));
    }
    const together = plan.batchCount > 1 ? `（及与它一起删除的 ${plan.batchCount - 1} 个下级组织）` : '';
    if (plan.deletedAncestors.length === 0) {
      return void run(() => tree.restore(node.id), `已恢复「${node.name}」${together}`);
    }
    const names = plan.deletedAncestors.map((a) => `「${a.name}」`).join('、');
    modal.confirm({
      title: `恢复「${node.name}」？`,
      content: `它的上级组织${plan.deletedAncestors.length > 1 ? names : `「${plan.deletedAncestors[0]!.name}」`}也已删除。组织不能恢复到已删除的上级之下：恢复「${node.name}」${together}须连同上级一起恢复（与上级一起删除的组织也会恢复）。`,
      okText: '连同上级一起恢复',
      cancelText: '取消',
      onOk: () => run(() => tree.restore(node.id, { withAncestors: true }), `已恢复「${node.name}」及上级${names}`),
    });
  };

  const treeData = useMemo(() => toTreeItems(roots, (n) => <NodeTitle node={n} />), [roots]);

  return (
    <Row gutter={16}>
      <Col span={10}>
        <Card
          title="组织架构（五级网格）"
          extra={
            <Button icon={<RollbackOutlined />} onClick={() => setBinOpen(true)}>
              回收站
            </Button>
          }
        >
          <Tree
            showLine
            blockNode
            expandedKeys={allIds}
            selectedKeys={selectedId ? [selectedId] : []}
            // Clicking the selected node again keeps it selected (antd would toggle it off).
            onSelect={(_keys, info) => setSelectedId(String(info.node.key))}
            treeData={treeData}
            aria-label="组织架构树"
          />
        </Card>
      </Col>
      <Col span={14}>
        {live ? (
          <NodeDetails
            key={live.id + version}
            node={live}
            onRename={(name) => run(() => tree.rename(live.id, name, { asStreet: streetStaff }), '已保存名称')}
            streetStaff={streetStaff}
            onAdd={() => setAdding(true)}
            onMove={() => setMoving(true)}
            onDelete={() => confirmDelete(live)}
          />
        ) : (
          <Card>
            <Empty description="在左侧选择一个组织，查看和修改它" />
          </Card>
        )}
      </Col>
      {live && adding && (
        <AddChildModal
          parent={live}
          onCancel={() => setAdding(false)}
          onSubmit={(name, kind) => {
            let created: OrgNode | undefined;
            const ok = run(() => {
              created = tree.addChild(live.id, { name, kind });
            }, `已添加「${name}」`);
            if (ok) {
              setAdding(false);
              setSelectedId(created?.id);
            }
          }}
        />
      )}
      {live && moving && (
        <MoveModal
          node={live}
          roots={roots}
          onCancel={() => setMoving(false)}
          onSubmit={(parentId) => {
            if (run(() => tree.move(live.id, parentId), `已移动「${live.name}」`)) setMoving(false);
          }}
        />
      )}
      <RecycleBin open={binOpen} version={version} onClose={() => setBinOpen(false)} onRestore={restore} />
    </Row>
  );
}

function NodeTitle({ node }: { node: OrgNode }) {
  return (
    <span>
      <span>{node.name}</span>
      <Tag style={{ marginInlineStart: 8 }}>{orgNodeKindLabel(node.kind)}</Tag>
    </span>
  );
}

function NodeDetails(props: { node: OrgNode; streetStaff: boolean; onRename(name: string): void; onAdd(): void; onMove(): void; onDelete(): void }) {
  const { store } = useSession();
  const { node } = props;
  const [name, setName] = useState(node.name);
  const path = store.orgTree.path(node.id);
  const top = node.kind === 'street' || node.kind === 'community';
  const locked = node.kind === 'street' && !props.streetStaff;
  const canAdd = node.kind !== 'street' && allowedChildKinds(node.kind).length > 0;
  const history = store.repos.orgNodes.history(node.id);
  const labels = orgNodes.fieldLabels as Record<string, string>;
  const show = (field: string, value: unknown) => {
    if (field === 'kind') return orgNodeKindLabel(value as OrgNodeKind);
    if (field === 'parentId') return store.orgTree.get(String(value))?.name ?? '（无）';
    return String(value ?? '');
  };

  return (
    <Card title={node.name} extra={<Tag color="red">{orgNodeKindLabel(node.kind)}</Tag>}>
      <Typography.Paragraph type="secondary">{path.map((n) => n.name).join(' / ')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => props.onRename(name)} onKeyDown={blockEnterSubmit}>
        <Form.Item label="组织名称" extra={locked ? '街道党工委由街道维护，社区不能修改名称或移动；如有错误请联系街道党建办。' : undefined}>
          <Space.Compact style={{ width: '100%' }}>
            <Input aria-label="组织名称" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} disabled={locked} />
            <Button type="primary" htmlType="submit" disabled={locked || name === node.name}>
              保存名称
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<PlusOutlined />} onClick={props.onAdd} disabled={!canAdd}>
          添加下级组织
        </Button>
        <Button icon={<SwapOutlined />} onClick={props.onMove} disabled={top}>
          移动到…
        </Button>
        <Button icon={<DeleteOutlined />} danger onClick={props.onDelete} disabled={top}>
          删除
        </Button>
      </Space>
      <Typography.Title level={5}>修改记录</Typography.Title>
      <HistoryTimeline testId="node-history" history={history} current={node as unknown as Record<string, unknown>} labels={labels} show={show} />
    </Card>
  );
}

function AddChildModal(props: { parent: OrgNode; onCancel(): void; onSubmit(name: string, kind: OrgNodeKind): void }) {
  const kinds = allowedChildKinds(props.parent.kind);
  const [form] = Form.useForm<{ name: string; kind: OrgNodeKind }>();
  return (
    <Modal
      open
      title={`在「${props.parent.name}」下添加组织`}
      okText="添加"
      cancelText="取消"
      onCancel={props.onCancel}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: kinds[0] }} onFinish={(v) => props.onSubmit(v.name, v.kind)} onKeyDown={blockEnterSubmit}>
        <Form.Item name="kind" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select aria-label="组织类型" options={kinds.map((k) => ({ value: k, label: orgNodeKindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请填写组织名称，例如「第一网格党支部」' }]}>
          <Input aria-label="新组织名称" placeholder="例如：第一网格党支部" maxLength={50} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MoveModal(props: { node: OrgNode; roots: OrgTreeNode[]; onCancel(): void; onSubmit(parentId: string): void }) {
  const { store } = useSession();
  const [target, setTarget] = useState<string | undefined>();
  const banned = new Set([props.node.id, ...store.orgTree.descendants(props.node.id).map((n) => n.id)]);
  const data = toTreeItems(props.roots, (n) => `${n.name}（${orgNodeKindLabel(n.kind)}）`, (n) =>
    banned.has(n.id) || !allowedChildKinds(n.kind).includes(props.node.kind) || n.kind === 'street',
  );
  return (
    <Modal
      open
      title={`把「${props.node.name}」移动到…`}
      okText="移动"
      cancelText="取消"
      okButtonProps={{ disabled: !target }}
      onCancel={props.onCancel}
      onOk={() => target && props.onSubmit(target)}
    >
      <Typography.Paragraph type="secondary">只能移到允许设{orgNodeKindLabel(props.node.kind)}的上级组织下；它的下级组织会一起移动。</Typography.Paragraph>
      <TreeSelect aria-label="新的上级组织" style={{ width: "100%" }} virtual={false} listHeight={400} treeDefaultExpandAll treeData={data} value={target} onChange={setTarget} placeholder="选择新的上级组织" />
    </Modal>
  );
}

function RecycleBin(props: { open: boolean; version: number; onClose(): void; onRestore(node: OrgNode): void }) {
  const { store } = useSession();
  const deleted = props.open
    ? store.repos.orgNodes.list({ onlyDeleted: true }).sort((a, b) => (b.meta.deletedAt ?? 0) - (a.meta.deletedAt ?? 0))
    : [];
  return (
    <Modal open={props.open} title="回收站：已删除的组织" footer={null} onCancel={props.onClose} width={640}>
      <List
        locale={{ emptyText: '回收站是空的' }}
        dataSource={deleted}
        renderItem={(node) => (
          <List.Item
            actions={[
              <Button key="restore" size="small" onClick={() => props.onRestore(node)}>
                恢复
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${node.name}（${orgNodeKindLabel(node.kind)}）`}
              description={`${node.meta.deletedBy} 删除于 ${new Date(node.meta.deletedAt ?? 0).toLocaleString('zh-CN')}`}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}

function flatten(nodes: OrgTreeNode[]): OrgTreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function toTreeItems(nodes: OrgTreeNode[], title: (n: OrgNode) => React.ReactNode, disabled?: (n: OrgNode) => boolean): TreeItem[] {
  return nodes.map(({ node, children }) => ({
    key: node.id,
    value: node.id,
    title: title(node),
    disabled: disabled?.(node),
    children: toTreeItems(children, title, disabled),
  }));
}
