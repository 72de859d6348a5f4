import { Alert, Button, Card, Layout, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { COLLECTIONS } from '../../../src-shared/records';
import { peekClaims, ROLE_LABELS, type ConnectionSettings } from '../../../src-shared/sync/access';
import { StreetExchangeCard } from './StreetExchangeCard';
import { StreetFeed } from './StreetFeed';
import { platform } from '../../platform/platform';
import { httpBase } from '../../sync/syncSession';
import { LocalServerCard } from './LocalServerCard';
import { StreetAvailability } from './StreetAvailability';
import { StreetAssessment } from './StreetAssessment';
import { StreetUnitAssessment } from './StreetUnitAssessment';
import { StreetWhistles } from './StreetWhistles';
import { StreetCalendar } from './StreetCalendar';
import { StreetWorkbench } from './StreetWorkbench';
import { errorText, fetchJson, ServerProblem } from '../../app/errorText';

interface CommunityRow {
  code: string;
  name: string;
  lastWriteAt: number;
  connections: number;
  counts: Record<string, number>;
}

const SHOWN = ['people', 'orgNodes', 'residentUnits', 'meetings', 'bookings', 'activities'] as const;

/** Street office: every community of the street with its sync state and counts, and what changed since a date. */
export function StreetHome({ settings, clerkName, onOpen, onSignOut }: { settings: ConnectionSettings; clerkName: string; onOpen(code: string): Promise<void>; onSignOut(): Promise<void> }) {
  const claims = peekClaims(settings.token);
  const [rows, setRows] = useState<CommunityRow[] | null>(null);
  /** Bumped on every refresh of the overview: the feed asks for its first page again. */
  const [refreshKey, setRefreshKey] = useState(0);
  const [error, setError] = useState('');
  /** When the server last answered: what the table shows is as of then. */
  const [answeredAt, setAnsweredAt] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const base = `${httpBase(settings.serverUrl)}/api`;
      const token = encodeURIComponent(settings.token);
      const list = await fetchJson<CommunityRow[]>(`${base}/communities?token=${token}`);
      if (!Array.isArray(list)) throw new ServerProblem('街道服务器的回答无法识别：请核对连接串中的服务器地址。');
      setRows(list);
      setRefreshKey((n) => n + 1);
      setError('');
      setAnsweredAt(Date.now());
    } catch (e) {
      setError(`${errorText(e)}本机已打开过的社区仍可离线查看。`);
    }
  }, [settings]);
  // Who is online is only known while the server answers: stale counts are not shown as current.
  const reachable = !error && answeredAt !== null;

  useEffect(() => {
    void load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff', borderBottom: '1px solid #eee' }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#c8102e' }}>社区工作台 · 街道总览</Typography.Title>
        <Typography.Text>街道代码 {claims?.scope}（{claims ? ROLE_LABELS[claims.role] : ''}：{claims?.name}）</Typography.Text>
        <div style={{ flex: 1 }} />
        <span>操作人：{clerkName}</span>
        <Button size="small" onClick={onSignOut}>退出街道登录</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {error && <Alert type="warning" showIcon data-testid="street-error" message={error} description={answeredAt ? `下表是 ${dayjs(answeredAt).format('HH:mm:ss')} 服务器最后一次回答时的情况。` : undefined} />}
          <Card title="本街道各社区" extra={<Button onClick={load}>刷新</Button>}>
            <Table<CommunityRow>
              rowKey="code"
              size="small"
              loading={rows === null && !error}
              dataSource={rows ?? []}
              pagination={false}
              data-testid="street-communities"
              locale={{ emptyText: '服务器上还没有本街道的社区数据：请社区先在“同步设置”中连接' }}
              columns={[
                { title: '社区', render: (_, r) => `${r.name || '（未命名）'}（${r.code}）` },
                { title: '连接状态', render: (_, r) => (!reachable ? <Tag>不明（连不上服务器）</Tag> : r.connections > 0 ? <Tag color="green">在线 {r.connections} 台</Tag> : <Tag>离线</Tag>) },
                { title: '最后同步', render: (_, r) => (r.lastWriteAt ? dayjs(r.lastWriteAt).format('YYYY-MM-DD HH:mm') : '—') },
                ...SHOWN.map((c) => ({ title: COLLECTIONS[c].label, render: (_: unknown, r: CommunityRow) => r.counts[c] ?? 0 })),
                { title: '', render: (_, r) => <Button type="primary" size="small" onClick={() => onOpen(r.code)}>打开</Button> },
              ]}
            />
          </Card>
          <StreetExchangeCard settings={settings} clerkName={clerkName} onOpen={onOpen} />
          {/* The views that read whole documents are asked only once the overview (from summaries) has answered. */}
          {rows !== null && (
            <>
              <StreetWorkbench settings={settings} onOpen={onOpen} />
              <StreetFeed settings={settings} communities={rows} refreshKey={refreshKey} />
              <StreetCalendar settings={settings} onOpen={async (code, meetingId) => {
                // The community opens on its 会议记录 screen with that meeting.
                localStorage.setItem('desk:open-screen', 'meetings');
                localStorage.setItem('desk:open-meeting', meetingId);
                await onOpen(code);
              }} />
              <StreetAvailability settings={settings} onOpen={async (code) => {
                // The community opens on its 场地预约 screen.
                localStorage.setItem('desk:open-screen', 'bookings');
                await onOpen(code);
              }} />
              <StreetAssessment settings={settings} />
              <StreetWhistles settings={settings} />
              <StreetUnitAssessment settings={settings} />
            </>
          )}
          {platform.kind === 'desktop' && claims && <LocalServerCard streetCode={claims.scope} />}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
