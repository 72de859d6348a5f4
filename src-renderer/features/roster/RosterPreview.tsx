import { Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef } from 'react';
import { maskIdNumber, maskPhone } from '../../../src-shared/privacy/mask';
import { columnsFor, PERSON_COLUMNS, ROLE_COLUMNS, ROLE_DEFAULT_VISIBLE, type TableColumn } from '../../../src-shared/table/columns';
import { headerFitWidth, useFitHeight } from '../../app/tableFit';
import { previewOrgPaths, type CommunityPreview, type PreviewRecord } from '../../data/communityPreview';
import { TABS } from './RosterPage';

/**
 * The roster as its tabs show it (the columns each tab shows, personal data masked), read-only, from the projection
 * rows: what the clerk sees while the community's document is still being decoded.
 */
export function RosterPreview({ preview }: { preview: CommunityPreview }) {
  const paths = useMemo(() => previewOrgPaths(preview.orgNodes), [preview]);
  return <Tabs items={TABS.map((role) => ({ key: role, label: role === '全部' ? '全部人员' : role, children: <PreviewTable role={role} people={preview.people} paths={paths} /> }))} />;
}

function PreviewTable({ role, people, paths }: { role: (typeof TABS)[number]; people: PreviewRecord[]; paths: Map<string, string> }) {
  const top = useRef<HTMLDivElement>(null);
  const height = useFitHeight(top);
  const rows = useMemo(() => (role === '全部' ? people : people.filter((p) => Array.isArray(p.roles) && p.roles.includes(role))), [people, role]);
  const visible: string[] = JSON.parse(localStorage.getItem(`roster-columns:${role}`) ?? 'null') ?? [...ROLE_DEFAULT_VISIBLE[role]!];
  const available = columnsFor(role === '全部' ? PERSON_COLUMNS.map((c) => c.field) : [...new Set([...ROLE_COLUMNS[role]!, 'roles', 'note'])]);
  const cell = (p: PreviewRecord, c: TableColumn): string => {
    const v = p[c.field];
    if (c.kind === 'idNumber') return maskIdNumber(String(v ?? ''));
    if (c.kind === 'phone') return maskPhone(String(v ?? ''));
    if (c.kind === 'orgNode') return v ? paths.get(String(v)) ?? '' : '';
    if (Array.isArray(v)) return v.join('、');
    return String(v ?? '');
  };
  const columns: ColumnsType<PreviewRecord> = available.filter((c) => visible.includes(c.field)).map((c) => ({
    title: c.header,
    key: c.field,
    width: headerFitWidth(c.header, (c.width ?? 12) * 9),
    ellipsis: true,
    fixed: c.field === 'name' ? 'left' : undefined,
    render: (_: unknown, p: PreviewRecord) => cell(p, c),
  }));
  return (
    <div ref={top}>
      <div style={{ marginBottom: 8, color: '#888' }} data-testid="roster-preview-count">共 {rows.length} 人（只读，全部数据载入后即可查找、编辑）</div>
      <Table<PreviewRecord>
        rowKey="id"
        size="small"
        virtual
        data-testid="roster-preview"
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ y: height, x: columns.reduce((s, c) => s + Number(c.width ?? 100), 40) }}
      />
    </div>
  );
}
