import { UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { blockEnterSubmit } from '../../app/formKeys';
import { errorText } from '../../app/errorText';
import { useOperatorState, type OperatorSession } from '../../app/operatorSession';

/**
 * Who works now: chosen from this PC's operator list (never typed), with the operator's PIN where one is set. Shown
 * at start on a PC with several operators, after 更换, and after the PC was left idle; it covers the app until chosen.
 */
export function OperatorGate({ session }: { session: OperatorSession }) {
  const state = useOperatorState(session);
  const [chosen, setChosen] = useState<string | undefined>();
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  if (state.current) return null;
  const operator = state.settings.operators.find((o) => o.id === chosen);

  const confirm = async () => {
    if (!chosen) return setFailure('请先在列表中选择操作人');
    setBusy(true);
    try {
      await session.choose(chosen, pin);
      setPin('');
      setFailure('');
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open closable={false} maskClosable={false} keyboard={false} title="选择操作人" footer={null} width={480}>
      <Typography.Paragraph type="secondary">{state.reason}</Typography.Paragraph>
      {state.settings.operators.length === 0 ? (
        <Alert type="warning" showIcon message="本机还没有操作人：请重新完成首次设置，或请街道党建办协助。" />
      ) : (
        <Radio.Group value={chosen} onChange={(e) => { setChosen(e.target.value); setPin(''); setFailure(''); }} aria-label="操作人" style={{ display: 'grid', gap: 8 }}>
          {state.settings.operators.map((o) => (
            <Radio key={o.id} value={o.id}>
              <UserOutlined /> {o.name}{o.pin ? '（需PIN码）' : ''}
            </Radio>
          ))}
        </Radio.Group>
      )}
      {operator?.pin && (
        <Input.Password
          style={{ marginTop: 12 }}
          aria-label="PIN码"
          placeholder={`「${operator.name}」的PIN码`}
          value={pin}
          maxLength={6}
          onChange={(e) => setPin(e.target.value)}
          onKeyDown={blockEnterSubmit}
        />
      )}
      {failure && <Alert style={{ marginTop: 12 }} type="error" showIcon message={failure} data-testid="operator-error" />}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} disabled={!chosen} onClick={confirm}>确定</Button>
        <Typography.Text type="secondary">操作人在“设置”→“本机操作人”中管理</Typography.Text>
      </Space>
    </Modal>
  );
}
