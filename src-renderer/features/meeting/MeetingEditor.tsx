import { Alert, App as AntApp, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { newId } from '../../../src-shared/ids';
import { carriedOverTasks, checkExcellentLimit, checkFinalize, checkGradesRecordable, checkVotes, decisionLabel, decisionTally, figuresChanged, motionResult, nextDecisionNumber, requireQuorum, taskState, voteFigures } from '../../../src-shared/records/meeting/meetingRules';
import { GRADES, TASK_STATUSES } from '../../../src-shared/records/meeting/meetingSchema';
import { decisionLine, decisionOutcome, followUpReport, meetingNotice, meetingRecord, signInSheet, type DecisionForPrint, type MeetingForPrint, type TaskForPrint } from '../../../src-shared/print/meetingPrints';
import type { CommunityStore } from '../../data/communityStore';
import { meetings as meetingDefinition } from '../../../src-shared/records';
import { editsAgainstFinal } from '../../../src-shared/records/meeting/finalizedGuard';
import { ValidationError } from '../../../src-shared/errors';
import { errorText } from '../../app/errorText';
import { useAskText } from '../../app/askText';
import { useRun } from '../../app/useRun';
import { formKeys } from '../../app/formKeys';
import { HistoryTimeline } from '../../app/HistoryTimeline';
import { today } from '../../app/saveBytes';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { PrintPreview } from '../print/PrintPreview';
import { useDocumentFromTemplate } from '../documents/newDocument';
import { meetingNoticeValues } from '../../../src-shared/records/document/documentTemplates';
import { AttendancePanel, CountsBar } from './AttendancePanel';
import { attendanceRows, countsOf, fillPhrase, phraseReady, type Decision, type Meeting, type Task } from './meetingModel';

/** One meeting from notice to signed record: attendance, minutes per agenda item, decisions and votes, follow-ups. */
/** `initialTab`: the tab to open on (a 督办 row of 今日待办 opens 决议与督办). */
export function MeetingEditor({ meetingId, initialTab, onClose }: { meetingId: string; initialTab?: string; onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const askText = useAskText();
  const documentFromTemplate = useDocumentFromTemplate();
  // Only this meeting is read at open; lists of all meetings and tasks are built by the panels that need them.
  useRepositoryVersion(store.repos.meetings as never);
  useRepositoryVersion(store.repos.meetingDecisions as never);
  useRepositoryVersion(store.repos.people as never);
  const meeting = store.repos.meetings.get(meetingId);
  // What is being printed: a document of the meeting, or `版本:N` for a finalized version as it was.
  const [printing, setPrinting] = useState<'会议通知' | '签到表' | '会议记录' | '会议纪要' | '落实情况' | `版本:${string}` | null>(null);
  if (!meeting) return null;
  const locked = meeting.status === '已定稿';
  const counts = countsOf(store, meeting);
  const decisionsOf = () => store.repos.meetingDecisions.list().filter((d) => d.meetingId === meeting.id).sort((a, b) => a.meta.createdAt - b.meta.createdAt || a.number - b.number);
  const orgName = store.orgTree.get(meeting.orgNodeId)?.name ?? '';

  const forPrint = (): MeetingForPrint => ({ ...meeting, orgName, communityName: store.info?.name ?? '' });
  // A 会议通知 in the official layout, filled from the meeting: its time, place, agenda and 应到 list.
  const writeNotice = () => {
    const expected = attendanceRows(store, meeting).filter((r) => r.kind !== 'guest' && !r.removed).map((r) => r.displayName);
    const values = meetingNoticeValues({ ...meeting, orgName, agenda: meeting.agendaItems.map((a) => a.title), expected }, store.info?.name ?? '');
    documentFromTemplate('会议通知', values, `meeting:${meeting.id}`);
  };
  const finalize = () => run(() => {
    checkFinalize(meeting, today());
    const version = meeting.version + 1;
    const snapshot = JSON.stringify({ ...meeting, meta: undefined, versions: undefined, decisions: decisionsOf().map((d) => ({ number: d.number, year: d.year, text: d.text, voteFor: d.voteFor, voteAgainst: d.voteAgainst, voteAbstain: d.voteAbstain, kind: d.kind, namedVotes: d.namedVotes, candidates: d.candidates, figures: d.figures })) });
    store.repos.meetings.update(meeting.id, { status: '已定稿', version, finalizedAt: today(), versions: { [String(version)]: { snapshot } } });
  }, `已定稿（第 ${meeting.version + 1} 版）：记录已锁定`);
  const unlock = () =>
    askText({
      title: '解除定稿', label: '解除定稿的原因', placeholder: '例如：补记列席人员', rows: 2, okText: '解除定稿', cancelText: '取消', required: '请填写解除定稿的原因：原因会记入修改记录',
      act: (reason) => run(() => store.repos.meetings.update(meeting.id, { status: '草稿' }, { note: `解除定稿：${reason}` }), '已解除定稿，可以修改；改完请重新定稿'),
    });

  return (
    <Drawer
      open
      width="min(1100px, 100vw)"
      onClose={onClose}
      destroyOnHidden
      title={<Space>{meeting.title}<Tag color={locked ? 'green' : 'default'}>{locked ? `已定稿 第${meeting.version}版` : '草稿'}</Tag></Space>}
      extra={
        <Space>
          <Button onClick={() => setPrinting('会议通知')}>打印通知</Button>
          <Button onClick={writeNotice}>生成公文通知</Button>
          <Button onClick={() => setPrinting('签到表')}>打印签到表</Button>
          <Button onClick={() => setPrinting('会议记录')}>打印会议记录</Button>
          <Button onClick={() => setPrinting('会议纪要')}>打印会议纪要</Button>
          {locked ? <Button onClick={unlock}>解除定稿</Button> : <Button type="primary" onClick={finalize}>定稿</Button>}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{[meeting.meetingType, orgName, `${meeting.date} ${meeting.startTime}${meeting.endTime ? `—${meeting.endTime}` : ''}`, meeting.place].filter((x) => x.trim()).join(' · ')}</Typography.Text>
        <CountsBar meeting={meeting} counts={counts} />
        <Proposals meeting={meeting} />
        <Tabs
          defaultActiveKey={initialTab}
          items={[
            { key: 'attendance', label: '出席情况', children: <AttendancePanel meeting={meeting} locked={locked} /> },
            { key: 'minutes', label: '议程与记录', children: <MinutesPanel meeting={meeting} locked={locked} /> },
            { key: 'decisions', label: '决议与督办', children: <DecisionsPanel meeting={meeting} locked={locked} onPrintFollowUps={() => setPrinting('落实情况')} /> },
            ...(meeting.meetingType === '民主评议' ? [{ key: 'grades', label: '民主评议', children: <GradesPanel meeting={meeting} locked={locked} /> }] : []),
            { key: 'info', label: '基本信息', children: <InfoPanel meeting={meeting} locked={locked} /> },
            { key: 'versions', label: '定稿版本', children: <VersionsPanel meeting={meeting} onPrint={(v) => setPrinting(`版本:${v}`)} /> },
            { key: 'history', label: '修改记录', children: <HistoryTimeline testId="meeting-history" history={store.repos.meetings.history(meeting.id)} current={meeting as unknown as Record<string, unknown>} labels={meetingDefinition.fieldLabels as Record<string, string>} show={(_f, v) => (typeof v === 'object' && v !== null ? Object.values(v).map((x) => (typeof x === 'object' && x ? (x as { status?: string; grade?: string }).status ?? (x as { grade?: string }).grade ?? '' : String(x))).join('、') : String(v ?? ''))} /> },
          ]}
        />
      </Space>
      {printing && (
        <PrintPreview
          onClose={() => setPrinting(null)}
          build={(paper, orientation) => {
            const rows = attendanceRows(store, meeting);
            if (String(printing).startsWith('版本:')) {
              const version = String(printing).slice(3);
              const snap = JSON.parse(meeting.versions[version]!.snapshot) as Meeting & { decisions: DecisionForPrint[] };
              const snapRows = attendanceRows(store, snap);
              return { ...meetingRecord({ ...snap, orgName, communityName: store.info?.name ?? '', version: Number(version) }, countsOf(store, snap), snapRows, snap.decisions ?? [], '会议记录', { grades: gradesForPrint(snapRows, snap) }), paper, orientation };
            }
            if (printing === '会议通知') return { ...meetingNotice(forPrint(), meeting.meetingType === '党建联席会议' ? '各驻区单位、各位兼职委员' : '各位党员', today()), paper, orientation };
            if (printing === '落实情况') {
              const open = carriedOverTasks(store.repos.meetingTasks.list(), store.repos.meetings.list(), meeting);
              return { ...followUpReport(orgName, store.info?.name ?? '', open.map((t) => taskForPrint(store, t)), today()), paper, orientation };
            }
            if (printing === '签到表') {
              const members = rows.filter((r) => r.kind !== 'guest' && !r.removed).map((r) => ({
                name: r.displayName,
                orgName: r.kind === 'member' ? (store.orgTree.get(store.repos.people.get(r.key)?.orgNodeId ?? '')?.name ?? '') : '驻区单位',
                note: r.kind === 'member' && !r.hasVote ? (store.repos.people.get(r.key)?.category === '预备党员' ? '预备党员（无表决权）' : '无表决权') : '',
              }));
              return { ...signInSheet(forPrint(), members), paper, orientation };
            }
            const carried = carriedOverTasks(store.repos.meetingTasks.list(), store.repos.meetings.list(), meeting).map((t) => taskForPrint(store, t));
            const tasks = store.repos.meetingTasks.list().filter((t) => t.meetingId === meeting.id).map((t) => taskForPrint(store, t));
            return { ...meetingRecord(forPrint(), counts, rows, decisionsOf(), printing as '会议记录' | '会议纪要', { carried, tasks, grades: gradesForPrint(rows, meeting) }), paper, orientation };
          }}
        />
      )}
    </Drawer>
  );
}

function InfoPanel({ meeting, locked }: { meeting: Meeting; locked: boolean }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const save = (values: Record<string, unknown>) => {
    try {
      store.repos.meetings.update(meeting.id, values as never);
      void message.success('已保存基本信息');
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field || 'title', errors: [`${p.label}：${p.message}`] })));
      void message.error(errorText(error));
    }
  };
  return (
    <Form form={form} layout="vertical" disabled={locked} initialValues={meeting} onFinish={save} onKeyDown={formKeys(() => form.submit())}>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="title" label="会议名称"><Input aria-label="会议名称" /></Form.Item></Col>
        <Col span={6}><Form.Item name="date" label="日期" getValueProps={(v: string) => ({ value: v ? dayjs(v) : null })} normalize={(v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : '')}><DatePicker aria-label="会议日期" style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={3}><Form.Item name="startTime" label="开始时间"><Input aria-label="开始时间" placeholder="19:30" /></Form.Item></Col>
        <Col span={3}><Form.Item name="endTime" label="结束时间"><Input aria-label="结束时间" placeholder="21:00" /></Form.Item></Col>
        <Col span={12}><Form.Item name="place" label="地点"><Input aria-label="地点" /></Form.Item></Col>
        <Col span={6}><Form.Item name="host" label="主持人"><Input aria-label="主持人" /></Form.Item></Col>
        <Col span={6}><Form.Item name="recorder" label="记录人"><Input aria-label="记录人" /></Form.Item></Col>
      </Row>
      <Button type="primary" onClick={() => form.submit()}>保存基本信息</Button>
    </Form>
  );
}

/** 议程与记录: per agenda item its discussion (merged as typed on two PCs), 常用语 filled from the counts, and the 纪要. */
function MinutesPanel({ meeting, locked }: { meeting: Meeting; locked: boolean }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [title, setTitle] = useState('');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const counts = countsOf(store, meeting);
  const phrases = store.settings.list('meetingPhrases');
  const textOf = (id: string) => drafts[id] ?? meeting.itemTexts[id] ?? '';
  const saveText = (id: string, text: string) => {
    try {
      if (text !== (meeting.itemTexts[id] ?? '')) store.repos.meetings.update(meeting.id, { itemTexts: { [id]: text } });
      setDrafts(({ [id]: _saved, ...rest }) => rest);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const summary = drafts.__summary ?? meeting.minutes;
  const carried = carriedOverTasks(store.repos.meetingTasks.list(), store.repos.meetings.list(), meeting);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {carried.length > 0 && (
        <div data-testid="agenda-carried">
          <Typography.Title level={5}>上次会议决定事项落实情况</Typography.Title>
          <TaskList tasks={carried} />
        </div>
      )}
      {meeting.agendaItems.map((item, i) => (
        <div key={item.id} data-testid="agenda-item">
          <Typography.Title level={5}>{`${'一二三四五六七八九十'[i] ?? i + 1}、${item.title}`}</Typography.Title>
          {!locked && (
            <Space wrap style={{ marginBottom: 4 }}>
              <span>常用语：</span>
              {phrases.filter((p) => phraseReady(p, meeting)).map((p) => (
                <Button key={p} size="small" onClick={() => saveText(item.id, `${textOf(item.id)}${textOf(item.id) && !textOf(item.id).endsWith('\n') ? '\n' : ''}${fillPhrase(p, meeting, counts)}`)}>
                  {fillPhrase(p, meeting, counts)}
                </Button>
              ))}
            </Space>
          )}
          <Input.TextArea
            aria-label={`${item.title}的发言记录`}
            rows={5}
            disabled={locked}
            value={textOf(item.id)}
            onChange={(e) => setDrafts((d) => ({ ...d, [item.id]: e.target.value }))}
            onBlur={(e) => saveText(item.id, e.target.value)}
            onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); saveText(item.id, e.currentTarget.value); } }}
          />
        </div>
      ))}
      {!locked && (
        <Space>
          <Input aria-label="新议程" style={{ width: 320 }} placeholder="议程，例如：学习传达上级会议精神" value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
          <Button disabled={!title.trim()} onClick={() => {
            const id = newId();
            try {
              store.repos.meetings.update(meeting.id, { agendaItems: [...meeting.agendaItems, { id, title: title.trim() }], itemTexts: { [id]: '' } });
              setTitle('');
            } catch (error) {
              void message.error(errorText(error));
            }
          }}>添加议程</Button>
        </Space>
      )}
      <Typography.Title level={5}>会议纪要（概要）</Typography.Title>
      <Input.TextArea aria-label="会议纪要" rows={4} disabled={locked} value={summary} onChange={(e) => setDrafts((d) => ({ ...d, __summary: e.target.value }))} onBlur={(e) => {
        try {
          if (e.target.value !== meeting.minutes) store.repos.meetings.update(meeting.id, { minutes: e.target.value });
          setDrafts(({ __summary: _s, ...rest }) => rest);
        } catch (error) {
          void message.error(errorText(error));
        }
      }} />
    </Space>
  );
}

/** 决议 with its vote (refused while a 支部党员大会 lacks its quorum) and numbered per organisation and year; 督办 tasks. */
function DecisionsPanel({ meeting, locked, onPrintFollowUps }: { meeting: Meeting; locked: boolean; onPrintFollowUps(): void }) {
  const { store } = useSession();
  const tasks = useLiveList(store.repos.meetingTasks);
  const allMeetings = useLiveList(store.repos.meetings);
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'决议' | '选举'>('决议');
  const [named, setNamed] = useState(false);
  const [votes, setVotes] = useState({ voteFor: 0, voteAgainst: 0, voteAbstain: 0 });
  const [namedVotes, setNamedVotes] = useState<Record<string, '同意' | '反对' | '弃权'>>({});
  const [candidates, setCandidates] = useState<{ name: string; votes: number }[]>([{ name: '', votes: 0 }]);
  const [taskFor, setTaskFor] = useState<string | null>(null);
  // In the order recorded (a motion that did not pass has no number to sort by).
  const decisions = store.repos.meetingDecisions.list().filter((d) => d.meetingId === meeting.id).sort((a, b) => a.meta.createdAt - b.meta.createdAt || a.number - b.number);
  const own = tasks.filter((t) => t.meetingId === meeting.id);
  const carried = useMemo(() => carriedOverTasks(tasks, allMeetings, meeting), [tasks, allMeetings, meeting]);
  const counts = countsOf(store, meeting);
  // 记名表决: each voting member present, 同意 unless marked otherwise.
  const voters = attendanceRows(store, meeting).filter((r) => r.kind === 'member' && !r.removed && r.hasVote && (r.status === '出席' || r.status === '迟到'));
  const ballot = Object.fromEntries(voters.map((v) => [v.key, namedVotes[v.key] ?? '同意'])) as Record<string, '同意' | '反对' | '弃权'>;

  const record = () => {
    try {
      requireQuorum(meeting.meetingType, counts);
      const cleanCandidates = candidates.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), votes: c.votes }));
      const tally = decisionTally({ ...votes, namedVotes: named ? ballot : {} });
      // The figures the vote is taken with are kept with it: a later attendance change flags it, never rewrites it.
      const figures = voteFigures(counts);
      checkVotes(kind, tally, cleanCandidates, figures);
      const passed = kind === '选举' || motionResult(tally.for, figures).passed;
      const year = Number(meeting.date.slice(0, 4));
      const all = store.repos.meetingDecisions.list().map((d) => ({ id: d.id, orgNodeId: d.orgNodeId, year: d.year, number: d.number, createdAt: d.meta.createdAt }));
      // A 决议 that did not pass is kept on record without a decision number.
      const number = passed ? nextDecisionNumber(all, meeting.orgNodeId, year) : 0;
      const created = store.repos.meetingDecisions.create({
        meetingId: meeting.id, orgNodeId: meeting.orgNodeId, year, number, text: text.trim(), kind, figures,
        ...(kind === '决议' && !named ? votes : {}), namedVotes: kind === '决议' && named ? ballot : {}, candidates: kind === '选举' ? cleanCandidates : [],
      });
      const outcome = decisionOutcome(created);
      void message.success(kind === '选举' ? `已记录选举 ${decisionLabel(year, number)}：${outcome.text}` : `已记录决议：${outcome.result}${passed ? ` ${decisionLabel(year, number)}` : '，不编号'}`);
      setText('');
      setVotes({ voteFor: 0, voteAgainst: 0, voteAbstain: 0 });
      setNamedVotes({});
      setCandidates([{ name: '', votes: 0 }]);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {carried.length > 0 && (
        <div data-testid="carried-tasks">
          <Space><Typography.Title level={5} style={{ margin: 0 }}>上次会议决定事项落实情况</Typography.Title><Button size="small" onClick={onPrintFollowUps}>打印落实情况</Button></Space>
          <TaskList tasks={carried} />
        </div>
      )}
      <Typography.Title level={5}>决议事项</Typography.Title>
      <List
        size="small"
        data-testid="decisions"
        dataSource={decisions}
        locale={{ emptyText: '还没有决议' }}
        renderItem={(d) => (
          <List.Item actions={locked ? [] : [<Button key="task" size="small" onClick={() => setTaskFor(d.id)}>添加督办</Button>]}>
            <Space direction="vertical" size={2}>
              <Space wrap>
                {d.kind !== '选举' && decisionOutcome(d).result && <Tag color={decisionOutcome(d).result === '通过' ? 'green' : 'red'}>{decisionOutcome(d).result}</Tag>}
                <span>{decisionLine(d)}</span>
              </Space>
              <ReviewFlag decision={d} now={voteFigures(counts)} locked={locked} />
            </Space>
          </List.Item>
        )}
      />
      {!locked && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Radio.Group optionType="button" size="small" value={kind} onChange={(e) => setKind(e.target.value)} options={[{ value: '决议', label: '决议' }, { value: '选举', label: '选举' }]} aria-label="类别" />
            <Input aria-label="决议内容" style={{ width: 360 }} placeholder={kind === '决议' ? '决议内容，例如：同意接收张三为预备党员' : '选举事项，例如：选举支部委员'} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
            {kind === '决议' && <Radio.Group size="small" value={named} onChange={(e) => setNamed(e.target.value)} options={[{ value: false, label: '记票数' }, { value: true, label: '记名表决' }]} aria-label="计票方式" />}
          </Space>
          {kind === '决议' && !named && (
            <Space wrap>
              <span>同意</span><InputNumber aria-label="同意票数" min={0} value={votes.voteFor} onChange={(v) => setVotes((s) => ({ ...s, voteFor: Number(v ?? 0) }))} />
              <span>反对</span><InputNumber aria-label="反对票数" min={0} value={votes.voteAgainst} onChange={(v) => setVotes((s) => ({ ...s, voteAgainst: Number(v ?? 0) }))} />
              <span>弃权</span><InputNumber aria-label="弃权票数" min={0} value={votes.voteAbstain} onChange={(v) => setVotes((s) => ({ ...s, voteAbstain: Number(v ?? 0) }))} />
            </Space>
          )}
          {kind === '决议' && named && (
            <List size="small" data-testid="named-votes" dataSource={voters} locale={{ emptyText: '没有到会的有表决权党员' }} renderItem={(v) => (
              <List.Item>
                <span>{v.displayName}</span>
                <Radio.Group size="small" optionType="button" aria-label={`${v.displayName}的表决`} value={ballot[v.key]} onChange={(e) => setNamedVotes((s) => ({ ...s, [v.key]: e.target.value }))} options={['同意', '反对', '弃权'].map((x) => ({ value: x, label: x }))} />
              </List.Item>
            )} />
          )}
          {kind === '选举' && (
            <Space direction="vertical">
              {candidates.map((c, i) => (
                <Space key={i}>
                  <Input aria-label={`候选人${i + 1}`} placeholder="候选人姓名" value={c.name} onChange={(e) => setCandidates((list) => list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
                  <InputNumber aria-label={`候选人${i + 1}得票`} min={0} value={c.votes} onChange={(v) => setCandidates((list) => list.map((x, j) => (j === i ? { ...x, votes: Number(v ?? 0) } : x)))} />
                  <span>票</span>
                </Space>
              ))}
              <Button size="small" onClick={() => setCandidates((list) => [...list, { name: '', votes: 0 }])}>添加候选人</Button>
              <Typography.Text type="secondary">得票超过到会有表决权党员（{counts.votingPresent} 人）半数的当选。</Typography.Text>
            </Space>
          )}
          <Button type="primary" disabled={!text.trim()} onClick={record}>记录{kind}</Button>
        </Space>
      )}
      <Typography.Title level={5}>督办事项</Typography.Title>
      <TaskList tasks={own} />
      {!locked && <Button onClick={() => setTaskFor('')}>添加督办事项</Button>}
      {taskFor !== null && <TaskDialog meeting={meeting} decisionId={taskFor} defaultTitle={decisions.find((d) => d.id === taskFor)?.text ?? ''} onClose={() => setTaskFor(null)} />}
    </Space>
  );
}

/**
 * The attendance changed after a vote: the decision keeps the figures it was taken with; a person reviews it (the
 * result stands for the new figures) or corrects the attendance.
 */
function ReviewFlag({ decision, now, locked }: { decision: Decision; now: ReturnType<typeof voteFigures>; locked: boolean }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const recorded = decision.figures;
  if (!recorded || !figuresChanged(recorded, now) || (decision.reviewedFigures && !figuresChanged(decision.reviewedFigures, now))) return null;
  return (
    <Alert type="warning" showIcon data-testid="decision-review" style={{ padding: '2px 8px' }}
      message={`表决后出席情况有变动：表决时有表决权应到 ${recorded.votingDue} 人、到会 ${recorded.votingPresent} 人，现在为 ${now.votingDue} 人、${now.votingPresent} 人。表决结果按表决时的人数，不会自动改变，请复核`}
      action={!locked && (
        <Button size="small" onClick={() => {
          try {
            store.repos.meetingDecisions.update(decision.id, { reviewedFigures: now }, { note: '出席情况变动后复核：维持原表决结果' });
            void message.success('已复核：维持原表决结果');
          } catch (error) {
            void message.error(errorText(error));
          }
        }}>已复核，维持原结果</Button>
      )} />
  );
}

/** 民主评议 grades as printed: each member with a grade, in the attendance order. */
function gradesForPrint(rows: readonly { key: string; displayName: string; kind: string; removed: boolean }[], meeting: Pick<Meeting, 'meetingType' | 'grades'>): { name: string; grade: string }[] {
  if (meeting.meetingType !== '民主评议') return [];
  return rows.filter((r) => r.kind === 'member' && !r.removed && meeting.grades[r.key]).map((r) => ({ name: r.displayName, grade: meeting.grades[r.key]!.grade }));
}

/** Tasks with owner, due date and state (逾期 derived); status and progress editable in place. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const saveNote = (t: Task) => {
    const text = notes[t.id];
    if (text === undefined || text === t.progress) return;
    try {
      store.repos.meetingTasks.update(t.id, { progress: text });
      setNotes(({ [t.id]: _saved, ...rest }) => rest);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const owner = (t: Task) => store.repos.people.get(t.ownerPersonId)?.name ?? store.repos.residentUnits.get(t.ownerUnitId)?.name ?? '';
  return (
    <List
      size="small"
      dataSource={tasks}
      locale={{ emptyText: '没有督办事项' }}
      renderItem={(t) => {
        const state = taskState(t, today());
        return (
          <List.Item
            actions={[
              <Select key="s" aria-label={`「${t.title}」的状态`} size="small" style={{ width: 100 }} value={t.status} options={TASK_STATUSES.map((s) => ({ value: s, label: s }))} onChange={(status) => {
                try {
                  store.repos.meetingTasks.update(t.id, { status });
                } catch (error) {
                  void message.error(errorText(error));
                }
              }} />,
            ]}
          >
            <Space direction="vertical" style={{ width: '100%' }} size={4}>
              <Space wrap>
                <span>{t.title}</span>
                <Tag>负责：{owner(t)}</Tag>
                {t.dueDate && <Tag>期限 {t.dueDate}</Tag>}
                <Tag color={state === '逾期' ? 'red' : state === '已完成' ? 'green' : 'blue'}>{state}</Tag>
              </Space>
              <Input.TextArea
                aria-label={`「${t.title}」的进展情况`}
                autoSize={{ minRows: 1, maxRows: 4 }}
                placeholder="进展情况（离开此框即保存）"
                value={notes[t.id] ?? t.progress}
                onChange={(e) => setNotes((n) => ({ ...n, [t.id]: e.target.value }))}
                onBlur={() => saveNote(t)}
              />
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

function TaskDialog({ meeting, decisionId, defaultTitle, onClose }: { meeting: Meeting; decisionId: string; defaultTitle: string; onClose(): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const people = store.repos.people.list();
  const units = store.repos.residentUnits.list();
  const save = (v: { title: string; owner?: string; dueDate?: dayjs.Dayjs }) => {
    try {
      const [kind, id] = (v.owner ?? ':').split(':') as [string, string];
      store.repos.meetingTasks.create({
        meetingId: meeting.id, decisionId, orgNodeId: meeting.orgNodeId, title: v.title ?? '', dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : '',
        ownerPersonId: kind === 'person' ? id : '', ownerUnitId: kind === 'unit' ? id : '',
      });
      void message.success('已添加督办事项');
      onClose();
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field === 'ownerPersonId' ? 'owner' : p.field, errors: [`${p.label}：${p.message}`] })));
      void message.error(errorText(error));
    }
  };
  return (
    <Modal open title="添加督办事项" okText="添加" cancelText="取消" onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" initialValues={{ title: defaultTitle }} onFinish={save} onKeyDown={formKeys(() => form.submit())}>
        <Form.Item name="title" label="事项"><Input aria-label="督办事项" /></Form.Item>
        <Form.Item name="owner" label="负责人（人员或驻区单位）">
          <Select aria-label="负责人" showSearch optionFilterProp="label" options={[
            { label: '人员', options: people.map((p) => ({ value: `person:${p.id}`, label: p.name })) },
            { label: '驻区单位', options: units.map((u) => ({ value: `unit:${u.id}`, label: u.name })) },
          ]} />
        </Form.Item>
        <Form.Item name="dueDate" label="完成期限"><DatePicker aria-label="完成期限" style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 民主评议: a grade per member; more than a third 优秀 is refused with the count. */
function GradesPanel({ meeting, locked }: { meeting: Meeting; locked: boolean }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const rows = attendanceRows(store, meeting).filter((r) => r.kind === 'member' && !r.removed);
  const [grades, setGrades] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(meeting.grades).map(([k, g]) => [k, g.grade])));
  const save = () => {
    try {
      checkGradesRecordable(countsOf(store, meeting));
      checkExcellentLimit(rows.map((r) => grades[r.key] ?? '合格'), store.settings.excellentDenominator());
      store.repos.meetings.update(meeting.id, { grades: Object.fromEntries(rows.map((r) => [r.key, { grade: (grades[r.key] ?? '合格') as (typeof GRADES)[number] }])) });
      void message.success('已保存评议等次');
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List size="small" dataSource={rows} renderItem={(r) => (
        <List.Item>
          <span>{r.displayName}</span>
          <Select aria-label={`${r.displayName}的评议等次`} disabled={locked} style={{ width: 140 }} value={grades[r.key] ?? '合格'} options={GRADES.map((g) => ({ value: g, label: g }))} onChange={(g) => setGrades((s) => ({ ...s, [r.key]: g }))} />
        </List.Item>
      )} />
      {!locked && <Button type="primary" onClick={save}>保存评议等次</Button>}
    </Space>
  );
}

/** A follow-up as printed: owner and source meeting by name, state derived. */
function taskForPrint(store: CommunityStore, t: Task): TaskForPrint {
  const source = store.repos.meetings.get(t.meetingId);
  return {
    title: t.title,
    owner: store.repos.people.get(t.ownerPersonId)?.name ?? store.repos.residentUnits.get(t.ownerUnitId)?.name ?? '',
    dueDate: t.dueDate,
    state: taskState(t, today()),
    progress: t.progress,
    meeting: source ? `${source.date} ${source.title}` : '',
  };
}

/** Each finalization is a numbered version, kept as it was: seen and printed again. */
function VersionsPanel({ meeting, onPrint }: { meeting: Meeting; onPrint(version: string): void }) {
  const versions = Object.entries(meeting.versions).sort((a, b) => Number(b[0]) - Number(a[0]));
  return (
    <List
      size="small"
      data-testid="meeting-versions"
      dataSource={versions}
      locale={{ emptyText: '还没有定稿过' }}
      renderItem={([version, v]) => (
        <List.Item actions={[<Button key="p" size="small" onClick={() => onPrint(version)}>打印此版本</Button>]}>
          第 {version} 版{v.at ? `，定稿于 ${dayjs(v.at).format('YYYY-MM-DD HH:mm')}` : ''}
        </List.Item>
      )}
    />
  );
}

/**
 * 待确认: edits another PC made before it learned this record was finalized. They were undone (the finalized version
 * stands) and wait here: 采纳 reopens the record with them applied, 不采纳 keeps the version as it is.
 */
function Proposals({ meeting }: { meeting: Meeting }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  if (meeting.status !== '已定稿') return null;
  const pending = editsAgainstFinal(store.repos.meetings.historyInMergedOrder(meeting.id)).filter((p) => !meeting.proposals[p.key]);
  if (pending.length === 0) return null;
  const labels = meetingDefinition.fieldLabels as Record<string, string>;
  const decide = (key: string, decision: '采纳' | '不采纳', apply?: Record<string, unknown>) => {
    try {
      store.doc.transact(() => {
        if (apply) store.repos.meetings.update(meeting.id, { ...apply, status: '草稿' } as never, { note: '采纳另一台电脑在定稿前的修改，解除定稿' });
        store.repos.meetings.update(meeting.id, { proposals: { [key]: { decision } } });
      });
      void message.success(decision === '采纳' ? '已采纳并解除定稿：核对后请重新定稿' : '已不采纳：保持已定稿的版本');
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="meeting-proposals"
      message={`有 ${pending.length} 处修改待确认：其他电脑在得知本记录已定稿前做了修改，已恢复为第 ${meeting.version} 版`}
      description={pending.map((p) => (
        <Space key={p.key} wrap style={{ display: 'flex', marginTop: 4 }}>
          <span>{p.entry.by} {dayjs(p.entry.at).format('MM-DD HH:mm')} 修改了：{p.fields.map((f) => labels[f] ?? f).join('、')}</span>
          <Button size="small" onClick={() => decide(p.key, '采纳', Object.fromEntries(p.fields.map((f) => [f, p.entry.changes![f]!.to])))}>采纳</Button>
          <Button size="small" onClick={() => decide(p.key, '不采纳')}>不采纳</Button>
        </Space>
      ))}
    />
  );
}
