import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { COLLECTIONS, COLLECTION_NAMES } from '../../../src-shared/records';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText, fetchJson } from '../../app/errorText';
import { httpBase } from '../../sync/syncSession';
import { groupFeedRows, type FeedGroup, type FeedRow } from './feedGroups';

interface FeedPage {
  rows: FeedRow[];
  /** Where the next page starts, or null on the last one. */
  next: string | null;
}

const ACTIONS: Record<string, string> = { create: '新建', update: '修改', delete: '删除', restore: '恢复', migrate: '升级' };
const PAGE_SIZE = 50;

/**
 * 变更动态: what changed in the street's communities since a date, newest first, a page at a time from the server's
 * summaries, narrowed by community, record type and person. The first page is asked again every `refreshKey`.
 */
export function StreetFeed({ settings, communities, refreshKey }: { settings: ConnectionSettings; communities: { code: string; name: string }[]; refreshKey: number }) {
  const [since, setSince] = useState(dayjs().subtract(7, 'day').startOf('day'));
  const [community, setCommunity] = useState<string | undefined>();
  const [collection, setCollection] = useState<string | undefined>();
  const [by, setBy] = useState('');
  const [typedBy, setTypedBy] = useState('');
  const [rows, setRows] = useState<FeedRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const loaded = useRef<FeedRow[] | null>(null);
  loaded.current = rows;

  const pageUrl = useCallback((after?: string) => {
    const params = new URLSearchParams({ token: settings.token, since: String(since.valueOf()), limit: String(PAGE_SIZE) });
    if (community) params.set('community', community);
    if (collection) params.set('collection', collection);
    if (by) params.set('by', by);
    if (after) params.set('after', after);
    return `${httpBase(settings.serverUrl)}/api/feed?${params}`;
  }, [settings, since, community, collection, by]);

  // Filters changed (a new URL): start again from the first page.
  useEffect(() => {
    setRows(null);
    setNext(null);
  }, [pageUrl]);

  useEffect(() => {
    let live = true;
    fetchJson<FeedPage>(pageUrl())
      .then((page) => {
        if (!live) return;
        // A refresh puts new rows on top and keeps the older pages already loaded (and where the next one starts).
        const held = loaded.current;
        if (held && held.length > PAGE_SIZE) setRows(mergeFirstPage(page.rows, held));
        else {
          setRows(page.rows);
          setNext(page.next);
        }
        setError('');
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [pageUrl, refreshKey]);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await fetchJson<FeedPage>(pageUrl(next));
      setRows((held) => [...(held ?? []), ...page.rows]);
      setNext(page.next);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const groups = groupFeedRows(rows ?? []);
  return (
    <Card
      title="变更动态"
      extra={
        <Space wrap>
          自<DatePicker aria-label="变更起始日期" value={since} onChange={(d) => d && setSince(d.startOf('day'))} allowClear={false} />以来
          <Select aria-label="按社区" placeholder="全部社区" allowClear style={{ width: 170 }} value={community} onChange={setCommunity}
            options={communities.map((c) => ({ value: c.code, label: c.name || c.code }))} />
          <Select aria-label="按类型" placeholder="全部类型" allowClear showSearch optionFilterProp="label" virtual={false} listHeight={360} popupMatchSelectWidth={false}
            style={{ width: 140 }} value={collection} onChange={setCollection} options={COLLECTION_NAMES.map((c) => ({ value: c, label: COLLECTIONS[c].label }))} />
          <Input.Search aria-label="按操作人" placeholder="操作人，可输部分" allowClear style={{ width: 200 }} value={typedBy}
            onChange={(e) => { setTypedBy(e.target.value); if (!e.target.value) setBy(''); }} onSearch={(v) => setBy(v.trim())} />
        </Space>
      }
    >
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table<FeedGroup>
        rowKey="row"
        size="small"
        loading={rows === null && !error}
        dataSource={groups}
        pagination={false}
        data-testid="street-feed"
        locale={{ emptyText: '这段时间没有变更' }}
        columns={[
          { title: '时间', width: 150, render: (_, r) => timeText(r) },
          { title: '社区', dataIndex: 'community' },
          { title: '类型', render: (_, r) => COLLECTIONS[r.collection as keyof typeof COLLECTIONS]?.label ?? r.collection },
          { title: '记录', dataIndex: 'title' },
          { title: '操作', render: (_, r) => operationText(r) },
          { title: '操作人', dataIndex: 'by' },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">已显示 {rows?.length ?? 0} 条变更{next ? '' : rows && rows.length > 0 ? '（已到最早一条）' : ''}</Typography.Text>
        {next && <Button onClick={() => void loadMore()} loading={loadingMore}>加载更早的 {PAGE_SIZE} 条</Button>}
      </Space>
    </Card>
  );
}

/** When a row's changes were made: one time, or the span of a run of edits (one time when within the minute). */
function timeText(r: FeedGroup): string {
  const from = dayjs(r.from).format('MM-DD HH:mm');
  const to = dayjs(r.at).format('MM-DD HH:mm');
  return from === to ? to : `${from}–${to.slice(0, 6) === from.slice(0, 6) ? to.slice(6) : to}`;
}

/** 新建 / 修改（出席情况）/ 修改 6 次（出席情况）: what was done, how often, and to which fields. */
function operationText(r: FeedGroup): string {
  const labels = (COLLECTIONS[r.collection as keyof typeof COLLECTIONS]?.fieldLabels ?? {}) as Record<string, string>;
  const fields = r.action === 'update' && r.fields.length > 0 ? `（${r.fields.map((f) => labels[f] ?? f).join('、')}）` : '';
  return `${ACTIONS[r.action] ?? r.action}${r.count > 1 ? ` ${r.count} 次` : ''}${fields}`;
}

/** New rows of a refreshed first page put above the pages already loaded (each row once). */
function mergeFirstPage(first: FeedRow[], held: FeedRow[]): FeedRow[] {
  const known = new Set(held.map((r) => r.row));
  return [...first.filter((r) => !known.has(r.row)), ...held];
}
