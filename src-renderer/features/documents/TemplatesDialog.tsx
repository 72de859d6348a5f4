import { Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey, type TemplateText } from '../../../src-shared/records/document/documentTemplates';
import { formKeys } from '../../app/formKeys';
import { useSession } from '../../app/storeContext';
import { useSettingsVersion } from '../../app/useLive';
import { useRun } from '../../app/useRun';

/**
 * The community's templates of the notices records write (会议通知, 公示, 反馈函…): their title, 主送 and body, with
 * the fields a record fills ({会议.时间}); a field no record gives is refused, and a template can go back to the default.
 */
export function TemplatesDialog({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  useSettingsVersion(store.settings);
  const [key, setKey] = useState<TemplateKey>('会议通知');
  const [form] = Form.useForm<TemplateText>();
  const template = TEMPLATES[key];
  const save = () => run(() => store.settings.setDocumentTemplate(key, form.getFieldsValue(true) as TemplateText), `已保存模板「${key}」`);
  const reset = () => run(() => {
    store.settings.setDocumentTemplate(key, null);
    form.setFieldsValue(store.settings.documentTemplate(key));
  }, `模板「${key}」已恢复默认`);
  return (
    <Modal open title="公文模板" width={900} onCancel={onClose} footer={[<Button key="reset" onClick={reset}>恢复默认</Button>, <Button key="close" onClick={onClose}>关闭</Button>, <Button key="save" type="primary" onClick={save}>保存模板</Button>]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>模板</Typography.Text>
          <Select aria-label="选择模板" style={{ width: 200 }} value={key} onChange={(k) => { setKey(k); form.setFieldsValue(store.settings.documentTemplate(k)); }} options={TEMPLATE_KEYS.map((k) => ({ value: k, label: `${k}（${TEMPLATES[k].docType}）` }))} />
          <Typography.Text type="secondary">从{template.source}生成</Typography.Text>
        </Space>
        <div data-testid="template-fields">
          <Typography.Text type="secondary">可用字段（生成时用记录中的内容替换）：</Typography.Text>
          {Object.entries(template.fields).map(([field, meaning]) => <Tag key={field} title={meaning} style={{ marginTop: 4 }}>{`{${field}}`}：{meaning}</Tag>)}
        </div>
        <Form form={form} layout="vertical" initialValues={store.settings.documentTemplate(key)} onKeyDown={formKeys(save)}>
          <Form.Item name="title" label="标题"><Input aria-label="模板标题" /></Form.Item>
          <Form.Item name="recipients" label="主送机关"><Input aria-label="模板主送机关" /></Form.Item>
          <Form.Item name="body" label="正文"><Input.TextArea aria-label="模板正文" autoSize={{ minRows: 8, maxRows: 16 }} /></Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
