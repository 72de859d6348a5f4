import { Alert, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CommunityStanding } from './useStreetQuery';

/**
 * How current a street table is: the time its communities' figures were last brought up to date, those still being
 * updated after their latest changes, and any community that could not be read (named, with why) — the table answers
 * for all the others.
 */
export function StreetStanding({ communities, loading, seconds }: { communities: readonly CommunityStanding[] | undefined; loading: boolean; seconds: number }) {
  const list = communities ?? [];
  const problems = list.filter((c) => c.problem);
  const updating = list.filter((c) => c.updating && !c.problem);
  const asOf = list.filter((c) => c.asOf > 0).map((c) => c.asOf);
  return (
    <div data-testid="street-standing" style={{ marginBottom: 8 }}>
      {loading && <Typography.Text type="secondary">正在向街道服务器查询…{seconds >= 2 ? `（已 ${seconds} 秒）` : ''}</Typography.Text>}
      {!loading && list.length > 0 && (
        <Typography.Text type="secondary">
          各社区数据截至 {asOf.length ? dayjs(Math.min(...asOf)).format('MM-DD HH:mm') : '—'}
          {updating.length > 0 ? `；${updating.map((c) => c.community).join('、')}有新的修改，正在汇总，汇总后自动刷新` : ''}
        </Typography.Text>
      )}
      {problems.map((c) => <Alert key={c.code} type="warning" showIcon style={{ marginTop: 4 }} message={`${c.community}（${c.code}）未列入：${c.problem}`} />)}
    </div>
  );
}
