import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { takeIntent } from '../../app/navigation';
import { attendanceWorth, postingsFor, type ActivityFacts } from '../../../src-shared/records/volunteer/pointsLedger';
import { settleActivity } from '../../../src-shared/records/volunteer/volunteerLedger';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useRun } from '../../app/useRun';
import { ActivityDialog, type LastBatch } from './ActivityDialog';
import { LedgerIssues } from './LedgerIssues';
import { PointsPanel } from './PointsPanel';
import { PublicityPanel } from './PublicityPanel';
import { RulesPanel } from './RulesPanel';
import { TeamsPanel } from './TeamsPanel';
import { InServicePanel } from './InServicePanel';
import { AssessmentPanel } from './AssessmentPanel';
import { useLedger } from './volunteerModel';

/** 志愿服务与道德银行: activities and their sign-in sheets, points, the month's 公示 and certificates, the rules. */
export function VolunteerPage() {
  // A row of 今日待办 opens its tab (积分存折, 在职党员).
  const [intent] = useState(() => takeIntent('volunteer'));
  const [tab, setTab] = useState(intent?.tab ?? 'activities');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <LedgerIssues />
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'activities', label: '服务活动', children: <ActivitiesPanel /> },
          { key: 'points', label: '积分存折', children: <PointsPanel /> },
          { key: 'publicity', label: '公示与证明', children: <PublicityPanel /> },
          { key: 'inService', label: '在职党员与双向反馈', children: <InServicePanel focusId={intent?.tab === 'inService' ? intent.id : undefined} /> },
          { key: 'assessment', label: '年度考核', children: <AssessmentPanel /> },
          { key: 'teams', label: '服务队', children: <TeamsPanel /> },
          { key: 'rules', label: '积分规则', children: <RulesPanel /> },
        ]}
      />
    </Space>
  );
}

const figures = (a: ActivityFacts) => {
  let people = 0;
  let hours = 0;
  let points = 0;
  for (const e of Object.values(a.attendance)) {
    if (!e.present || !a.rules) continue;
    const w = attendanceWorth(e, a.rules);
    people++;
    hours += w.hours;
    points += w.points;
  }
  return { people, hours, points: Math.round(points * 10) / 10 };
};

/** The month's activities; a new one, or one opened, is entered from its sign-in sheet. The last entry can be undone whole. */
function ActivitiesPanel() {
  const { store } = useSession();
  const run = useRun();
  const { activities, lines } = useLedger();
  const [month, setMonth] = useState(today().slice(0, 7));
  // An activity whose posted points differ from its sign-in (a service line reversed, a merge) says so on its row.
  const mismatched = useMemo(() => {
    const ids = new Set(activities.filter((a) => a.date.startsWith(month)).map((a) => a.id));
    const own = lines.filter((l) => ids.has(l.activityId));
    return new Set(activities.filter((a) => ids.has(a.id) && postingsFor(a, own).length > 0).map((a) => a.id));
  }, [activities, lines, month]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [last, setLast] = useState<LastBatch | null>(null);
  const shown = useMemo(() => activities.filter((a) => !a.deleted && a.date.startsWith(month)).sort((a, b) => b.date.localeCompare(a.date)), [activities, month]);
  const undo = (batch: LastBatch) => {
    const done = run(() => store.doc.transact(() => {
      if (!batch.before) store.repos.serviceActivities.delete(batch.activityId);
      else {
        const now = store.repos.serviceActivities.get(batch.activityId)!;
        const restored = Object.fromEntries(Object.entries(now.attendance).map(([key, e]) => [key, batch.before![key] ?? { ...e, present: false, arrive: '', leave: '' }]));
        store.repos.serviceActivities.update(batch.activityId, { attendance: restored });
      }
      settleActivity(store.repos, batch.activityId, today());
    }), `已撤销「${batch.title}」的本次录入，相应积分已收回`);
    if (done) setLast(null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="month" aria-label="活动月份" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建活动并录入签到</Button>
      </Space>
      {last && (
        <Alert type="success" showIcon closable onClose={() => setLast(null)} data-testid="last-batch"
          message={`刚才录入了「${last.title}」${last.count} 人。`}
          action={<Button size="small" onClick={() => undo(last)}>撤销本次录入</Button>} />
      )}
      <Table<ActivityFacts>
        size="small"
        rowKey="id"
        data-testid="service-activities"
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: '这个月还没有志愿服务活动：点“新建活动并录入签到”' }}
        onRow={(a) => ({ onClick: () => setEditing(a.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '活动', render: (_, a) => <a>{a.title}</a> },
          { title: '地点', dataIndex: 'place' },
          { title: '到场', width: 80, render: (_, a) => `${figures(a).people} 人` },
          { title: '服务时长', width: 100, render: (_, a) => `${figures(a).hours} 小时` },
          { title: '积分', width: 150, render: (_, a) => <Space>{figures(a).points}{mismatched.has(a.id) && <Tag color="red" data-testid="points-mismatch">积分与签到不符</Tag>}</Space> },
        ]}
      />
      {editing && (
        <ActivityDialog
          activity={editing === 'new' ? undefined : store.repos.serviceActivities.get(editing)}
          onClose={() => setEditing(null)}
          onSaved={setLast}
        />
      )}
    </Space>
  );
}
