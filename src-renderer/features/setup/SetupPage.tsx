import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { validateCommunitySetup, type CommunitySetupInput } from '../../../src-shared/community/communityInfo';
import { ValidationError } from '../../../src-shared/errors';
import { errorText } from '../../app/errorText';

export type SetupResult = CommunitySetupInput;

/** First run on this PC: which community this is, and who the clerk is. */
export function SetupPage({ onDone, initialClerkName }: { onDone(result: SetupResult): Promise<void>; initialClerkName: string }) {
  const [form] = Form.useForm<CommunitySetupInput>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  const submit = async (values: CommunitySetupInput) => {
    setFailure('');
    let setup: CommunitySetupInput;
    try {
      setup = validateCommunitySetup(values);
    } catch (error) {
      if (error instanceof ValidationError) {
        form.setFields(error.problems.map((p) => ({ name: p.field as keyof CommunitySetupInput, errors: [`${p.label}${p.message}`] })));
        return;
      }
      throw error;
    }
    setBusy(true);
    try {
      await onDone(setup);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 520 }} title="欢迎使用社区工作台：首次设置">
        <Typography.Paragraph type="secondary">
          请填写本社区的基本信息。数据保存在本机，断网也能正常使用；以后联网时再与街道同步。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ clerkName: initialClerkName }} disabled={busy}>
          <Form.Item name="name" label="社区名称" rules={[{ required: true, message: '请填写社区名称，例如「三坊七巷社区」' }]}>
            <Input placeholder="例如：三坊七巷社区" />
          </Form.Item>
          <Form.Item
            name="code"
            label="统计用区划代码（12位）"
            extra="前9位是街道，后3位是社区，例如 350102001001；可向街道党建办询问"
            rules={[{ required: true, message: '请填写12位统计用区划代码' }]}
          >
            <Input placeholder="350102001001" maxLength={24} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="streetName" label="所属街道" rules={[{ required: true, message: '请填写所属街道，例如「南街街道」' }]}>
            <Input placeholder="例如：南街街道" />
          </Form.Item>
          <Form.Item name="clerkName" label="操作人姓名" extra="每次修改都会记下操作人，便于追溯" rules={[{ required: true, message: '请填写操作人姓名' }]}>
            <Input placeholder="例如：王小红" />
          </Form.Item>
          {failure && <Typography.Paragraph type="danger">{failure}</Typography.Paragraph>}
          <Button type="primary" htmlType="submit" block loading={busy}>
            完成设置，开始使用
          </Button>
        </Form>
      </Card>
    </div>
  );
}
