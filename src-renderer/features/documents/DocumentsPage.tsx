import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DOCUMENT_TYPES, type DocumentType } from '../../../src-shared/print/officialLayout';
import { docNumberClashes, docNumberText } from '../../../src-shared/records/document/documentRules';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { DocumentEditor } from './DocumentEditor';
import { letterhead } from './newDocument';
import { TemplatesDialog } from './TemplatesDialog';

/**
 * 公文: the community's 通知, 函, 公示, 报告, 请示 and 纪要 in the GB/T 9704 layout — written here or from a record's template
 * (a meeting's 会议通知, a month's 积分公示, an employer's 反馈函…), numbered per issuer and year when finalized.
 */
export function DocumentsPage() {
  const { store } = useSession();
  const run = useRun();
  const documents = useLiveList(store.repos.officialDocuments);
  const [open, setOpen] = useState<string | null>(() => {
    const id = localStorage.getItem('desk:open-document');
    localStorage.removeItem('desk:open-document');
    return id;
  });
  const [query, setQuery] = useState('');
  const [typeFilter, setTypeFilter] = useState<DocumentType | undefined>();
  const [templates, setTemplates] = useState(false);
  const clashes = useMemo(() => docNumberClashes(documents.map((d) => ({ id: d.id, issuerCode: d.issuerCode, year: d.year, number: d.number, status: d.status, createdAt: d.meta.createdAt }))), [documents]);
  const shown = documents
    .filter((d) => (!typeFilter || d.docType === typeFilter) && (!query.trim() || `${d.title}${d.recipients}${docNumberText(d.issuerCode, d.year, d.number)}`.includes(query.trim())))
    .sort((a, b) => (b.date || '').localeCompare(a.date || '') || b.meta.createdAt - a.meta.createdAt);
  const create = (docType: DocumentType) => {
    const date = today();
    let id = '';
    if (run(() => (id = store.repos.officialDocuments.create({ ...letterhead(store), docType, year: Number(date.slice(0, 4)), number: 0, title: `新建${docType}`, date, printedOn: date }).id))) setOpen(id);
  };
  const renumber = (c: { id: string; from: number; to: number }) => {
    const d = documents.find((x) => x.id === c.id)!;
    run(() => store.repos.officialDocuments.update(c.id, { number: c.to }, { note: `另一台电脑同时使用了${docNumberText(d.issuerCode, d.year, c.from)}，本文改为${docNumberText(d.issuerCode, d.year, c.to)}` }), `已改为${docNumberText(d.issuerCode, d.year, c.to)}`);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {clashes.map((c) => {
        const d = documents.find((x) => x.id === c.id)!;
        return (
          <Alert key={c.id} type="warning" showIcon data-testid="number-clash"
            message={`文号重复：「${d.title}」和另一份公文都用了${docNumberText(d.issuerCode, d.year, c.from)}（两台电脑离线时各自编了号）`}
            description={`先编号的保留原文号；这一份应改为${docNumberText(d.issuerCode, d.year, c.to)}。已印发的，请同时告知收文单位。`}
            action={<Button onClick={() => renumber(c)}>改为{c.to}号</Button>} />
        );
      })}
      <Space wrap>
        <Dropdown menu={{ items: DOCUMENT_TYPES.map((t) => ({ key: t, label: t })), onClick: (e) => create(e.key as DocumentType) }}>
          <Button type="primary" icon={<PlusOutlined />}>新建公文</Button>
        </Dropdown>
        <Button onClick={() => setTemplates(true)}>公文模板</Button>
        <Select allowClear placeholder="文种" style={{ width: 110 }} value={typeFilter} onChange={setTypeFilter} options={DOCUMENT_TYPES.map((t) => ({ value: t, label: t }))} aria-label="按文种筛选" />
        <Input.Search allowClear placeholder="搜索标题、主送、文号" style={{ width: 260 }} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="搜索公文" />
        <Typography.Text type="secondary">会议通知、公示、反馈函、吹哨通知和三会一课报告可在各自的记录里“生成公文”，内容从记录中填好。</Typography.Text>
      </Space>
      <Table size="small" rowKey="id" data-testid="documents" dataSource={shown} pagination={{ pageSize: 15, showSizeChanger: false }} locale={{ emptyText: '还没有公文：点“新建公文”，或在会议、志愿服务、共驻共建的记录里生成' }}
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '文号', width: 200, render: (_, d) => docNumberText(d.issuerCode, d.year, d.number) || <Typography.Text type="secondary">定稿时编号</Typography.Text> },
          { title: '文种', dataIndex: 'docType', width: 70 },
          { title: '标题', dataIndex: 'title' },
          { title: '主送', dataIndex: 'recipients', width: 200, ellipsis: true },
          { title: '成文日期', dataIndex: 'date', width: 110 },
          { title: '状态', width: 120, render: (_, d) => <Tag color={d.status === '已定稿' ? 'green' : 'default'}>{d.status === '已定稿' ? `已定稿 第${d.version}版` : d.version > 0 ? `修订中（第${d.version}版后）` : '草稿'}</Tag> },
        ]} />
      {open && <DocumentEditor documentId={open} onClose={() => setOpen(null)} />}
      {templates && <TemplatesDialog onClose={() => setTemplates(false)} />}
    </Space>
  );
}
