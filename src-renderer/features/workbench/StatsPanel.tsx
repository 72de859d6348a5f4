import { Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { factsOfBookings } from '../../../src-shared/records/booking/bookingFacts';
import type { WhistleFacts } from '../../../src-shared/records/coBuilding/whistleRules';
import { activityFacts, ledgerLines } from '../../../src-shared/records/volunteer/volunteerLedger';
import { meetingCompletion, meetingCompletionChart, MONTHS, structureChart, venueUsageCharts, volunteerMonthsChart, volunteerTeamsChart, whistleResponseChart } from '../../../src-shared/workbench/charts';
import { birthOf, educationBucket, memberStructure, membersOf } from '../../../src-shared/workbench/memberStructure';
import { calendarFactsOf } from '../../../src-shared/workbench/todoCards';
import { today } from '../../app/saveBytes';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { ChartCard } from './ChartCard';
import { scopeOf, useMemberFacts, useOrgRows } from './workbenchModel';

const STATS_TABS = [
  { key: 'structure', label: '党员结构' },
  { key: 'meetings', label: '三会一课' },
  { key: 'volunteer', label: '志愿服务' },
  { key: 'venues', label: '场地使用' },
  { key: 'whistles', label: '吹哨报到' },
];

/**
 * 统计: the community's figures as charts, each with its numbers, .xlsx and print. The organisation chosen applies to
 * 党员结构 and 三会一课; the year to the others. Only the chosen part is drawn.
 */
export function StatsPanel() {
  const { store } = useSession();
  const orgs = useOrgRows();
  const [orgId, setOrgId] = useState<string | undefined>();
  const top = orgs[0];
  const chosen = orgs.find((o) => o.id === orgId) ?? top;
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [tab, setTab] = useState('structure');
  const [people, setPeople] = useState<{ title: string; ids: string[] } | null>(null);
  const communityName = store.info?.name ?? '';
  const orgOptions = useMemo(() => orgs.map((o) => ({ value: o.id, label: `${'　'.repeat(o.depth)}${o.name}` })), [orgs]);
  return (
    <div data-testid="stats">
      <Space wrap style={{ marginBottom: 8 }}>
        <span>党组织</span>
        <Select style={{ width: 280 }} aria-label="统计的党组织" value={chosen?.id} onChange={setOrgId} options={orgOptions} showSearch optionFilterProp="label" />
        <span>年度</span>
        <Select aria-label="统计年度" style={{ width: 110 }} value={year} onChange={setYear} options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))} />
        <Typography.Text type="secondary">党员结构按今天统计；其余按所选年度。</Typography.Text>
      </Space>
      <Tabs size="small" destroyOnHidden activeKey={tab} onChange={setTab} items={STATS_TABS.map((t) => ({
        key: t.key, label: t.label,
        children: t.key === 'structure' ? <StructureCharts orgId={chosen?.id ?? ''} orgName={chosen?.name ?? communityName} communityName={communityName} onFigure={(title, ids) => setPeople({ title, ids })} />
          : t.key === 'meetings' ? <MeetingCharts orgId={chosen?.id ?? ''} orgName={chosen?.name ?? communityName} year={year} communityName={communityName} />
          : t.key === 'volunteer' ? <VolunteerCharts year={year} communityName={communityName} />
          : t.key === 'venues' ? <VenueCharts year={year} communityName={communityName} />
          : <WhistleCharts year={year} communityName={communityName} />,
      }))} />
      {people && <PeopleList title={people.title} ids={people.ids} onClose={() => setPeople(null)} />}
    </div>
  );
}

function StructureCharts({ orgId, orgName, communityName, onFigure }: { orgId: string; orgName: string; communityName: string; onFigure(title: string, ids: string[]): void }) {
  const facts = useMemberFacts();
  const orgs = useOrgRows();
  const charts = useMemo(() => {
    const members = membersOf(facts, scopeOf(orgs, orgId));
    return { count: members.length, charts: memberStructure(members, today()).map((d) => structureChart(d, orgName)) };
  }, [facts, orgs, orgId, orgName]);
  return (
    <>
      <Typography.Paragraph data-testid="structure-total">{charts.count === 0 ? `${orgName}（含下属党组织）还没有党员，无法统计党员结构。` : `${orgName}共有党员 ${charts.count} 人（含下属党组织）。`}</Typography.Paragraph>
      {/* With nobody to count, the sentence above once, not under each of six charts. */}
      {charts.count > 0 && charts.charts.map((c) => <ChartCard key={c.key} chart={c} communityName={communityName} emptyText={`${orgName}还没有党员，无法统计`} onFigure={onFigure} />)}
    </>
  );
}

function MeetingCharts({ orgId, orgName, year, communityName }: { orgId: string; orgName: string; year: number; communityName: string }) {
  const { store } = useSession();
  const orgs = useOrgRows();
  const version = useRepositoryVersion(store.repos.meetings as never);
  const rows = useMemo(() => meetingCompletion(calendarFactsOf(store.repos, store.doc), year, today(), scopeOf(orgs, orgId)), [store, version, orgs, orgId, year]);
  const chart = meetingCompletionChart(rows, year, orgName);
  return (
    <>
      <ChartCard chart={chart} communityName={communityName} emptyText={`${year}年还没有结束的月份需要开会，或${orgName}下没有须开三会一课的党组织`} />
      {rows.length > 0 && (
        <Table size="small" pagination={false} rowKey="orgNodeId" data-testid="meeting-completion-table" scroll={{ x: true }}
          dataSource={rows}
          columns={[
            { title: '党组织', dataIndex: 'orgName', key: 'org', width: 180, ellipsis: true },
            ...MONTHS.map((m, i) => ({ title: m, key: m, width: 62, align: 'center' as const, render: (_: unknown, r: (typeof rows)[number]) => (r.months[i]!.due ? <span style={{ color: r.months[i]!.held < r.months[i]!.due ? '#c8102e' : undefined }}>{r.months[i]!.held}/{r.months[i]!.due}</span> : '—') })),
          ]} />
      )}
    </>
  );
}

function VolunteerCharts({ year, communityName }: { year: number; communityName: string }) {
  const { store } = useSession();
  const activityVersion = useRepositoryVersion(store.repos.serviceActivities as never);
  const lineVersion = useRepositoryVersion(store.repos.pointEntries as never);
  const teams = useLiveList(store.repos.volunteerTeams);
  const charts = useMemo(() => {
    const activities = activityFacts(store.repos);
    const organisers = new Map(store.repos.serviceActivities.pick(['organiserKind', 'organiserId']).map((a) => [a.id, a]));
    const withOrganiser = activities.map((a) => ({ ...a, organiserKind: String(organisers.get(a.id)?.organiserKind ?? ''), organiserId: String(organisers.get(a.id)?.organiserId ?? '') }));
    return [volunteerMonthsChart(activities, ledgerLines(store.repos), year), volunteerTeamsChart(withOrganiser, teams.map((t) => ({ id: t.id, name: t.name })), year)];
  }, [store, activityVersion, lineVersion, teams, year]);
  return <>{charts.map((c) => <ChartCard key={c.key} chart={c} communityName={communityName} emptyText={`${year}年还没有志愿服务记录`} />)}</>;
}

function VenueCharts({ year, communityName }: { year: number; communityName: string }) {
  const { store } = useSession();
  const version = useRepositoryVersion(store.repos.bookings as never);
  const venues = useLiveList(store.repos.venues);
  const charts = useMemo(() => venueUsageCharts(venues.map((v) => ({ id: v.id, name: v.name })), factsOfBookings(store.repos.bookings as never), year), [store, version, venues, year]);
  return <>{charts.map((c) => <ChartCard key={c.key} chart={c} communityName={communityName} emptyText={`${year}年还没有场地预约`} />)}</>;
}

function WhistleCharts({ year, communityName }: { year: number; communityName: string }) {
  const { store } = useSession();
  const whistles = useLiveList(store.repos.whistles);
  const chart = useMemo(() => whistleResponseChart(whistles as unknown as WhistleFacts[], year), [whistles, year]);
  return <ChartCard chart={chart} communityName={communityName} emptyText={`${year}年还没有吹哨报到事项`} />;
}

/** The people behind a figure: who they are, where, and the fields the figure counts by. */
export function PeopleList({ title, ids, onClose }: { title: string; ids: readonly string[]; onClose(): void }) {
  const { store } = useSession();
  const orgName = (id: string) => store.orgTree.get(id)?.name ?? '';
  const rows = ids.map((id) => store.repos.people.get(id)).filter((p) => p !== undefined);
  return (
    <Modal open title={`${title}（${rows.length} 人）`} footer={null} onCancel={onClose} width={900}>
      <Table size="small" rowKey="id" data-testid="figure-people" dataSource={rows} pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: '姓名', dataIndex: 'name', key: 'name', width: 90 },
          { title: '所在党组织', key: 'org', ellipsis: true, render: (_: unknown, p) => orgName(p.orgNodeId) },
          { title: '性别', dataIndex: 'gender', key: 'gender', width: 56 },
          { title: '出生日期', key: 'birth', width: 110, render: (_: unknown, p) => birthOf(p) },
          { title: '民族', dataIndex: 'ethnicity', key: 'ethnicity', width: 72 },
          { title: '学历', key: 'education', width: 100, render: (_: unknown, p) => (p.education ? `${p.education}${educationBucket(p.education) !== p.education ? `（${educationBucket(p.education)}）` : ''}` : '') },
          { title: '人员类别', dataIndex: 'category', key: 'category', width: 86 },
          { title: '入党日期', dataIndex: 'joinDate', key: 'joinDate', width: 104 },
          { title: '转正日期', dataIndex: 'confirmDate', key: 'confirmDate', width: 104 },
        ]} />
    </Modal>
  );
}
