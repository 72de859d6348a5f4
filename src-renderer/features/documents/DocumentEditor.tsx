import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { FieldProblem } from '../../../src-shared/errors';
import { DOCUMENT_TYPES, UPWARD_TYPES, type OfficialContent } from '../../../src-shared/print/officialLayout';
import { officialDocuments as documentDefinition } from '../../../src-shared/records';
import { docNumberText, finalizeProblems, nextDocNumber, officialContentOf, printProblems } from '../../../src-shared/records/document/documentRules';
import { useAskText } from '../../app/askText';
import { formKeys } from '../../app/formKeys';
import { HistoryTimeline } from '../../app/HistoryTimeline';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useRun } from '../../app/useRun';
import { OfficialPrintPreview } from './OfficialPrintPreview';

type DocumentRecord = NonNullable<ReturnType<ReturnType<typeof useSession>['store']['repos']['officialDocuments']['get']>>;

interface FormValues {
  docType: DocumentRecord['docType'];
  issuer: string;
  issuerCode: string;
  year: number;
  signer: string;
  title: string;
  recipients: string;
  body: string;
  attachments: { name: string; text: string }[];
  signature: string;
  date: dayjs.Dayjs | null;
  note: string;
  copyTo: string;
  printedBy: string;
  printedOn: dayjs.Dayjs | null;
}

const toForm = (d: DocumentRecord): FormValues => ({
  docType: d.docType, issuer: d.issuer, issuerCode: d.issuerCode, year: d.year, signer: d.signer, title: d.title, recipients: d.recipients, body: d.body,
  attachments: d.attachments.map((a) => ({ ...a })), signature: d.signature, date: d.date ? dayjs(d.date) : null, note: d.note, copyTo: d.copyTo, printedBy: d.printedBy,
  printedOn: d.printedOn ? dayjs(d.printedOn) : null,
});

const fromForm = (v: FormValues) => ({
  docType: v.docType, issuer: v.issuer ?? '', issuerCode: v.issuerCode ?? '', year: Number(v.year), signer: v.signer ?? '', title: v.title ?? '', recipients: v.recipients ?? '',
  body: v.body ?? '', attachments: (v.attachments ?? []).map((a) => ({ name: a?.name ?? '', text: a?.text ?? '' })), signature: v.signature ?? '',
  date: v.date ? v.date.format('YYYY-MM-DD') : '', note: v.note ?? '', copyTo: v.copyTo ?? '', printedBy: v.printedBy ?? '', printedOn: v.printedOn ? v.printedOn.format('YYYY-MM-DD') : '',
});

/**
 * One official document: its parts as GB/T 9704 names them, saved as a draft, previewed and printed in the standard's
 * layout, finalized with the next 文号 of its issuer and year (a version each time), revised with a reason.
 */
export function DocumentEditor({ documentId, onClose }: { documentId: string; onClose(): void }) {
  const { store } = useSession();
  const { modal } = AntApp.useApp();
  const run = useRun();
  const askText = useAskText();
  useRepositoryVersion(store.repos.officialDocuments as never);
  const doc = store.repos.officialDocuments.get(documentId);
  const [form] = Form.useForm<FormValues>();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [printing, setPrinting] = useState<OfficialContent | null>(null);
  // The version the form was loaded from: a change from another PC while the clerk types is said, not overwritten.
  const [loadedAt, setLoadedAt] = useState(doc?.meta.updatedAt ?? 0);
  const initial = useMemo(() => (doc ? toForm(doc) : undefined), [documentId]); // loaded once per document; later changes are offered, not forced (see changedElsewhere)
  const docType = Form.useWatch('docType', form);
  if (!doc) return null;
  const locked = doc.status === '已定稿';
  const numbered = () => store.repos.officialDocuments.list({ includeDeleted: true }).map((d) => ({ id: d.id, issuerCode: d.issuerCode, year: d.year, number: d.number, status: d.status, createdAt: d.meta.createdAt }));
  // Unsaved: what the form holds differs from the record (compared as saved, not by antd's touched flags).
  const unsaved = () => !locked && JSON.stringify(fromForm(form.getFieldsValue(true) as FormValues)) !== JSON.stringify(fromForm(toForm(store.repos.officialDocuments.get(doc.id)!)));
  const changedElsewhere = doc.meta.updatedAt !== loadedAt && unsaved();

  const save = (then?: () => void) => {
    if (locked) return then?.();
    const fields = fromForm(form.getFieldsValue(true) as FormValues);
    if (run(() => store.repos.officialDocuments.update(doc.id, fields), then ? undefined : '已保存')) {
      setLoadedAt(store.repos.officialDocuments.get(doc.id)!.meta.updatedAt);
      form.setFieldsValue(toForm(store.repos.officialDocuments.get(doc.id)!));
      then?.();
    }
  };
  const reload = () => {
    form.setFieldsValue(toForm(doc));
    setLoadedAt(doc.meta.updatedAt);
  };
  const preview = () => save(() => setPrinting(officialContentOf(store.repos.officialDocuments.get(doc.id)!)));
  const finalize = () =>
    save(() => {
      const current = store.repos.officialDocuments.get(doc.id)!;
      const number = current.number || nextDocNumber(numbered(), current.issuerCode, current.year);
      const found = finalizeProblems(officialContentOf({ ...current, number }), numbered(), { id: current.id, issuerCode: current.issuerCode, year: current.year, number });
      setProblems(found);
      if (found.length > 0) return;
      run(() => store.repos.officialDocuments.update(doc.id, { status: '已定稿', number, version: current.version + 1 }), `已定稿：${docNumberText(current.issuerCode, current.year, number)}（第 ${current.version + 1} 版）`);
      setLoadedAt(store.repos.officialDocuments.get(doc.id)!.meta.updatedAt);
    });
  const revise = () =>
    askText({
      title: '修订公文', label: '修订原因', placeholder: '例如：会议地点改变', rows: 2, okText: '修订', cancelText: '取消', required: '请填写修订原因：原因会记入修改记录',
      act: (reason) => run(() => store.repos.officialDocuments.update(doc.id, { status: '草稿' }, { note: `修订：${reason}` }), '可以修改了；改完请重新定稿（文号不变，版本加一）'),
    });
  const remove = () =>
    modal.confirm({
      title: `删除草稿「${doc.title}」？`, content: '删除后可在修改记录中找到；定稿过的公文不能删除。', okText: '删除', cancelText: '取消', okButtonProps: { danger: true },
      onOk: () => run(() => store.repos.officialDocuments.delete(doc.id), '已删除草稿') && onClose(),
    });
  const unfilled = printProblems(officialContentOf(doc));
  const upward = UPWARD_TYPES.includes(docType ?? doc.docType);

  return (
    <Drawer
      open
      width="min(1100px, 100vw)"
      onClose={() => (!unsaved() ? onClose() : modal.confirm({ title: '有未保存的修改', content: '关闭前保存这些修改吗？', okText: '保存并关闭', cancelText: '不保存', onOk: () => save(onClose), onCancel: onClose }))}
      destroyOnHidden
      title={<Space>{doc.title}<Tag color={locked ? 'green' : 'default'}>{locked ? `已定稿 第${doc.version}版` : '草稿'}</Tag>{doc.number > 0 && <Tag>{docNumberText(doc.issuerCode, doc.year, doc.number)}</Tag>}</Space>}
      extra={
        <Space>
          {!locked && <Button onClick={() => save()}>保存</Button>}
          <Button onClick={preview}>打印预览</Button>
          {locked ? <Button onClick={revise}>修订</Button> : <Button type="primary" onClick={finalize}>{doc.number > 0 ? '重新定稿' : '定稿并编号'}</Button>}
          {!locked && doc.number === 0 && <Button danger icon={<DeleteOutlined />} aria-label="删除草稿" onClick={remove} />}
        </Space>
      }
    >
      {locked && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`已定稿：${docNumberText(doc.issuerCode, doc.year, doc.number)}，第 ${doc.version} 版，内容已锁定`} description="要改动请点“修订”并写明原因；改完重新定稿，文号不变，版本加一。" />}
      {changedElsewhere && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="这份公文刚被另一台电脑修改" description="保存会以本机正在修改的内容为准；要先看对方的修改，请点“载入最新内容”（本机未保存的修改会丢弃）。" action={<Button onClick={reload}>载入最新内容</Button>} />
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="finalize-problems" message="还不能定稿，请先改正："
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{problems.map((p, i) => <li key={i}>{p.label}：{p.message}</li>)}</ul>} />
      )}
      {unfilled.length > 0 && problems.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="unfilled-fields" message={`记录中没有值的字段：${unfilled.map((p) => p.label).join('、')}`} description="请在正文中把它们改为实际内容；改好前不能打印。" />
      )}
      <Tabs
        items={[
          {
            key: 'edit', label: '公文内容',
            children: (
              <Form form={form} layout="vertical" initialValues={initial} disabled={locked} onKeyDown={formKeys(() => save())} onValuesChange={() => setProblems([])}>
                <Row gutter={12}>
                  <Col span={4}><Form.Item name="docType" label="文种"><Select aria-label="文种" options={DOCUMENT_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
                  <Col span={10}><Form.Item name="issuer" label="发文机关标志（红头）"><Input aria-label="发文机关标志" /></Form.Item></Col>
                  <Col span={6}><Form.Item name="issuerCode" label="发文机关代字" tooltip="文号中〔年份〕前的部分"><Input aria-label="发文机关代字" /></Form.Item></Col>
                  <Col span={4}><Form.Item name="year" label="年度"><InputNumber aria-label="年度" min={2000} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
                  {upward && <Col span={6}><Form.Item name="signer" label="签发人"><Input aria-label="签发人" /></Form.Item></Col>}
                  <Col span={upward ? 18 : 24}><Form.Item name="title" label="标题"><Input aria-label="标题" /></Form.Item></Col>
                  <Col span={24}><Form.Item name="recipients" label="主送机关"><Input aria-label="主送机关" placeholder="例如：各网格党支部" /></Form.Item></Col>
                  <Col span={24}>
                    <Form.Item name="body" label="正文" extra="每行一段。以“一、”“（一）”“1.”“（1）”开头的段落为各级标题，分别用黑体、楷体、仿宋。">
                      <Input.TextArea aria-label="正文" autoSize={{ minRows: 10, maxRows: 22 }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Typography.Text strong>附件</Typography.Text>
                <Form.List name="attachments">
                  {(fields, { add, remove: removeAttachment }) => (
                    <Space direction="vertical" style={{ width: '100%', margin: '8px 0 16px' }}>
                      {fields.map((f, i) => (
                        <Row key={f.key} gutter={8} align="top">
                          <Col span={7}><Form.Item name={[f.name, 'name']} style={{ marginBottom: 0 }}><Input aria-label={`附件${i + 1}名称`} placeholder={`附件${i + 1}名称`} /></Form.Item></Col>
                          <Col span={15}><Form.Item name={[f.name, 'text']} style={{ marginBottom: 0 }}><Input.TextArea aria-label={`附件${i + 1}内容`} placeholder="附件正文（印在正文之后的单独页上）；只列名称可留空" autoSize={{ minRows: 1, maxRows: 6 }} /></Form.Item></Col>
                          <Col span={2}><Button aria-label={`删去附件${i + 1}`} icon={<DeleteOutlined />} onClick={() => removeAttachment(f.name)} /></Col>
                        </Row>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ name: '', text: '' })}>添加附件</Button>
                    </Space>
                  )}
                </Form.List>
                <Row gutter={12}>
                  <Col span={12}><Form.Item name="signature" label="发文机关署名"><Input aria-label="发文机关署名" /></Form.Item></Col>
                  <Col span={6}><Form.Item name="date" label="成文日期"><DatePicker aria-label="成文日期" style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={24}><Form.Item name="note" label="附注"><Input aria-label="附注" placeholder="例如：联系人：王小红，电话：0591-87654321" /></Form.Item></Col>
                  <Col span={10}><Form.Item name="copyTo" label="抄送机关"><Input aria-label="抄送机关" /></Form.Item></Col>
                  <Col span={8}><Form.Item name="printedBy" label="印发机关"><Input aria-label="印发机关" /></Form.Item></Col>
                  <Col span={6}><Form.Item name="printedOn" label="印发日期"><DatePicker aria-label="印发日期" style={{ width: '100%' }} /></Form.Item></Col>
                </Row>
              </Form>
            ),
          },
          {
            key: 'history', label: '修改记录',
            children: <HistoryTimeline testId="document-history" history={store.repos.officialDocuments.history(doc.id)} current={doc as unknown as Record<string, unknown>} labels={documentDefinition.fieldLabels as Record<string, string>} show={(_f, v) => (Array.isArray(v) ? v.map((a) => (a as { name: string }).name).join('、') : String(v ?? ''))} />,
          },
        ]}
      />
      {printing && <OfficialPrintPreview contents={[printing]} fileName={`${docNumberText(doc.issuerCode, doc.year, doc.number) || '公文草稿'}-${doc.title}`} onClose={() => setPrinting(null)} />}
    </Drawer>
  );
}
