import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { SyncServerState } from '../../../src-shared/ipc/contract';
import { errorText } from '../../app/errorText';
import { platform } from '../../platform/platform';

/** Desktop only: run the sync server on this street office PC and hand out connection strings (text and QR code). */
export function LocalServerCard({ streetCode }: { streetCode: string }) {
  const [state, setState] = useState<SyncServerState | null>(null);
  const [port, setPort] = useState(4455);
  const [issued, setIssued] = useState<{ text: string; qr: string } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => void platform.syncServer({ action: 'status' }).then(setState).catch(() => undefined), []);

  const act = async (fn: () => Promise<void>) => {
    setError('');
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Card title="本机同步服务（街道办电脑）">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Space wrap>
        <span>端口</span>
        <InputNumber aria-label="端口" min={1024} max={65535} value={port} onChange={(v) => setPort(Number(v))} disabled={state?.running} />
        {state?.running ? (
          <Button onClick={() => act(async () => setState(await platform.syncServer({ action: 'stop' })))}>停止服务</Button>
        ) : (
          <Button type="primary" onClick={() => act(async () => setState(await platform.syncServer({ action: 'start', port })))}>启动服务</Button>
        )}
        <Typography.Text type="secondary">{state?.running ? `运行中：${state.addresses.join('，') || '本机'}` : '未运行'}；数据目录 {state?.dataDir}</Typography.Text>
      </Space>
      <Form
        layout="inline"
        style={{ marginTop: 12 }}
        initialValues={{ role: 'clerk', scope: streetCode, days: 365 }}
        onFinish={(v) =>
          act(async () => {
            const serverUrl = state?.addresses[0] ?? `ws://127.0.0.1:${port}`;
            const result = await platform.issueSyncToken({ role: v.role, scope: String(v.scope), name: String(v.name ?? ''), days: Number(v.days), serverUrl });
            setIssued({ text: result.connectionString, qr: await QRCode.toDataURL(result.connectionString, { margin: 1, width: 220 }) });
          })
        }
      >
        <Form.Item name="role" label="身份"><Select style={{ width: 130 }} options={[{ value: 'clerk', label: '社区操作员' }, { value: 'street', label: '街道工作人员' }, { value: 'viewer', label: '只读查看' }]} /></Form.Item>
        <Form.Item name="scope" label="社区/街道代码"><Input style={{ width: 150 }} /></Form.Item>
        <Form.Item name="name" label="使用人"><Input style={{ width: 100 }} /></Form.Item>
        <Form.Item name="days" label="有效天数"><InputNumber min={1} max={3660} /></Form.Item>
        <Button htmlType="submit">发放连接串</Button>
      </Form>
      {issued && (
        <Space align="start" style={{ marginTop: 12 }}>
          <img src={issued.qr} alt="连接串二维码" width={160} height={160} />
          <Typography.Paragraph copyable style={{ maxWidth: 520, wordBreak: 'break-all' }}>{issued.text}</Typography.Paragraph>
        </Space>
      )}
    </Card>
  );
}
