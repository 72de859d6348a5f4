import { Button, Descriptions, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { yearStatement } from '../../../src-shared/print/volunteerPrints';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { balanceOf, redemptionProblem, reversalWarning, statement, type LedgerLine } from '../../../src-shared/records/volunteer/pointsLedger';
import { today } from '../../app/saveBytes';
import { useOperatorState } from '../../app/operatorSession';
import { useSession } from '../../app/storeContext';
import { useAskText } from '../../app/askText';
import { useRun } from '../../app/useRun';
import { PrintPreview } from '../print/PrintPreview';
import { participantOf, personKey, useLedger } from './volunteerModel';

/** 积分存折: one person's balance and lines; redeem, award, and reverse a line (never edit it). */
export function PointsPanel() {
  const { store, operators } = useSession();
  const operator = useOperatorState(operators).current;
  const askText = useAskText();
  const run = useRun();
  const { activities, lines } = useLedger();
  const [key, setKey] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'兑换' | '奖励' | null>(null);
  const [year, setYear] = useState(today().slice(0, 4));
  const [printing, setPrinting] = useState(false);
  const options = useMemo(() => {
    const keys = new Map<string, string>();
    for (const p of store.repos.people.list()) if (p.roles.includes('志愿者') || p.roles.includes('在职党员') || p.roles.includes('党员')) keys.set(personKey(p.id), `${p.name} ${maskPhone(p.phone)}`);
    for (const l of lines) if (!keys.has(l.personKey)) keys.set(l.personKey, `${l.personName}（现场居民）${maskPhone(participantOf(store, l.personKey).phone)}`);
    return [...keys].map(([value, label]) => ({ value, label }));
  }, [store, lines]);
  const who = key ? participantOf(store, key, lines.find((l) => l.personKey === key)?.personName) : null;
  const mine = key ? statement(lines, key) : [];
  const balance = key ? balanceOf(lines, key) : 0;
  const hours = key ? activities.reduce((s, a) => s + (!a.deleted && a.attendance[key]?.present ? 1 : 0), 0) : 0;
  const detail = (l: LedgerLine) => {
    if (l.kind === '兑换') return `兑换 ${l.item}（经手人 ${l.handedBy}）`;
    if (l.kind === '服务') return `${activities.find((a) => a.id === l.activityId)?.title ?? '志愿服务'} ${l.hours} 小时${l.reason ? `，${l.reason}` : ''}`;
    return l.reason;
  };
  const reverse = (l: LedgerLine) =>
    askText({
      // Said before: what the balance becomes; a service line's reversal stays linked to its activity, which shows
      // 积分与签到不符 until the sign-in sheet is corrected (the usual fix) or the difference is posted again.
      title: `冲正这笔${l.kind}（${l.points > 0 ? '扣回' : '退回'} ${Math.abs(l.points)} 分）？${reversalWarning(l, who?.name ?? l.personName, balance)}${l.kind === '服务' ? '服务积分由活动签到表生成：冲正后该活动显示“积分与签到不符”，请到“活动”中更正签到表。' : ''}`,
      label: '冲正原因', placeholder: '例如：登记错人', okText: '冲正', required: '请填写冲正原因：原因记入积分流水',
      act: (reason) => run(() => store.repos.pointEntries.create({ personKey: l.personKey, personName: l.personName, date: today(), kind: '冲正', points: -l.points, reverses: l.id, reason, activityId: l.kind === '服务' ? l.activityId : '' }), `已冲正：${who?.name ?? l.personName}的积分余额为 ${Math.round((balance - l.points) * 10) / 10} 分`),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="积分人员" showSearch optionFilterProp="label" style={{ width: 300 }} placeholder="选择志愿者、党员或现场居民" value={key} onChange={setKey} options={options} />
        <Button disabled={!key} onClick={() => setDialog('兑换')}>兑换</Button>
        <Button disabled={!key} onClick={() => setDialog('奖励')}>奖励积分</Button>
        <Input aria-label="对账单年度" style={{ width: 90 }} value={year} onChange={(e) => setYear(e.target.value.trim())} />
        <Button disabled={!key || !/^\d{4}$/.test(year)} onClick={() => setPrinting(true)}>打印年度对账单</Button>
      </Space>
      {who && (
        <Descriptions size="small" bordered column={4} data-testid="points-summary">
          <Descriptions.Item label="姓名">{who.name}</Descriptions.Item>
          <Descriptions.Item label="电话">{maskPhone(who.phone) || '—'}</Descriptions.Item>
          <Descriptions.Item label="参加活动">{hours} 次</Descriptions.Item>
          <Descriptions.Item label="积分余额"><b data-testid="points-balance">{balance}</b> 分</Descriptions.Item>
        </Descriptions>
      )}
      {key && (
        <Table
          size="small"
          rowKey="id"
          data-testid="points-statement"
          dataSource={[...mine].reverse()}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '类别', width: 80, render: (_, l) => <Tag color={l.kind === '兑换' ? 'orange' : l.kind === '冲正' ? 'red' : 'green'}>{l.kind}</Tag> },
            { title: '摘要', render: (_, l) => detail(l) },
            { title: '积分', width: 80, render: (_, l) => (l.points > 0 ? `+${l.points}` : l.points) },
            { title: '余额', width: 80, dataIndex: 'balance' },
            { title: '登记', width: 150, render: (_, l) => l.createdBy },
            { title: '', width: 90, render: (_, l) => (l.kind !== '冲正' && !lines.some((x) => x.reverses === l.id) ? <Button size="small" onClick={() => reverse(l)}>冲正</Button> : l.kind === '冲正' ? '' : '已冲正') },
          ]}
        />
      )}
      {dialog && who && <PointsDialog kind={dialog} name={who.name} balance={balance} handedBy={operator?.name ?? ''} onClose={() => setDialog(null)} onSave={(points, text, handedBy) => run(() => store.repos.pointEntries.create(dialog === '兑换' ? { personKey: who.key, personName: who.name, date: today(), kind: '兑换', points: -points, item: text, handedBy } : { personKey: who.key, personName: who.name, date: today(), kind: '奖励', points, reason: text }), dialog === '兑换' ? `已兑换：${who.name} ${text}，扣 ${points} 分` : `已奖励 ${who.name} ${points} 分`)} />}
      {printing && who && key && (
        <PrintPreview onClose={() => setPrinting(false)} build={(paper, orientation) => {
          const all = statement(lines, key);
          const before = all.filter((l) => l.date < `${year}-01-01`);
          const within = all.filter((l) => l.date.startsWith(year));
          return { ...yearStatement(store.info?.name ?? '', who.name, year, before.length ? before[before.length - 1]!.balance : 0, within.map((l) => ({ date: l.date, kind: l.kind, points: l.points, balance: l.balance, detail: detail(l) }))), paper, orientation };
        }} />
      )}
    </Space>
  );
}

/** 兑换 or 奖励: the points, and the item (with who handed it over) or the reason. A redemption above the balance is refused. */
function PointsDialog({ kind, name, balance, handedBy, onClose, onSave }: { kind: '兑换' | '奖励'; name: string; balance: number; handedBy: string; onClose(): void; onSave(points: number, text: string, handedBy: string): boolean }) {
  const [points, setPoints] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [by, setBy] = useState(handedBy);
  const [problem, setProblem] = useState('');
  const save = () => {
    const p = Number(points ?? 0);
    const found = kind === '兑换' ? redemptionProblem(name, balance, p) ?? (!text.trim() ? '请填写兑换的物品或服务，例如：洗衣液一瓶' : !by.trim() ? '请填写经手人' : null) : !(p > 0) ? '奖励积分须大于 0' : !text.trim() ? '请写明奖励原因，例如：抗疫志愿服务表彰' : null;
    setProblem(found ?? '');
    if (!found && onSave(p, text.trim(), by.trim())) onClose();
  };
  return (
    <Modal open title={`${kind}：${name}（余额 ${balance} 分）`} okText={kind === '兑换' ? '确认兑换' : '确认奖励'} cancelText="取消" onCancel={onClose} onOk={save}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <InputNumber aria-label={`${kind}积分`} min={0} step={1} style={{ width: 160 }} value={points} onChange={setPoints} addonAfter="分" />
        <Input aria-label={kind === '兑换' ? '兑换物品' : '奖励原因'} placeholder={kind === '兑换' ? '兑换的物品或服务，例如：洗衣液一瓶' : '奖励原因'} value={text} onChange={(e) => setText(e.target.value)} />
        {kind === '兑换' && <Input aria-label="经手人" placeholder="经手人" value={by} onChange={(e) => setBy(e.target.value)} />}
        {problem && <div role="alert" style={{ color: '#cf1322' }} data-testid="points-problem">{problem}</div>}
      </Space>
    </Modal>
  );
}
