import { Button, Checkbox, DatePicker, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { newId } from '../../../src-shared/ids';
import { feedbackLetter } from '../../../src-shared/print/volunteerPrints';
import { SIX_ONES } from '../../../src-shared/records';
import { byEmployer, memberHalfYears, type MemberHalfYear } from '../../../src-shared/records/volunteer/inServiceFigures';
import { CLAIM_KINDS, periodLabel, periodOf, periodRange } from '../../../src-shared/records/volunteer/inServiceSchema';
import { today } from '../../app/saveBytes';
import { useOperatorState } from '../../app/operatorSession';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { PrintPreview } from '../print/PrintPreview';
import { OfficialPrintPreview } from '../documents/OfficialPrintPreview';
import { contentFromTemplate, useDocumentFromTemplate } from '../documents/newDocument';
import { feedbackLetterValues } from '../../../src-shared/records/document/documentTemplates';
import { useLedger } from './volunteerModel';
import { compareChinese } from '../../../src-shared/text/chineseOrder';

const periods = () => {
  const year = Number(today().slice(0, 4));
  return [year, year - 1].flatMap((y) => [`${y}-H2`, `${y}-H1`]).filter((p) => p <= periodOf(today()));
};

/**
 * 在职党员报到 and 双向反馈: each member's half-year (reported, hours, claims, six ones), those who have not reported or
 * served standing out; one feedback letter per employer, its dispatch and 回执 recorded. `focusId`: a person opened from
 * 今日待办, listed first and marked.
 */
export function InServicePanel({ focusId }: { focusId?: string } = {}) {
  const { store, operators } = useSession();
  const operator = useOperatorState(operators).current;
  const run = useRun();
  const { activities } = useLedger();
  const people = useLiveList(store.repos.people);
  const reports = useLiveList(store.repos.inServiceReports);
  const letters = useLiveList(store.repos.feedbackLetters);
  const [period, setPeriod] = useState(periodOf(today()));
  const [editing, setEditing] = useState<string | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);
  const [printingAll, setPrintingAll] = useState(false);
  const documentFromTemplate = useDocumentFromTemplate();
  const members = people.filter((p) => p.roles.includes('在职党员'));
  const rows = useMemo(() => memberHalfYears(members.map((m) => ({ id: m.id, name: m.name, employer: m.employer, employerPartyOrg: m.employerPartyOrg, reportDate: m.reportDate })), reports, activities, period, periodRange(period)), [members, reports, activities, period]);
  const employers = byEmployer(rows);
  const letterOf = (employer: string) => letters.find((l) => l.period === period && l.employer === employer);
  const record = (employer: string, patch: Record<string, string>, done: string) =>
    run(() => {
      const existing = letterOf(employer);
      if (existing) store.repos.feedbackLetters.update(existing.id, patch);
      else store.repos.feedbackLetters.create({ period, employer, employerPartyOrg: employers.get(employer)?.[0]?.employerPartyOrg ?? '', ...patch });
    }, done);
  const letterValues = (employer: string) => {
    const list = employers.get(employer) ?? [];
    return feedbackLetterValues({ employer, employerPartyOrg: list[0]?.employerPartyOrg || `${employer}党组织`, periodLabel: periodLabel(period) }, list, store.info?.name ?? '');
  };
  // Built once per opening of the print (the records as they are then): the preview lays every letter out again
  // whenever the list it is given changes, and this panel re-renders with every live list.
  const allLetters = useMemo(() => (printingAll ? [...employers.keys()].map((e) => contentFromTemplate(store, '反馈函', letterValues(e))) : []), [printingAll]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="半年度" style={{ width: 160 }} value={period} onChange={setPeriod} options={periods().map((p) => ({ value: p, label: periodLabel(p) }))} />
        <Typography.Text type="secondary">在职党员 {rows.length} 人；未报到 {rows.filter((r) => r.flags.includes('未报到')).length} 人，本半年未服务 {rows.filter((r) => r.flags.includes('未服务')).length} 人。</Typography.Text>
      </Space>
      <Table<MemberHalfYear>
        size="small"
        rowKey="personId"
        data-testid="in-service-members"
        dataSource={[...rows].sort((a, b) => Number(b.personId === focusId) - Number(a.personId === focusId) || b.flags.length - a.flags.length || compareChinese(a.employer, b.employer))}
        rowClassName={(r) => (r.personId === focusId ? 'ant-table-row-selected' : '')}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '名册中还没有在职党员' }}
        onRow={(r) => ({ onClick: () => setEditing(r.personId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '姓名', render: (_, r) => <Space>{r.name}{r.flags.map((f) => <Tag key={f} color="red">{f}</Tag>)}</Space> },
          { title: '工作单位', dataIndex: 'employer' },
          { title: '服务', width: 130, render: (_, r) => `${r.activities} 次 ${r.hours} 小时` },
          { title: '认领事项', render: (_, r) => (r.claims.length ? `${r.claims.filter((c) => c.done).length}/${r.claims.length} 已完成` : '未认领') },
          { title: '六个一', width: 90, render: (_, r) => `${r.sixOnesDone.length}/6` },
        ]}
      />
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>双向反馈（每个单位一封反馈函）</Typography.Title>
        <Button onClick={() => setPrintingAll(true)} disabled={employers.size === 0}>全部反馈函（公文版式）</Button>
      </Space>
      <Table
        size="small"
        rowKey={(r) => r.employer}
        data-testid="feedback-letters"
        pagination={false}
        dataSource={[...employers.keys()].map((employer) => ({ employer, members: employers.get(employer)!, letter: letterOf(employer) }))}
        columns={[
          { title: '工作单位', dataIndex: 'employer' },
          { title: '在职党员', width: 90, render: (_, r) => `${r.members.length} 人` },
          { title: '状态', width: 220, render: (_, r) => (r.letter?.receiptOn ? <Tag color="green">{r.letter.receiptOn} 已回执</Tag> : r.letter?.sentOn ? <Tag color="blue">{r.letter.sentOn} 已发出，待回执</Tag> : <Tag>未发出</Tag>) },
          { title: '单位意见', render: (_, r) => r.letter?.receiptComment ?? '' },
          {
            title: '',
            width: 330,
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setPrinting(r.employer)}>打印反馈函</Button>
                <Button size="small" onClick={() => documentFromTemplate('反馈函', letterValues(r.employer), `feedback:${period}:${r.employer}`)}>生成公文</Button>
                {!r.letter?.sentOn && <Button size="small" onClick={() => record(r.employer, { sentOn: today(), sentBy: operator?.name ?? '' }, `已登记发往${r.employer}的反馈函`)}>登记发出</Button>}
                {r.letter?.sentOn && !r.letter.receiptOn && <ReceiptButton employer={r.employer} onSave={(on, comment) => record(r.employer, { receiptOn: on, receiptComment: comment }, `已登记${r.employer}的回执`)} />}
              </Space>
            ),
          },
        ]}
      />
      {printingAll && <OfficialPrintPreview contents={allLetters} fileName={`反馈函-${periodLabel(period)}-${employers.size}个单位`} onClose={() => setPrintingAll(false)} />}
      {editing && <MemberDrawer personId={editing} period={period} onClose={() => setEditing(null)} />}
      {printing && (
        <PrintPreview onClose={() => setPrinting(null)}
          build={(paper, orientation) => ({ ...feedbackLetter(store.info?.name ?? '', { employer: printing, employerPartyOrg: employers.get(printing)?.[0]?.employerPartyOrg ?? '', periodLabel: periodLabel(period), issuedOn: today() }, employers.get(printing) ?? []), paper, orientation })} />
      )}
    </Space>
  );
}

/** 登记回执: the date it came back and the employer's comment. */
function ReceiptButton({ employer, onSave }: { employer: string; onSave(on: string, comment: string): boolean }) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(today());
  const [comment, setComment] = useState('');
  if (!open) return <Button size="small" onClick={() => setOpen(true)}>登记回执</Button>;
  return (
    <Space>
      <DatePicker size="small" aria-label={`${employer}回执日期`} allowClear={false} value={dayjs(on)} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} />
      <Input size="small" aria-label={`${employer}单位意见`} placeholder="单位意见" value={comment} onChange={(e) => setComment(e.target.value)} />
      <Button size="small" type="primary" onClick={() => onSave(on, comment.trim()) && setOpen(false)}>保存</Button>
    </Space>
  );
}

/** One member's half-year: claims (added and ticked done) and the six ones. */
function MemberDrawer({ personId, period, onClose }: { personId: string; period: string; onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const reports = useLiveList(store.repos.inServiceReports);
  const person = store.repos.people.get(personId)!;
  const report = reports.find((r) => r.personId === personId && r.period === period);
  const [kind, setKind] = useState<(typeof CLAIM_KINDS)[number]>('认领岗位');
  const [title, setTitle] = useState('');
  // The half-year's report is made on its first tick or claim.
  const write = (patch: { claims?: Record<string, unknown>; sixOnes?: Record<string, unknown> }, done: string) =>
    run(() => {
      if (report) store.repos.inServiceReports.update(report.id, patch as never);
      else store.repos.inServiceReports.create({ personId, personName: person.name, period, ...patch } as never);
    }, done);
  return (
    <Drawer open width={560} title={`${person.name} · ${periodLabel(period)}`} onClose={onClose}>
      <Typography.Title level={5}>认领事项</Typography.Title>
      {Object.entries(report?.claims ?? {}).map(([key, c]) => (
        <div key={key}><Checkbox aria-label={`${c.title}已完成`} checked={c.done} onChange={(e) => write({ claims: { [key]: { ...c, done: e.target.checked } } }, e.target.checked ? `「${c.title}」已完成` : `「${c.title}」改为进行中`)}>{c.kind}：{c.title}</Checkbox></div>
      ))}
      <Space style={{ margin: '8px 0 16px' }}>
        <Select aria-label="认领类别" style={{ width: 110 }} value={kind} onChange={setKind} options={CLAIM_KINDS.map((k) => ({ value: k, label: k }))} />
        <Input aria-label="认领内容" placeholder="例如：文明劝导岗、帮扶独居老人王奶奶" value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
        <Button disabled={!title.trim()} onClick={() => write({ claims: { [newId()]: { kind, title: title.trim(), done: false } } }, `已登记认领：${title.trim()}`) && setTitle('')}>添加</Button>
      </Space>
      <Typography.Title level={5}>“六个一”</Typography.Title>
      {SIX_ONES.map((k) => (
        <div key={k}><Checkbox aria-label={k} checked={!!report?.sixOnes[k]?.done} onChange={(e) => write({ sixOnes: { [k]: { done: e.target.checked, note: report?.sixOnes[k]?.note ?? '' } } }, `${k}：${e.target.checked ? '已完成' : '未完成'}`)}>{k}</Checkbox></div>
      ))}
    </Drawer>
  );
}
