import { Button, DatePicker, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { pointsPublicityValues } from '../../../src-shared/records/document/documentTemplates';
import { publicityUntil, useDocumentFromTemplate } from '../documents/newDocument';
import { monthlyPublicity, redemptionDayList, serviceCertificate } from '../../../src-shared/print/volunteerPrints';
import { maskIdNumber } from '../../../src-shared/privacy/mask';
import { certificateNumber } from '../../../src-shared/records/volunteer/serviceActivitySchema';
import { monthFigures, serviceOf } from '../../../src-shared/records/volunteer/volunteerFigures';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { PrintPreview } from '../print/PrintPreview';
import { participantOf, useLedger } from './volunteerModel';

type Printing = { kind: 'publicity' } | { kind: 'redemption' } | { kind: 'certificate'; id: string } | null;

/** 月度公示, the redemption day's list, and 志愿服务证明 (numbered, kept as records). */
export function PublicityPanel() {
  const { store } = useSession();
  const run = useRun();
  const documentFromTemplate = useDocumentFromTemplate();
  const { activities, lines } = useLedger();
  const certificates = useLiveList(store.repos.serviceCertificates);
  const [month, setMonth] = useState(today().slice(0, 7));
  const [printing, setPrinting] = useState<Printing>(null);
  const [who, setWho] = useState<string | undefined>();
  const [range, setRange] = useState<[string, string]>([`${today().slice(0, 4)}-01-01`, today()]);
  const rows = useMemo(() => monthFigures(activities, lines, month), [activities, lines, month]);
  const people = useMemo(() => {
    const keys = new Map<string, string>();
    for (const a of activities) for (const [key, e] of Object.entries(a.attendance)) if (e.present) keys.set(key, e.name);
    return [...keys].map(([value, label]) => ({ value, label }));
  }, [activities]);
  const certified = who ? serviceOf(activities, who, range[0], range[1]) : [];
  const issue = () => {
    if (!who) return;
    const year = Number(today().slice(0, 4));
    const seq = Math.max(0, ...certificates.filter((c) => c.year === year).map((c) => c.seq)) + 1;
    const p = participantOf(store, who, people.find((x) => x.value === who)?.label);
    let id = '';
    const done = run(() => {
      id = store.repos.serviceCertificates.create({ year, seq, personKey: who, personName: p.name, from: range[0], to: range[1], hours: certified.reduce((s, r) => s + r.hours, 0), activities: certified.length, issuedOn: today() }).id;
    }, `已开具${certificateNumber(year, seq)}`);
    if (done) setPrinting({ kind: 'certificate', id });
  };
  const phoneOf = (key: string) => participantOf(store, key).phone;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="month" aria-label="公示月份" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button onClick={() => setPrinting({ kind: 'publicity' })}>打印月度公示</Button>
        <Button disabled={rows.length === 0} onClick={() => documentFromTemplate('积分公示', pointsPublicityValues(month, rows.map((r) => ({ name: r.name, hours: r.hours, points: r.earned })), { communityName: store.info?.name ?? '', phone: store.settings.supervisionPhone(), until: publicityUntil() }), `points:${month}`)}>生成公示公文</Button>
        <Button onClick={() => setPrinting({ kind: 'redemption' })}>打印兑换登记表</Button>
      </Space>
      <Table
        size="small"
        rowKey="personKey"
        data-testid="month-publicity"
        dataSource={rows}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: '这个月还没有服务或积分' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '本月服务时长', dataIndex: 'hours' },
          { title: '本月获得积分', dataIndex: 'earned' },
          { title: '本月兑换', dataIndex: 'redeemed' },
          { title: '积分余额', dataIndex: 'balance' },
        ]}
      />
      <Typography.Title level={5}>志愿服务证明</Typography.Title>
      <Space wrap>
        <Select aria-label="证明人员" showSearch optionFilterProp="label" style={{ width: 200 }} placeholder="参加过服务的人员" value={who} onChange={setWho} options={people} />
        <DatePicker.RangePicker aria-label="证明期间" allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <Button type="primary" disabled={!who || certified.length === 0} onClick={issue}>开具证明</Button>
        {who && <span data-testid="certificate-total">期间服务 {certified.length} 次，共 {certified.reduce((s, r) => s + r.hours, 0)} 小时</span>}
      </Space>
      <Table
        size="small"
        rowKey="id"
        data-testid="certificates"
        dataSource={[...certificates].sort((a, b) => b.year - a.year || b.seq - a.seq)}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '还没有开具过证明' }}
        columns={[
          { title: '编号', render: (_, c) => certificateNumber(c.year, c.seq) },
          { title: '姓名', dataIndex: 'personName' },
          { title: '期间', render: (_, c) => `${c.from} 至 ${c.to}` },
          { title: '时长', render: (_, c) => `${c.hours} 小时（${c.activities} 次）` },
          { title: '开具日期', dataIndex: 'issuedOn' },
          { title: '', render: (_, c) => <Button size="small" onClick={() => setPrinting({ kind: 'certificate', id: c.id })}>再次打印</Button> },
        ]}
      />
      {printing?.kind === 'publicity' && (
        <PrintPreview onClose={() => setPrinting(null)} note="公示只印姓名和部分隐藏的电话，不印身份证号。"
          build={(paper, orientation) => ({ ...monthlyPublicity(store.info?.name ?? '', month, rows.map((r) => ({ ...r, phone: phoneOf(r.personKey) })), store.settings.supervisionPhone()), paper, orientation })} />
      )}
      {printing?.kind === 'redemption' && (
        <PrintPreview onClose={() => setPrinting(null)}
          build={(paper, orientation) => ({ ...redemptionDayList(store.info?.name ?? '', today(), rows.filter((r) => r.balance > 0).map((r) => ({ name: r.name, phone: phoneOf(r.personKey), balance: r.balance }))), paper, orientation })} />
      )}
      {printing?.kind === 'certificate' && (() => {
        const c = store.repos.serviceCertificates.get(printing.id)!;
        const person = participantOf(store, c.personKey, c.personName);
        const idNumber = person.personId ? store.repos.people.get(person.personId)?.idNumber ?? '' : '';
        return (
          <PrintPreview onClose={() => setPrinting(null)}
            build={(paper, orientation) => ({ ...serviceCertificate(store.info?.name ?? '', { number: certificateNumber(c.year, c.seq), name: c.personName, idNumberMasked: idNumber ? maskIdNumber(idNumber) : '', from: c.from, to: c.to, rows: serviceOf(activities, c.personKey, c.from, c.to), issuedOn: c.issuedOn }), paper, orientation })} />
        );
      })()}
    </Space>
  );
}
