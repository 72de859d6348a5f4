import { App as AntApp, Button, Card, Checkbox, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { newId } from '../../../src-shared/ids';
import { checkIdleMinutes, checkOperatorName, checkPin, mayOverrideBookingRules, type Operator, type OperatorSettings } from '../../../src-shared/operators/operatorList';
import { appendAudit } from '../../../src-shared/repository/docLayout';
import { errorText } from '../../app/errorText';
import { blockEnterSubmit } from '../../app/formKeys';
import { useOperatorState } from '../../app/operatorSession';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { hashPin } from '../../data/operators';

/**
 * 本机操作人: who may work on this PC (community workers from the roster, or added by name), their PINs, the idle
 * lock and the PC's name. Every change is written to the community's audit log.
 */
export function OperatorsCard() {
  const { store, operators, context } = useSession();
  const { message } = AntApp.useApp();
  const state = useOperatorState(operators);
  const people = useLiveList(store.repos.people);
  const [name, setName] = useState('');
  const [personId, setPersonId] = useState<string | undefined>();
  const [pinFor, setPinFor] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [deviceName, setDeviceName] = useState(state.settings.deviceName);
  const [idle, setIdle] = useState<number | null>(state.settings.idleMinutes);
  const { settings } = state;

  const change = async (next: OperatorSettings, detail: string) => {
    try {
      await operators.update(next);
      appendAudit(store.doc, context, 'operators', detail);
      void message.success(detail);
      return true;
    } catch (error) {
      void message.error(errorText(error));
      return false;
    }
  };
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const workers = people.filter((p) => p.roles.includes('社区工作者') && !settings.operators.some((o) => o.personId === p.id));
  const add = (operator: Operator) => change({ ...settings, operators: [...settings.operators, operator] }, `添加本机操作人「${operator.name}」`);
  const remove = (operator: Operator) => {
    if (settings.operators.length <= 1) return void message.error('本机至少要有一名操作人：请先添加接替的操作人再删除');
    void change({ ...settings, operators: settings.operators.filter((o) => o.id !== operator.id) }, `删除本机操作人「${operator.name}」`);
  };

  return (
    <Card title="本机操作人" data-testid="operators-card" extra={<Typography.Text type="secondary">操作人只能从这里的名单中选择，每次修改都记下操作人和电脑</Typography.Text>}>
      <Table<Operator>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={settings.operators}
        columns={[
          { title: '姓名', render: (_, o) => <Space>{o.name}{state.current?.id === o.id && <Tag color="red">当前</Tag>}{o.personId && <Tag>名册·社区工作者</Tag>}</Space> },
          { title: 'PIN码', render: (_, o) => (o.pin ? '已设置' : '未设置') },
          {
            title: '可破例预约',
            render: (_, o) => (
              <Checkbox
                aria-label={`「${o.name}」可破例预约`}
                checked={mayOverrideBookingRules(o)}
                onChange={(e) => void change({ ...settings, operators: settings.operators.map((x) => (x.id === o.id ? { ...x, mayOverrideBookingRules: e.target.checked } : x)) }, `${e.target.checked ? '允许' : '不允许'}操作人「${o.name}」破例预约`)}
              />
            ),
          },
          {
            title: '',
            render: (_, o) =>
              pinFor === o.id ? (
                <Space>
                  <Input.Password aria-label={`「${o.name}」的新PIN码`} style={{ width: 140 }} maxLength={6} value={pin} onChange={(e) => setPin(e.target.value)} onKeyDown={blockEnterSubmit} placeholder="4至6位数字" />
                  <Button size="small" type="primary" onClick={() => attempt(async () => {
                    const digits = checkPin(pin);
                    const next = { ...o, pin: await hashPin(digits) };
                    if (await change({ ...settings, operators: settings.operators.map((x) => (x.id === o.id ? next : x)) }, `为操作人「${o.name}」设置PIN码`)) { setPinFor(null); setPin(''); }
                  })}>保存PIN</Button>
                  <Button size="small" onClick={() => { setPinFor(null); setPin(''); }}>取消</Button>
                </Space>
              ) : (
                <Space>
                  <Button size="small" onClick={() => setPinFor(o.id)}>{o.pin ? '更改PIN' : '设置PIN'}</Button>
                  {o.pin && <Button size="small" onClick={() => change({ ...settings, operators: settings.operators.map((x) => (x.id === o.id ? withoutPin(x) : x)) }, `清除操作人「${o.name}」的PIN码`)}>清除PIN</Button>}
                  <Button size="small" danger onClick={() => remove(o)}>删除</Button>
                </Space>
              ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Select aria-label="从名册添加操作人" style={{ width: 220 }} placeholder="从名册中的社区工作者添加" value={personId} onChange={setPersonId} options={workers.map((p) => ({ value: p.id, label: p.name }))} notFoundContent="名册中没有未添加的社区工作者" />
        <Button disabled={!personId} onClick={() => attempt(async () => {
          const person = people.find((p) => p.id === personId)!;
          if (await add({ id: newId(), name: checkOperatorName(person.name, settings.operators), personId: person.id })) setPersonId(undefined);
        })}>添加</Button>
        <Input aria-label="按姓名添加操作人" style={{ width: 180 }} placeholder="或直接填写姓名" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={blockEnterSubmit} />
        <Button disabled={!name.trim()} onClick={() => attempt(async () => {
          if (await add({ id: newId(), name: checkOperatorName(name, settings.operators) })) setName('');
        })}>按姓名添加</Button>
      </Space>
      <Space wrap style={{ marginTop: 12 }}>
        <span>本机名称</span>
        <Input aria-label="本机名称" style={{ width: 180 }} placeholder="例如：前台电脑" value={deviceName} maxLength={20} onChange={(e) => setDeviceName(e.target.value)} onKeyDown={blockEnterSubmit} />
        <span>无人操作</span>
        <InputNumber aria-label="无操作自动锁定（分钟）" min={0} max={480} value={idle} onChange={(v) => setIdle(v)} />
        <span>分钟后重新选择操作人（0 表示不锁定）</span>
        <Button onClick={() => attempt(async () => {
          const minutes = checkIdleMinutes(Number(idle ?? 0));
          await change({ ...settings, deviceName: deviceName.trim(), idleMinutes: minutes }, `本机名称设为「${deviceName.trim() || '（空）'}」，无人操作 ${minutes} 分钟后重新选择操作人`);
        })}>保存</Button>
      </Space>
    </Card>
  );
}

/** The operator without a PIN (every other setting kept). */
function withoutPin(operator: Operator): Operator {
  const { pin: _pin, ...rest } = operator;
  return rest;
}
