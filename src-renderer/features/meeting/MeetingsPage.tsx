import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, AutoComplete, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { takeIntent } from '../../app/navigation';
import { MEETING_TYPES, type MeetingType } from '../../../src-shared/records';
import { attendanceCounts, attendanceRates, expectedMembers, MEETING_TYPE_RULES, numberClashes, REQUIRED_BY_NODE_KIND, taskState } from '../../../src-shared/records/meeting/meetingRules';
import { communityCalendar, localDate, shortMeetingType, yearSummary } from '../../../src-shared/records/meeting/meetingCalendar';
import { meetingsReportValues } from '../../../src-shared/records/document/documentTemplates';
import { useDocumentFromTemplate } from '../documents/newDocument';
import { searchMeetings } from '../../../src-shared/records/meeting/meetingSearch';
import type { AttendanceEntry } from '../../../src-shared/records/meeting/meetingSchema';
import { inTerm } from '../../../src-shared/records/coBuilding/partTimeMemberSchema';
import { ValidationError } from '../../../src-shared/errors';
import { errorText } from '../../app/errorText';
import { formKeys } from '../../app/formKeys';
import { saveBytes, today } from '../../app/saveBytes';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useOperatorState } from '../../app/operatorSession';
import { useLiveList } from '../../app/useLive';
import { writeWorkbook } from '../../data/spreadsheet';
import { orgTreeOptions } from '../roster/PersonDrawer';
import { MeetingEditor, TaskList } from './MeetingEditor';
import type { Meeting } from './meetingModel';

/** 会议记录: every meeting of every organisation of the community, the year's calendar, and the follow-ups. */
export function MeetingsPage() {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const version = useRepositoryVersion(store.repos.meetings as never);
  const decisions = useLiveList(store.repos.meetingDecisions);
  const tasks = useLiveList(store.repos.meetingTasks);
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const [orgFilter, setOrgFilter] = useState<string | undefined>();
  const [typeFilter, setTypeFilter] = useState<MeetingType | undefined>();
  const [query, setQuery] = useState('');
  // A row of 今日待办: a meeting to open (a 督办 item's), or one to start (organisation and type filled in).
  const [intent] = useState(() => takeIntent('meetings'));
  const [creating, setCreating] = useState(!!intent?.newMeeting);
  // A meeting chosen elsewhere (the street's calendar) opens once.
  const [open, setOpen] = useState<string | null>(() => {
    const id = localStorage.getItem('desk:open-meeting');
    localStorage.removeItem('desk:open-meeting');
    return intent?.id ?? id;
  });
  const [rates, setRates] = useState(false);
  const orgOptions = useMemo(() => orgTreeOptions(store.orgTree.tree()), [store]);
  // Only the chosen year's meetings are read in full; the years come from the date field alone.
  const years = useMemo(() => {
    const found = new Set<number>([Number(today().slice(0, 4))]);
    store.repos.meetings.idsWhere('date', (d) => {
      found.add(Number(String(d).slice(0, 4)));
      return false;
    });
    return [...found].sort((a, b) => b - a);
  }, [store, version]);
  const inYear = useMemo(
    () => store.repos.meetings.idsWhere('date', (d) => year === 0 || String(d).startsWith(`${year}-`)).map((id) => store.repos.meetings.get(id)!),
    [store, version, year],
  );

  // Two PCs offline may give one 决议 number twice: after a merge the later decision takes the next free number.
  useEffect(() => {
    const fixes = numberClashes(decisions.map((d) => ({ id: d.id, orgNodeId: d.orgNodeId, year: d.year, number: d.number, createdAt: d.meta.createdAt })));
    if (fixes.length === 0) return;
    for (const f of fixes) store.repos.meetingDecisions.update(f.id, { number: f.to }, { note: `另一台电脑同时使用了第 ${f.from} 号，本决议改为第 ${f.to} 号` });
    void message.warning(`决议编号重复（两台电脑离线时各自编了号）：已把后记录的 ${fixes.length} 条改为新编号，详见修改记录`);
  }, [decisions, store, message]);

  const searchText = query.trim();
  // Decisions and follow-ups are searched with their meeting.
  const extraText = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of decisions) map.set(d.meetingId, `${map.get(d.meetingId) ?? ''}\n${d.text}`);
    for (const t of tasks) map.set(t.meetingId, `${map.get(t.meetingId) ?? ''}\n${t.title}\n${t.progress}`);
    return map;
  }, [decisions, tasks]);
  const found = useMemo(() => (searchText ? new Set(searchMeetings(inYear, extraText, searchText)) : null), [inYear, extraText, searchText]);
  const orgIds = orgFilter ? new Set([orgFilter, ...store.orgTree.descendants(orgFilter).map((n) => n.id)]) : null;
  const shown = inYear
    .filter((m) => (!orgIds || orgIds.has(m.orgNodeId)) && (!typeFilter || m.meetingType === typeFilter))
    .filter((m) => !found || found.has(m.id))
    .sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime));

  return (
    <>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: '会议列表',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Select aria-label="年度" style={{ width: 120 }} value={year} onChange={setYear} options={[...years.map((y) => ({ value: y, label: `${y}年` })), { value: 0, label: '全部年度' }]} />
                  <TreeSelect aria-label="按党组织筛选会议" allowClear virtual={false} treeDefaultExpandAll placeholder="党组织" style={{ width: 220 }} treeData={orgOptions} value={orgFilter} onChange={setOrgFilter} />
                  <Select aria-label="按会议类型筛选" allowClear placeholder="会议类型" style={{ width: 150 }} value={typeFilter} onChange={setTypeFilter} options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} />
                  <Input.Search aria-label="搜索会议" allowClear placeholder="搜索会议、发言、决议、督办；人名可用拼音首字母" style={{ width: 320 }} value={query} onChange={(e) => setQuery(e.target.value)} />
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建会议</Button>
                  <Button onClick={() => setRates(true)}>出勤率统计导出</Button>
                  <Typography.Text data-testid="meeting-count">共 {shown.length} 次会议</Typography.Text>
                </Space>
                <Table<Meeting>
                  size="small"
                  rowKey="id"
                  data-testid="meeting-list"
                  dataSource={shown}
                  pagination={{ pageSize: 50, showSizeChanger: false }}
                  locale={{ emptyText: '这一年还没有会议记录：点“新建会议”开始' }}
                  onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '日期', dataIndex: 'date', width: 110 },
                    { title: '会议名称', render: (_, m) => <a>{m.title}</a> },
                    { title: '类型', width: 140, render: (_, m) => (m.meetingType === '其他' && m.typeName ? `其他·${m.typeName}` : m.meetingType) },
                    { title: '党组织', width: 180, render: (_, m) => store.orgTree.get(m.orgNodeId)?.name ?? '' },
                    // Only 应到 and 实到 here: who has a vote (a roster read per attendee) is not needed for the list.
                    { title: '应到/实到', width: 100, render: (_, m) => { const c = attendanceCounts(m.attendance, () => false); return `${c.expected}/${c.present}`; } },
                    { title: '状态', width: 110, render: (_, m) => <Tag color={m.status === '已定稿' ? 'green' : 'default'}>{m.status === '已定稿' ? `已定稿 第${m.version}版` : '草稿'}</Tag> },
                  ]}
                />
              </Space>
            ),
          },
          { key: 'calendar', label: '年度日历', children: <CalendarPanel year={year || Number(today().slice(0, 4))} years={years} onYear={setYear} onOpen={setOpen} /> },
          { key: 'tasks', label: '督办事项', children: <AllTasks /> },
        ]}
      />
      {creating && <CreateMeetingDialog preset={intent?.newMeeting} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); setOpen(id); }} />}
      {open && <MeetingEditor meetingId={open} initialTab={open === intent?.id ? intent.tab : undefined} onClose={() => setOpen(null)} />}
      {rates && <RatesDialog onClose={() => setRates(false)} />}
    </>
  );
}

function CreateMeetingDialog({ preset, onClose, onCreated }: { preset?: { orgNodeId: string; meetingType: MeetingType }; onClose(): void; onCreated(id: string): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const orgOptions = useMemo(() => orgTreeOptions(store.orgTree.tree()), [store]);
  const type: MeetingType | undefined = Form.useWatch('meetingType', form);
  const create = (v: { meetingType: MeetingType; typeName?: string; orgNodeId?: string; date?: dayjs.Dayjs; startTime?: string; endTime?: string; place?: string; host?: string; recorder?: string; title?: string; withUnits?: boolean }) => {
    try {
      if (!v.orgNodeId) throw new ValidationError([{ field: 'orgNodeId', label: '党组织', message: '请选择召开会议的党组织' }]);
      const node = store.orgTree.get(v.orgNodeId);
      const members = store.repos.people.list().filter((p) => p.roles.includes('党员')).map((p) => ({ id: p.id, name: p.name, orgNodeId: p.orgNodeId, category: p.category, tags: p.tags }));
      const ids = expectedMembers(v.meetingType, { node: v.orgNodeId, subtree: store.orgTree.descendants(v.orgNodeId).map((n) => n.id) }, members);
      const attendance: Record<string, Partial<AttendanceEntry>> = Object.fromEntries(ids.map((id) => [id, { kind: 'member', name: store.repos.people.get(id)?.name ?? '', status: '未标记' }]));
      if (MEETING_TYPE_RULES[v.meetingType].expected === 'units') {
        // The unit comes as its 兼职委员 in office on the day, else as the person the unit's record names.
        const day = v.date ? v.date.format('YYYY-MM-DD') : today();
        const inOffice = new Map(store.repos.partTimeMembers.list().filter((m) => inTerm(m, day)).map((m) => [m.unitId, m.name]));
        for (const u of store.repos.residentUnits.list()) {
          const person = inOffice.get(u.id) || u.committeeMember || u.contactName;
          attendance[`unit:${u.id}`] = { kind: 'unit', name: `${u.name}${person ? ` ${person}` : ''}`, status: '未标记' };
        }
      }
      const created = store.repos.meetings.create({
        title: v.title?.trim() || `${node?.name ?? ''}${v.meetingType === '其他' && v.typeName?.trim() ? v.typeName.trim() : v.meetingType}`,
        meetingType: v.meetingType, typeName: v.meetingType === '其他' ? (v.typeName ?? '').trim() : '', orgNodeId: v.orgNodeId, date: v.date ? v.date.format('YYYY-MM-DD') : '',
        startTime: v.startTime ?? '', endTime: v.endTime ?? '', place: v.place ?? '', host: v.host ?? '', recorder: v.recorder ?? '',
        attendance: attendance as never,
      });
      void message.success(`已新建「${created.title}」：应到 ${ids.length} 人`);
      onCreated(created.id);
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field || 'title', errors: [`${p.label}：${p.message}`] })));
      void message.error(errorText(error));
    }
  };
  return (
    <Modal open title="新建会议" okText="新建" cancelText="取消" width={720} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={create} initialValues={{ meetingType: '支部党员大会', date: dayjs(), startTime: '19:30', endTime: '21:00', ...preset }} onKeyDown={formKeys(() => form.submit())}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="meetingType" label="会议类型"><Select aria-label="会议类型" options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
          <Col span={12}><Form.Item name="orgNodeId" label="党组织"><TreeSelect aria-label="召开会议的党组织" virtual={false} treeDefaultExpandAll treeData={orgOptions} /></Form.Item></Col>
          <Col span={8}><Form.Item name="date" label="日期"><DatePicker aria-label="日期" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="startTime" label="开始时间"><Input aria-label="开始时间" placeholder="19:30" /></Form.Item></Col>
          <Col span={8}><Form.Item name="endTime" label="结束时间"><Input aria-label="结束时间" placeholder="21:00" /></Form.Item></Col>
          <Col span={12}><Form.Item name="place" label="地点"><Input aria-label="地点" placeholder="例如：党群服务中心会议室" /></Form.Item></Col>
          <Col span={6}><Form.Item name="host" label="主持人"><Input aria-label="主持人" /></Form.Item></Col>
          <Col span={6}><Form.Item name="recorder" label="记录人"><Input aria-label="记录人" /></Form.Item></Col>
          {type === '其他' && <Col span={24}><Form.Item name="typeName" label="会议类型名称"><AutoComplete aria-label="会议类型名称" options={store.settings.list('otherMeetingTypes').map((v) => ({ value: v }))} placeholder="例如：党员冬训" /></Form.Item></Col>}
          <Col span={24}><Form.Item name="title" label="会议名称（可不填，默认为“党组织＋会议类型”）"><Input aria-label="会议名称" /></Form.Item></Col>
        </Row>
        {type && <Typography.Text type="secondary">应到人员：{expectedHint(type)}{MEETING_TYPE_RULES[type].quorum ? '；须有表决权的正式党员过半数到会才能表决' : ''}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function expectedHint(type: MeetingType): string {
  switch (MEETING_TYPE_RULES[type].expected) {
    case 'subtree': return '该组织及其下级组织的全体党员';
    case 'node': return '该党小组的党员';
    case 'committee': return '标签为“支部委员”的党员';
    case 'units': return '驻区单位的兼职委员或联系人';
    default: return '新建后在“出席情况”中添加';
  }
}


/** Which organisation held which required meeting in each month (finalized records only); missing ones in red. */
function CalendarPanel({ year, years, onYear, onOpen }: { year: number; years: number[]; onYear(y: number): void; onOpen(id: string): void }) {
  const { store } = useSession();
  const meetings = useLiveList(store.repos.meetings);
  const frequencies = Object.fromEntries(MEETING_TYPES.map((t) => [t, store.settings.meetingFrequency(t, MEETING_TYPE_RULES[t].frequency)]));
  const orgNodes = store.repos.orgNodes.list().map((n) => ({ ...n, since: localDate(n.meta.createdAt) }));
  const rows = communityCalendar({ meetings, orgNodes, frequencies }, year, today()).map((r) => ({ ...r, node: { id: r.orgNodeId, name: r.orgName } }));
  const documentFromTemplate = useDocumentFromTemplate();
  // 报告 of the year's 三会一课 of one organisation: from the same calendar, and its members' attendance rate.
  const writeReport = (row: (typeof rows)[number]) => {
    const kind = store.repos.orgNodes.get(row.orgNodeId)?.kind ?? '';
    const summary = yearSummary(row.months, REQUIRED_BY_NODE_KIND[kind] ?? [], (t) => frequencies[t] ?? MEETING_TYPE_RULES[t].frequency);
    const rate = attendanceRates(meetings, `${year}-01-01`, `${year}-12-31`, { person: (id) => store.repos.people.get(id)?.name ?? '', org: () => '' }).orgs.find((o) => o.key === row.orgNodeId);
    documentFromTemplate('三会一课报告', meetingsReportValues({ year, orgName: row.orgName, ...summary, rate: rate ? rate.rate : null }, store.info?.name ?? ''), `meetings:${row.orgNodeId}:${year}`);
  };
  const exportXlsx = async () => {
    const headers = ['党组织', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];
    const data = rows.map((r) => [r.node.name, ...r.months.map((c) => [...c.held.map((h) => h.type), ...c.missing.map((t) => `缺${t}`)].join('、'))]);
    await saveBytes(`${year}年三会一课日历.xlsx`, await writeWorkbook([{ name: `${year}年`, headers, rows: data, widths: [24, ...Array(12).fill(16)] }]));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select aria-label="日历年度" style={{ width: 110 }} value={year} onChange={onYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        <Button onClick={exportXlsx}>导出Excel</Button>
        <Typography.Text type="secondary">只计已定稿的会议；红色为应开未开（当月未结束的、党组织成立之前的不计）；把鼠标移到简称上可看全称。</Typography.Text>
      </Space>
      <Table
        size="small"
        rowKey={(r) => r.node.id}
        pagination={false}
        data-testid="meeting-calendar"
        dataSource={rows}
        // Twelve months side by side at 1366 px: short names in the cells (the full name on hover), no sideways scroll.
        tableLayout="fixed"
        columns={[
          { title: '党组织', width: 150, render: (_, r) => r.node.name },
          ...Array.from({ length: 12 }, (_, i) => ({
            title: `${i + 1}月`,
            render: (_: unknown, r: (typeof rows)[number]) => (
              <Space direction="vertical" size={2}>
                {r.months[i]!.held.map((h) => <Tag key={h.id} color="green" title={h.type} className="calendar-tag" style={{ cursor: 'pointer' }} onClick={() => onOpen(h.id)}>{shortMeetingType(h.type)}</Tag>)}
                {r.months[i]!.missing.map((t) => <Tag key={t} color="red" title={`缺${t}`} className="calendar-tag">缺{shortMeetingType(t)}</Tag>)}
              </Space>
            ),
          })),
          { title: '年度报告', width: 92, render: (_: unknown, r: (typeof rows)[number]) => <Button size="small" onClick={() => writeReport(r)}>生成报告</Button> },
        ]}
      />
    </Space>
  );
}

/** Every follow-up across meetings: overdue first, by owner. */
function AllTasks() {
  const { store, operators } = useSession();
  const tasks = useLiveList(store.repos.meetingTasks);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  // 我负责的: the operator in effect, where the operator is a person of the roster.
  const me = useOperatorState(operators).current?.personId;
  const [owner, setOwner] = useState<string | undefined>();
  const now = today();
  const owners = [...new Set(tasks.map((t) => t.ownerPersonId || t.ownerUnitId))].map((id) => ({ value: id, label: store.repos.people.get(id)?.name ?? store.repos.residentUnits.get(id)?.name ?? '' }));
  const shown = tasks
    .filter((t) => (!onlyOverdue || taskState(t, now) === '逾期') && (!owner || t.ownerPersonId === owner || t.ownerUnitId === owner) && (!mine || t.ownerPersonId === me))
    .sort((a, b) => Number(taskState(b, now) === '逾期') - Number(taskState(a, now) === '逾期') || a.dueDate.localeCompare(b.dueDate));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Checkbox checked={mine} disabled={!me} onChange={(e) => setMine(e.target.checked)}>{me ? '我负责的' : '我负责的（本机操作人未关联名册人员）'}</Checkbox>
        <Checkbox checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)}>只看逾期</Checkbox>
        <Select aria-label="按负责人筛选" allowClear placeholder="负责人" style={{ width: 180 }} value={owner} onChange={setOwner} options={owners} />
      </Space>
      <TaskList tasks={shown} />
    </Space>
  );
}

/** 出勤率 per person and per organisation for a period, as an Excel workbook (finalized meetings only). */
function RatesDialog({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const exportRates = async () => {
    try {
      const [from, to] = range.map((d) => d.format('YYYY-MM-DD')) as [string, string];
      const { people, orgs } = attendanceRates(store.repos.meetings.list(), from, to, {
        person: (id) => store.repos.people.get(id)?.name ?? '',
        org: (id) => store.orgTree.get(id)?.name ?? '（未指定党组织）',
      });
      const headers = (first: string) => [first, '应到人次', '实到人次', '请假', '缺席', '出勤率（%）'];
      const rows = (list: typeof people) => list.map((r) => [r.name, r.meetings, r.present, r.leave, r.absent, r.rate]);
      await saveBytes(`出勤率-${from}至${to}.xlsx`, await writeWorkbook([
        { name: '按人员', headers: headers('姓名'), rows: rows(people), widths: [14, 10, 10, 8, 8, 12] },
        { name: '按党组织', headers: headers('党组织'), rows: rows(orgs), widths: [24, 10, 10, 8, 8, 12] },
      ]));
      void message.success(`已导出 ${people.length} 人、${orgs.length} 个党组织的出勤率`);
      onClose();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Modal open title="出勤率统计导出" okText="导出Excel" cancelText="取消" onCancel={onClose} onOk={exportRates}>
      <Space direction="vertical">
        <Typography.Text type="secondary">统计期间内已定稿的会议：实到（含迟到）÷ 应到。</Typography.Text>
        <DatePicker.RangePicker aria-label="统计期间" value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
    </Modal>
  );
}
