import { DeleteOutlined, DownloadOutlined, PlusOutlined, PrinterOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Checkbox, Input, Modal, Popover, Select, Space, Switch, Table, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { headerFitWidth, selectionLabels, useFitHeight } from '../../app/tableFit';
import { maskIdNumber, maskPhone } from '../../../src-shared/privacy/mask';
import type { PersonRole } from '../../../src-shared/records';
import { searchEntry, searchPeople } from '../../../src-shared/search/personSearch';
import { columnsFor, PERSON_COLUMNS, ROLE_COLUMNS, ROLE_DEFAULT_VISIBLE, type TableColumn } from '../../../src-shared/table/columns';
import { orgNodePath, orgNodeResolver } from '../../../src-shared/table/orgNodePaths';
import { personImportVocabulary } from '../../../src-shared/table/personImportVocabulary';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { errorText } from '../../app/errorText';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { responsibilityValues } from '../../../src-shared/records/document/documentTemplates';
import { publicityUntil, useDocumentFromTemplate } from '../documents/newDocument';
import { useLiveList, useSettingsVersion } from '../../app/useLive';
import { ImportWizard, type ImportTarget } from '../import/ImportWizard';
import { PrintPreview } from '../print/PrintPreview';
import { exportRecords } from '../export/exportRecords';
import { longDate } from '../../../src-shared/print/printDocument';
import { ExportDialog } from '../export/ExportDialog';
import { PersonDrawer, orgTreeOptions } from './PersonDrawer';
import { takeIntent } from '../../app/navigation';
import { filterPeople, type Person, type RosterFilter } from './rosterModel';
import { inServiceReportNotice, memberResponsibilityPoster } from '../../../src-shared/print/posters';
import { compareChinese } from '../../../src-shared/text/chineseOrder';

/** One roster tab: a virtualised, sortable, filterable table of the people holding a role, with batch actions. */
export function PeopleTable({ role }: { role: PersonRole | '全部' }) {
  const session = useSession();
  const { store } = session;
  const { message, modal } = AntApp.useApp();
  const documentFromTemplate = useDocumentFromTemplate();
  const [showDeleted, setShowDeleted] = useState(false);
  const all = useLiveList(store.repos.people, { onlyDeleted: showDeleted });
  useSettingsVersion(store.settings);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<RosterFilter>({ tags: [] });
  const storageKey = `roster-columns:${role}`;
  const [visible, setVisible] = useState<string[]>(() => JSON.parse(localStorage.getItem(storageKey) ?? 'null') ?? [...ROLE_DEFAULT_VISIBLE[role]!]);
  const [selected, setSelected] = useState<string[]>([]);
  // A person opened from 今日待办 (a 预备党员 due for 转正) shows at once.
  const [editing, setEditing] = useState<Person | 'new' | null>(() => {
    const id = takeIntent('roster')?.id;
    return (id && store.repos.people.get(id)) || null;
  });
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [batch, setBatch] = useState<'move' | 'tag' | null>(null);
  const tableTop = useRef<HTMLDivElement>(null);
  const tableHeight = useFitHeight(tableTop);

  const inRole = useMemo(() => (role === '全部' ? all : all.filter((p) => p.roles.includes(role))), [all, role]);
  // The pinyin index is built when the clerk first types, not on every opening of the tab.
  const searching = query.trim() !== '';
  const entries = useMemo(() => (searching ? inRole.map((p) => searchEntry(p.id, p.name, [p.phone, p.idNumber])) : []), [inRole, searching]);
  const rows = useMemo(() => {
    if (!searching) return filterPeople(inRole, filter, store.orgTree);
    // Search results in rank order: names matched from their start first.
    const rank = new Map(searchPeople(entries, query).map((id, i) => [id, i]));
    const found = inRole.filter((p) => rank.has(p.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    return filterPeople(found, filter, store.orgTree);
  }, [entries, inRole, query, searching, filter, store.orgTree]);
  const orgOptions = useMemo(() => orgTreeOptions(store.orgTree.tree()), [store, all]);
  const available = columnsFor(role === '全部' ? PERSON_COLUMNS.map((c) => c.field) : [...new Set([...ROLE_COLUMNS[role]!, 'roles', 'note'])]);
  const shownColumns = available.filter((c) => visible.includes(c.field));

  const tableColumns: ColumnsType<Person> = shownColumns.map((c) => ({
    title: c.header,
    key: c.field,
    width: headerFitWidth(c.header, (c.width ?? 12) * 9),
    ellipsis: true,
    fixed: c.field === 'name' ? 'left' : undefined,
    sorter: (a, b) => compareChinese(cellValue(a, c), cellValue(b, c)),
    render: (_: unknown, p: Person) => (c.field === 'name' ? <a onClick={() => setEditing(p)}>{p.name}</a> : cellValue(p, c)),
  }));
  function cellValue(p: Person, c: TableColumn): string {
    const v = (p as unknown as Record<string, unknown>)[c.field];
    if (c.kind === 'idNumber') return maskIdNumber(String(v ?? ''));
    if (c.kind === 'phone') return maskPhone(String(v ?? ''));
    if (c.kind === 'orgNode') return v ? orgNodePath(store.orgTree, String(v)) : '';
    if (Array.isArray(v)) return v.join('、');
    return String(v ?? '');
  }

  const list = (key: Parameters<typeof store.settings.list>[0]) => store.settings.list(key).map((v) => ({ value: v, label: v }));
  const selectedPeople = rows.filter((p) => selected.includes(p.id));
  const runBatch = (label: string, fn: (p: Person) => void) => {
    try {
      store.doc.transact(() => selectedPeople.forEach(fn));
      void message.success(`${label}：${selectedPeople.length} 人`);
      setSelected([]);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const importTarget: ImportTarget = {
    label: role === '全部' ? '人员' : role,
    repo: store.repos.people as unknown as AnyRepository,
    columns: PERSON_COLUMNS,
    templateColumns: columnsFor(role === '全部' ? ['name', 'roles', ...ROLE_COLUMNS['党员']!.slice(1)] : ROLE_COLUMNS[role]!),
    // The example row must pass the app's own checks: this ID number is a woman's, born 1949-12-31.
    templateExample: { name: '李秀英', roles: role === '全部' ? '党员' : role, gender: '女', ethnicity: '汉族', birthDate: '1949-12-31', idNumber: '11010519491231002X', category: '正式党员', joinDate: '1975-07-01', confirmDate: '1976-07-01', phone: '13812345678', employer: '某单位 科员' },
    allowed: { ethnicity: store.settings.list('ethnicities'), education: store.settings.list('educations'), partyStatus: store.settings.list('partyStatuses'), tags: store.settings.list('memberTags'), post: store.settings.list('posts'), category: ['正式党员', '预备党员'], gender: ['男', '女'] },
    choiceOptions: (field) =>
      field === 'orgNodeId'
        ? store.orgTree.tree().flatMap(function flat(n): { value: string; label: string }[] { return [{ value: n.node.id, label: orgNodePath(store.orgTree, n.node.id) }, ...n.children.flatMap(flat)]; }).filter((o) => store.orgTree.get(o.value)?.kind !== 'street')
        : (personImportVocabulary(store.settings, store.orgTree).choices(field) ?? []).map((v) => ({ value: v, label: v })),
    options: {
      matchField: 'idNumber',
      resolveOrgNode: orgNodeResolver(store.orgTree),
      vocabulary: personImportVocabulary(store.settings, store.orgTree),
      prepare: (values, existing) => {
        if (role === '全部' || values.roles) return values;
        const had = (existing?.roles as string[] | undefined) ?? [];
        return { ...values, roles: had.includes(role) ? had : [...had, role] };
      },
    },
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label="搜索人员" allowClear placeholder="姓名、拼音或首字母（如 zs）、电话或身份证号后几位" style={{ width: 360 }} value={query} onChange={(e) => setQuery(e.target.value)} />
        <TreeSelect aria-label="按党组织筛选" virtual={false} listHeight={400} allowClear placeholder="党组织" style={{ width: 200 }} treeDefaultExpandAll treeData={orgOptions} value={filter.orgNodeId} onChange={(v) => setFilter((f) => ({ ...f, orgNodeId: v }))} />
        {role === '党员' && (
          <>
            <Select aria-label="按人员类别筛选" allowClear placeholder="人员类别" style={{ width: 120 }} options={[{ value: '正式党员', label: '正式党员' }, { value: '预备党员', label: '预备党员' }]} value={filter.category} onChange={(v) => setFilter((f) => ({ ...f, category: v }))} />
            <Select aria-label="按党员状态筛选" allowClear placeholder="党员状态" style={{ width: 120 }} options={list('partyStatuses')} value={filter.partyStatus} onChange={(v) => setFilter((f) => ({ ...f, partyStatus: v }))} />
          </>
        )}
        <Select aria-label="按标签筛选" mode="multiple" allowClear placeholder="标签" style={{ minWidth: 140 }} options={list('memberTags')} value={filter.tags} onChange={(v) => setFilter((f) => ({ ...f, tags: v }))} />
        <Popover
          trigger="click"
          title="显示哪些列"
          content={
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', maxWidth: 360 }}
              value={visible}
              options={available.map((c) => ({ value: c.field, label: c.header, disabled: c.field === 'name' }))}
              onChange={(v) => {
                setVisible(v as string[]);
                localStorage.setItem(storageKey, JSON.stringify(v));
              }}
            />
          }
        >
          <Button icon={<SettingOutlined />}>列设置</Button>
        </Popover>
        <Space>
          <Switch checked={showDeleted} onChange={(v) => { setShowDeleted(v); setSelected([]); }} aria-label="显示已删除" />
          <span>已删除</span>
        </Space>
      </Space>
      <Space wrap>
        {!showDeleted && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增{role === '全部' ? '人员' : role}</Button>}
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入Excel/CSV</Button>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)}>导出当前列表</Button>
        {role === '党员' && <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} disabled={!filter.orgNodeId}>打印党员公示牌</Button>}
        {role === '在职党员' && <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>打印报到公示名单</Button>}
        {role === '党员' && (
          <Button onClick={() => documentFromTemplate('责任区公示', responsibilityValues(rows.map((p) => ({ name: p.name, area: p.responsibilityArea, commitment: p.commitment })), { communityName: store.info?.name ?? '', phone: store.settings.supervisionPhone(), until: publicityUntil() }), 'responsibility')}
            disabled={!rows.some((p) => p.responsibilityArea.trim())} title="名单中有“党员责任区”的党员，按当前筛选">生成责任区公示</Button>
        )}
        <Typography.Text data-testid="roster-count">共 {rows.length} 人{selected.length > 0 ? `，已选 ${selected.length} 人` : ''}</Typography.Text>
        {role === '党员' && !filter.orgNodeId && <Typography.Text type="secondary">打印公示牌：先在“党组织”中选择楼栋或网格</Typography.Text>}
      </Space>
      {selected.length > 0 && (
        <Space wrap>
          {showDeleted ? (
            <Button onClick={() => runBatch('已恢复', (p) => store.repos.people.restore(p.id))}>恢复所选</Button>
          ) : (
            <>
              <Button onClick={() => setBatch('move')}>移动到党组织…</Button>
              <Button onClick={() => setBatch('tag')}>添加标签…</Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => modal.confirm({ title: `删除所选 ${selected.length} 人？`, content: '删除后可打开“已删除”开关恢复。', okText: '删除', okButtonProps: { danger: true }, cancelText: '取消', onOk: () => runBatch('已删除', (p) => store.repos.people.delete(p.id)) })}>
                删除所选
              </Button>
            </>
          )}
        </Space>
      )}
      <div ref={tableTop} />
      <Table<Person>
        virtual
        size="small"
        rowKey="id"
        data-testid="roster-table"
        pagination={false}
        scroll={{ y: tableHeight, x: tableColumns.reduce((s, c) => s + Number(c.width ?? 100), 40) }}
        columns={tableColumns}
        dataSource={rows}
        rowSelection={{ ...selectionLabels<Person>((p) => p.name), selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        showSorterTooltip={false}
        locale={{ emptyText: query ? `没有找到“${query}”` : '还没有人员：可“新增”或“导入Excel/CSV”' }}
      />
      {editing && <PersonDrawer person={editing === 'new' ? undefined : editing} defaultRole={role === '全部' ? '党员' : role} onClose={() => setEditing(null)} />}
      {importing && <ImportWizard target={importTarget} onClose={() => setImporting(false)} />}
      {exporting && (
        <ExportDialog
          count={rows.length}
          personal="身份证号和电话"
          onCancel={() => setExporting(false)}
          onExport={async (full, reason) => {
            try {
              await exportRecords(store, { label: role === '全部' ? '人员名册' : `${role}名册`, records: rows as unknown as Record<string, unknown>[], columns: shownColumns, full, reason, context: session.context });
              setExporting(false);
            } catch (error) {
              void message.error(errorText(error));
            }
          }}
        />
      )}
      {printing && (
        <PrintPreview
          note="公开张贴的公示牌只显示脱敏电话，不含身份证号。"
          onClose={() => setPrinting(false)}
          build={(paper, orientation) => {
            const context = { communityName: store.info?.name ?? '', supervisionPhone: store.settings.supervisionPhone(), paper, orientation, printedOn: longDate(today()) };
            if (role === '在职党员') return inServiceReportNotice(rows, context);
            const unit = filter.orgNodeId ? (store.orgTree.get(filter.orgNodeId)?.name ?? '') : '';
            return memberResponsibilityPoster(unit, rows, context);
          }}
        />
      )}
      {batch && (
        <BatchDialog
          kind={batch}
          orgOptions={orgOptions}
          tagOptions={list('memberTags')}
          onCancel={() => setBatch(null)}
          onApply={(value) => {
            if (batch === 'move') runBatch('已移动', (p) => store.repos.people.update(p.id, { orgNodeId: value }));
            else runBatch(`已添加标签「${value}」`, (p) => !p.tags.includes(value) && store.repos.people.update(p.id, { tags: [...p.tags, value] }));
            setBatch(null);
          }}
        />
      )}
    </Space>
  );
}

function BatchDialog(props: { kind: 'move' | 'tag'; orgOptions: ReturnType<typeof orgTreeOptions>; tagOptions: { value: string; label: string }[]; onCancel(): void; onApply(value: string): void }) {
  const [value, setValue] = useState<string | undefined>();
  return (
    <Modal open title={props.kind === 'move' ? '移动到党组织' : '添加标签'} okText="确定" cancelText="取消" okButtonProps={{ disabled: !value }} onCancel={props.onCancel} onOk={() => value && props.onApply(value)}>
      {props.kind === 'move' ? (
        <TreeSelect aria-label="目标党组织" style={{ width: "100%" }} virtual={false} listHeight={400} treeDefaultExpandAll treeData={props.orgOptions} value={value} onChange={setValue} />
      ) : (
        <Select aria-label="要添加的标签" style={{ width: '100%' }} options={props.tagOptions} value={value} onChange={setValue} />
      )}
    </Modal>
  );
}

