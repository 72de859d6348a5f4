import { Alert, Button, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { duplicateNumbers, likelyDuplicates, reconcile } from '../../../src-shared/records/volunteer/pointsLedger';
import { certificateNumber } from '../../../src-shared/records/volunteer/serviceActivitySchema';
import { mergeDuplicateActivities, settleActivity } from '../../../src-shared/records/volunteer/volunteerLedger';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useAskText } from '../../app/askText';
import { useRun } from '../../app/useRun';
import { useLiveList } from '../../app/useLive';
import { useLedger } from './volunteerModel';

/**
 * What a merge of two offline PCs left for a person: overdrawn balances (two redemptions), activities whose points no
 * longer match their sign-in (both PCs posted one change), and one activity entered twice. Nothing is dropped or
 * summed blindly; each has its fix here.
 */
export function LedgerIssues() {
  const { store } = useSession();
  const askText = useAskText();
  const run = useRun();
  const { activities, lines } = useLedger();
  // The full check reads every activity and line (≈ 400 ms in the large community): only when they change.
  const found = useMemo(() => reconcile(activities, lines), [activities, lines]);
  const duplicates = useMemo(() => likelyDuplicates(activities), [activities]);
  const certificates = useLiveList(store.repos.serviceCertificates);
  const renumber = duplicateNumbers(certificates.map((c) => ({ ...c, createdAt: c.meta.createdAt })));
  if (found.overdrawn.length === 0 && found.unsettled.length === 0 && duplicates.length === 0 && renumber.length === 0) return null;
  const reverse = (lineId: string, who: string, points: number) =>
    askText({
      title: `冲正${who}的这笔兑换（退回 ${-points} 分）？`, label: '冲正原因', placeholder: '例如：两台电脑重复兑换，物品已退回', okText: '冲正',
      act: (reason) => {
        const line = store.repos.pointEntries.get(lineId)!;
        return run(() => store.repos.pointEntries.create({ personKey: line.personKey, personName: line.personName, date: today(), kind: '冲正', points: -line.points, reverses: line.id, reason }), `已冲正，${who}的积分退回 ${-line.points} 分`);
      },
    });
  const merge = (keepId: string, dropId: string) =>
    run(() => store.doc.transact(() => mergeDuplicateActivities(store.repos, keepId, dropId, today())), `已合并为「${store.repos.serviceActivities.get(keepId)?.title ?? ''}」，重复的积分已收回`);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="ledger-issues"
      message="积分需要处理：以下情况由冲正或多台电脑合并留下，记录全部保留，请逐一处理"
      description={
        <>
          {found.overdrawn.map((o) => o.cause === '冲正已用积分' ? (
            // Reversing points already spent: the items were handed over; nothing to reverse, the shortfall stands.
            <div key={o.personKey} style={{ marginTop: 4 }} data-testid="overdrawn-by-reversal">
              <b>{o.personName} 积分余额 {o.balance} 分</b>（{o.reversal!.date} 冲正了已被兑换使用的积分：{o.reversal!.reason}）。已兑换的物品不退回，负数由以后获得的积分抵扣；公示时注明。
            </div>
          ) : (
            <div key={o.personKey} style={{ marginTop: 4 }}>
              <b>{o.personName} 积分余额 {o.balance} 分</b>（兑换超出余额：多台电脑离线时各自登记了兑换）
              {o.redemptions.map((r) => (
                <Space key={r.id} wrap style={{ display: 'flex', marginLeft: 16 }}>
                  <span>{r.date} 兑换 {r.item} {-r.points} 分（{r.createdBy} 于 {dayjs(r.createdAt).format('MM-DD HH:mm')} 登记）</span>
                  {!lines.some((l) => l.reverses === r.id) && <Button size="small" danger onClick={() => reverse(r.id, o.personName, r.points)}>冲正此笔兑换</Button>}
                </Space>
              ))}
            </div>
          ))}
          {found.unsettled.slice(0, 20).map((u) => (
            <Space key={u.activity.id} wrap style={{ display: 'flex', marginTop: 4 }}>
              <span>活动「{u.activity.title}」（{u.activity.date}）的积分与签到不符：{u.postings.map((p) => `${p.personName} 签到应得与已记积分差 ${p.points > 0 ? '+' : ''}${p.points} 分`).join('、')}。如冲正是因为此人未到或时间记错，请在“活动”中更正签到表；如签到无误，按签到补记差额</span>
              <Button size="small" onClick={() => run(() => store.doc.transact(() => settleActivity(store.repos, u.activity.id, today())), '已按签到补记差额')}>按签到补记差额</Button>
            </Space>
          ))}
          {duplicates.slice(0, 20).map(([a, b]) => (
            <Space key={`${a.id}${b.id}`} wrap style={{ display: 'flex', marginTop: 4 }}>
              <span>「{a.title}」与「{b.title}」（{a.date}）可能是同一活动被录入两次</span>
              <Button size="small" type="primary" onClick={() => merge(a.id, b.id)}>合并为一个活动</Button>
              <Button size="small" onClick={() => run(() => store.repos.serviceActivities.update(b.id, { distinctFrom: [...(store.repos.serviceActivities.get(b.id)?.distinctFrom ?? []), a.id] }), '已确认不是同一活动')}>不是同一活动</Button>
            </Space>
          ))}
          {renumber.map((c) => {
            const next = Math.max(...certificates.filter((x) => x.year === c.year).map((x) => x.seq)) + 1;
            return (
              <Space key={c.id} wrap style={{ display: 'flex', marginTop: 4 }}>
                <span>{certificateNumber(c.year, c.seq)}被两台电脑各开具了一次（{c.personName}的证明是后开具的）</span>
                <Button size="small" onClick={() => run(() => store.repos.serviceCertificates.update(c.id, { seq: next }), `${c.personName}的证明改为${certificateNumber(c.year, next)}，请重新打印`)}>改为{certificateNumber(c.year, next)}</Button>
              </Space>
            );
          })}
        </>
      }
    />
  );
}
