import { InboxOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, Modal, Popconfirm, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { matchHeaders, type TableColumn } from '../../../src-shared/table/columns';
import { cellText } from '../../../src-shared/table/cells';
import { buildImportPreview, commitImport, countDataRows, type ImportOptions, type ImportPreview, type ImportSource, type PreviewRow, type UnknownValue } from '../../../src-shared/table/importPreview';
import { errorReportSheet, templateSheets } from '../../../src-shared/table/reports';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { readTableFile, writeWorkbook } from '../../data/spreadsheet';

export interface ImportTarget {
  /** What is imported, e.g. 党员 or 驻区单位: used in titles and file names. */
  label: string;
  repo: AnyRepository;
  columns: readonly TableColumn[];
  templateColumns: readonly TableColumn[];
  templateExample: Record<string, string>;
  allowed: Record<string, readonly string[]>;
  options: Omit<ImportOptions, 'repo' | 'columns' | 'mapping'>;
  /** The values a field's unknown values can be mapped onto (a list, or organisation nodes by path). */
  choiceOptions?: (field: string) => { value: string; label: string }[];
}

const STATUS: Record<PreviewRow['status'], { label: string; color: string }> = {
  new: { label: '新增', color: 'green' },
  changed: { label: '修改', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  error: { label: '有问题', color: 'red' },
};

/** Excel/CSV import: choose a file, check the column mapping, preview every row's problems, then commit. */
export function ImportWizard({ target, onClose }: { target: ImportTarget; onClose(): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [step, setStep] = useState(0);
  const [source, setSource] = useState<ImportSource | null>(null);
  const [fileName, setFileName] = useState('');
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(true);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  const loadFile = async (file: File) => {
    setFailure('');
    try {
      const read = await readTableFile(file.name, await file.arrayBuffer(), target.columns);
      setSource(read);
      setFileName(file.name);
      setMapping(matchHeaders(read.headers, target.columns).mapping);
      setStep(1);
    } catch (error) {
      setFailure(errorText(error));
    }
    return false;
  };

  const makePreview = () => {
    if (!source) return;
    const built = buildImportPreview(source, { repo: target.repo, columns: target.columns, mapping, ...target.options });
    setPreview(built);
    setOnlyErrors(built.counts.error > 0);
    setFailure('');
    setStep(2);
  };

  /** "把「X」都当作「Y」": remembered as a synonym in 设置, then every row is checked again. */
  const learn = (unknown: UnknownValue, value: string, label: string) => {
    try {
      store.settings.learnSynonym(unknown.field, unknown.written, value);
      void message.success(`已把「${unknown.written}」都当作「${label}」（${unknown.rowNumbers.length} 行），并记入“设置”中的对应关系`);
      makePreview();
    } catch (error) {
      setFailure(errorText(error));
    }
  };

  const commit = async (validOnly: boolean) => {
    if (!preview) return;
    setBusy(true);
    setFailure('');
    try {
      const result = commitImport(target.repo, (fn) => store.doc.transact(fn), preview, { validOnly });
      await store.flush();
      void message.success(`导入完成：新增 ${result.created} 条，更新 ${result.updated} 条，跳过 ${result.skipped} 条；已保存到本机`);
      onClose();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const downloadTemplate = async () => {
    const sheets = templateSheets(`${target.label}导入模板`, target.templateColumns, target.templateExample, target.allowed);
    await saveBytes(`${target.label}导入模板.xlsx`, await writeWorkbook(sheets));
  };

  const downloadErrors = async () => {
    if (!source || !preview) return;
    await saveBytes(`${fileName.replace(/\.[^.]+$/, '')}-问题报告.xlsx`, await writeWorkbook([errorReportSheet(source, preview, target.columns)]));
  };

  const missingRequired = useMemo(() => {
    const used = new Set(mapping.filter(Boolean));
    return target.columns.filter((c) => c.required && !used.has(c.field)).map((c) => c.header);
  }, [mapping, target.columns]);

  const fieldOptions = [{ value: '', label: '（不导入此列）' }, ...target.columns.map((c) => ({ value: c.field, label: c.header }))];
  const mappedColumns = mapping.map((field, index) => ({ field, index })).filter((m): m is { field: string; index: number } => m.field !== null);
  const first = source?.firstRowNumber ?? 2;
  const shownRows = preview ? preview.rows.filter((r) => !onlyErrors || r.status === 'error') : [];

  return (
    <Modal open title={`导入${target.label}`} width={1100} footer={null} onCancel={onClose} destroyOnHidden>
      <Steps size="small" current={step} items={[{ title: '选择文件' }, { title: '核对列' }, { title: '预览并导入' }]} style={{ marginBottom: 16 }} />
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} data-testid="import-error" />}
      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload.Dragger accept=".xlsx,.csv" beforeUpload={loadFile} showUploadList={false} data-testid="import-file">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>点击或把文件拖到这里：支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）</p>
            <p style={{ color: '#888' }}>按公民身份号码匹配已有人员：已有的更新，没有的新增</p>
          </Upload.Dragger>
          <Button onClick={downloadTemplate}>下载空白模板</Button>
        </Space>
      )}
      {step === 1 && source && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            文件「{fileName}」共 {countDataRows(source)} 行数据。请核对每一列对应的字段：
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            scroll={{ y: 360 }}
            dataSource={source.headers.map((header, index) => ({ header, index }))}
            columns={[
              { title: '文件中的列名', dataIndex: 'header', render: (h: string) => h || '（空）' },
              { title: '示例', render: (_: unknown, r: { index: number }) => sampleCell(source, r.index) },
              {
                title: '导入为',
                render: (_: unknown, r: { index: number }) => (
                  <Select
                    aria-label={`第${r.index + 1}列导入为`}
                    style={{ width: 200 }}
                    value={mapping[r.index] ?? ''}
                    options={fieldOptions}
                    onChange={(v) => setMapping((m) => m.map((f, i) => (i === r.index ? v || null : f === v && v ? null : f)))}
                  />
                ),
              },
            ]}
          />
          {missingRequired.length > 0 && <Alert type="warning" showIcon message={`缺少必填列：${missingRequired.join('、')}。请在上面把对应的列选为该字段。`} />}
          <Space>
            <Button onClick={() => setStep(0)}>重新选择文件</Button>
            <Button type="primary" disabled={missingRequired.length > 0} onClick={makePreview}>
              下一步：预览
            </Button>
          </Space>
        </Space>
      )}
      {step === 2 && preview && source && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap data-testid="import-counts">
            <Tag color="green">新增 {preview.counts.new} 条</Tag>
            <Tag color="blue">修改 {preview.counts.changed} 条</Tag>
            <Tag>无变化 {preview.counts.unchanged} 条</Tag>
            <Tag color="red">有问题 {preview.counts.error} 条</Tag>
            <Checkbox checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)}>
              只看有问题的行
            </Checkbox>
          </Space>
          {preview.skipped.length > 0 && (
            <Alert type="info" showIcon data-testid="import-skipped" message={`已跳过 ${preview.skipped.length} 行表尾：${preview.skipped.map((r) => `第${r.rowNumber}行「${r.text.slice(0, 30)}」`).join('；')}`} />
          )}
          {preview.translations.length > 0 && (
            <Alert
              type="success"
              showIcon
              data-testid="import-translations"
              message="以下写法已自动对应到列表中的值："
              description={preview.translations.map((t) => `${t.header}「${t.written}」→「${t.value}」（${t.rows} 行）`).join('；')}
            />
          )}
          {preview.unknown.map((u) => (
            <UnknownValueRow key={`${u.field}:${u.written}`} unknown={u} options={target.choiceOptions?.(u.field) ?? []} onLearn={learn} />
          ))}
          <Table<PreviewRow>
            size="small"
            virtual
            pagination={false}
            rowKey="rowNumber"
            scroll={{ y: 380, x: 200 + mappedColumns.length * 150 }}
            dataSource={shownRows}
            data-testid="import-preview"
            columns={[
              { title: '行号', dataIndex: 'rowNumber', width: 60, fixed: 'left' },
              { title: '状态', width: 80, fixed: 'left', render: (_: unknown, r) => <Tag color={STATUS[r.status].color}>{STATUS[r.status].label}</Tag> },
              ...mappedColumns.map(({ field, index }) => ({
                title: target.columns.find((c) => c.field === field)?.header ?? field,
                width: 150,
                render: (_: unknown, r: PreviewRow) => {
                  const raw = source.rows[r.rowNumber - first]?.[index];
                  const written = cellText(raw);
                  const text = r.translated[field] !== undefined ? `${written} → ${shownValue(r.values[field], target, field)}` : written;
                  const problem = r.problems[field];
                  return problem ? (
                    <div style={{ background: '#fff1f0' }}>
                      <div>{text}</div>
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>{problem}</Typography.Text>
                    </div>
                  ) : (
                    text
                  );
                },
              })),
            ]}
          />
          <Space wrap>
            <Button onClick={() => setStep(1)}>返回核对列</Button>
            {preview.counts.error > 0 && <Button onClick={downloadErrors}>下载问题报告（Excel）</Button>}
            <Button type="primary" loading={busy} onClick={() => commit(false)}>
              全部导入
            </Button>
            {preview.counts.error > 0 && (
              <Popconfirm
                title={`只导入无误的 ${preview.counts.new + preview.counts.changed} 条？`}
                description={`有问题的 ${preview.counts.error} 行不会导入，可下载问题报告修改后再导入。`}
                okText="确定只导入无误的行"
                cancelText="取消"
                onConfirm={() => commit(true)}
              >
                <Button loading={busy}>只导入无误的行</Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      )}
    </Modal>
  );
}

/** The first non-empty value of a column, as the clerk would read it (a date as a date). */
function sampleCell(source: ImportSource, index: number): string {
  for (const row of source.rows) {
    const text = cellText(row[index]);
    if (text !== '') return text;
  }
  return '';
}

function shownValue(value: unknown, target: ImportTarget, field: string): string {
  if (Array.isArray(value)) return value.join('、');
  const option = field === 'orgNodeId' ? target.choiceOptions?.(field).find((o) => o.value === value) : undefined;
  return option?.label ?? String(value ?? '');
}

/** One value outside a list, with the rows that wrote it, and the one step that maps it for all of them. */
function UnknownValueRow({ unknown, options, onLearn }: { unknown: UnknownValue; options: { value: string; label: string }[]; onLearn(u: UnknownValue, value: string, label: string): void }) {
  const [value, setValue] = useState<string | undefined>();
  const rows = unknown.rowNumbers.length > 6 ? `${unknown.rowNumbers.slice(0, 6).join('、')}等 ${unknown.rowNumbers.length} 行` : `${unknown.rowNumbers.join('、')}行`;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="import-unknown"
      message={
        <Space wrap>
          <span>{unknown.header}「{unknown.written}」不在列表中（第{rows}）。把「{unknown.written}」都当作</span>
          <Select aria-label={`把「${unknown.written}」当作`} showSearch optionFilterProp="label" style={{ minWidth: 200 }} placeholder="选择列表中的值" options={options} value={value} onChange={setValue} />
          <Button size="small" type="primary" disabled={!value} onClick={() => value && onLearn(unknown, value, options.find((o) => o.value === value)?.label ?? value)}>
            确定
          </Button>
        </Space>
      }
    />
  );
}
