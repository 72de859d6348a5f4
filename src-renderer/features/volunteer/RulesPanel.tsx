import { Button, Form, InputNumber, Select, Space, Typography } from 'antd';
import { ValidationError } from '../../../src-shared/errors';
import { useSession } from '../../app/storeContext';
import { useRun } from '../../app/useRun';
import { formKeys } from '../../app/formKeys';

/** 积分规则: an editable setting; a change applies to activities entered from now on (their points stay as entered). */
export function RulesPanel() {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const rules = store.settings.pointRules();
  const categories = store.settings.list('serviceTeams');
  const save = (v: Record<string, unknown>) => {
    const multipliers = Object.fromEntries(categories.map((c) => [c, Number(v[`m:${c}`] ?? 1)]).filter(([, m]) => m !== 1));
    const next = { pointsPerHour: Number(v.pointsPerHour), capHoursPerActivity: Number(v.capHoursPerActivity), stepMinutes: Number(v.stepMinutes), multipliers };
    run(() => {
      try {
        store.settings.setPointRules(next as never);
      } catch (error) {
        // Each wrong value is also shown under its field.
        if (error instanceof ValidationError) form.setFields(error.problems.filter((p) => p.field).map((p) => ({ name: p.field, errors: [p.message] })));
        throw error;
      }
    }, '积分规则已保存：此后录入的活动按新规则计分');
  };
  return (
    <Form form={form} layout="inline" onFinish={save} onKeyDown={formKeys(() => form.submit())}
      initialValues={{ ...rules, ...Object.fromEntries(categories.map((c) => [`m:${c}`, rules.multipliers[c] ?? 1])) }}>
      <Space direction="vertical">
        <Space wrap>
          <Form.Item name="pointsPerHour" label="每服务1小时积分"><InputNumber aria-label="每小时积分" step={0.5} /></Form.Item>
          <Form.Item name="capHoursPerActivity" label="每次活动最多计入（小时，0为不限）"><InputNumber aria-label="每次活动最多计入小时" step={0.5} /></Form.Item>
          <Form.Item name="stepMinutes" label="计时单位"><Select aria-label="计时单位" style={{ width: 110 }} options={[15, 30, 60].map((m) => ({ value: m, label: `${m} 分钟` }))} /></Form.Item>
        </Space>
        <Typography.Text type="secondary">按服务类别加倍（1 为不加倍）：</Typography.Text>
        <Space wrap>
          {categories.map((c) => <Form.Item key={c} name={`m:${c}`} label={c}><InputNumber aria-label={`${c}倍数`} step={0.5} style={{ width: 80 }} /></Form.Item>)}
        </Space>
        <Typography.Text type="secondary">往返路途时间不计入服务时长；修改规则只影响此后录入的活动，已入账的积分不变。</Typography.Text>
        <Button type="primary" onClick={() => form.submit()}>保存积分规则</Button>
      </Space>
    </Form>
  );
}
