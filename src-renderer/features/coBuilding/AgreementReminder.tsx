import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { expiringAgreements } from '../../../src-shared/records/coBuilding/coBuildingRules';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useCoBuildingSettings } from './coBuildingModel';

const seenKey = (code: string) => `desk:agreementReminders:${code}`;

/**
 * The reminder at the top of the app: agreements reaching a reminder step (60, 30, 7 days before expiry, by default) or
 * expired. “知道了” hides an agreement until its next step, so each step is seen once, never silently skipped.
 */
export function AgreementReminder({ onOpen }: { onOpen(): void }) {
  const { store } = useSession();
  const agreements = useLiveList(store.repos.agreements);
  const { reminderDays } = useCoBuildingSettings();
  const [seen, setSeen] = useState<string[]>(() => JSON.parse(localStorage.getItem(seenKey(store.code)) ?? '[]') as string[]);
  const due = expiringAgreements(agreements, today(), reminderDays).filter((a) => !seen.includes(`${a.id}:${a.daysLeft < 0 ? 'expired' : a.step}`));
  if (due.length === 0) return null;
  const dismiss = () => {
    const next = [...seen, ...due.map((a) => `${a.id}:${a.daysLeft < 0 ? 'expired' : a.step}`)];
    localStorage.setItem(seenKey(store.code), JSON.stringify(next));
    setSeen(next);
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="agreement-reminder"
      style={{ marginBottom: 12 }}
      message={`共建协议到期提醒：${due.length} 份`}
      description={due.slice(0, 3).map((a) => <div key={a.id}>「{a.title}」{a.daysLeft < 0 ? `已于 ${a.endDate} 到期` : `${a.endDate} 到期，还有 ${a.daysLeft} 天`}</div>)}
      action={<Space direction="vertical"><Button size="small" type="primary" onClick={onOpen}>查看协议</Button><Button size="small" onClick={dismiss}>知道了</Button></Space>}
    />
  );
}
