import { App as AntApp, Button, Card, Form, InputNumber } from 'antd';
import { useEffect, useState } from 'react';
import { blockEnterSubmit } from '../../app/formKeys';
import { saveAppValue } from '../../data/appSettings';
import { loadTodoLimits, TODO_LIMITS_KEY, type TodoLimits } from './useTodo';

/** 设置 → 工作台提醒: after how many days without a backup or a sync 今日待办 says so (this PC's own setting). */
export function TodoLimitsCard() {
  const { message } = AntApp.useApp();
  const [limits, setLimits] = useState<TodoLimits | null>(null);
  useEffect(() => void loadTodoLimits().then(setLimits), []);
  if (!limits) return null;
  const save = async (v: TodoLimits) => {
    await saveAppValue(TODO_LIMITS_KEY, { backupDays: v.backupDays, syncDays: v.syncDays });
    void message.success('已保存工作台提醒');
  };
  return (
    <Card title="工作台提醒（本机）">
      <Form layout="inline" onKeyDown={blockEnterSubmit} initialValues={limits} onFinish={save}>
        <Form.Item name="backupDays" label="超过几天没有备份时提醒" rules={[{ required: true, type: 'integer', min: 1, max: 90, message: '超过几天没有备份时提醒：请填 1 至 90 之间的整数天数' }]}>
          <InputNumber aria-label="超过几天没有备份时提醒" min={1} max={90} precision={0} addonAfter="天" />
        </Form.Item>
        <Form.Item name="syncDays" label="超过几天没有与街道同步时提醒" rules={[{ required: true, type: 'integer', min: 1, max: 90, message: '超过几天没有与街道同步时提醒：请填 1 至 90 之间的整数天数' }]}>
          <InputNumber aria-label="超过几天没有与街道同步时提醒" min={1} max={90} precision={0} addonAfter="天" />
        </Form.Item>
        <Button htmlType="submit" type="primary">保存提醒设置</Button>
      </Form>
    </Card>
  );
}
