import { blockEnterSubmit } from '../../app/formKeys';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { BACKUP_EXTENSION, decodeBackup, type BackupHeader } from '../../../src-shared/backup/backupFile';
import { validateCommunitySetup, type CommunitySetupInput } from '../../../src-shared/community/communityInfo';
import { ValidationError } from '../../../src-shared/errors';
import { errorText } from '../../app/errorText';
import { parseConnectionString, type ConnectionSettings } from '../../../src-shared/sync/access';

export type SetupResult = CommunitySetupInput;

/** First run on this PC: an existing community's data from the street or a backup, or a new community, or the street. */
export function SetupPage({ onDone, onStreetSignIn, onJoinFromStreet, onRestore, initialClerkName }: {
  onDone(result: SetupResult): Promise<void>;
  onStreetSignIn(settings: ConnectionSettings, clerkName: string): Promise<void>;
  /** A new or reinstalled PC of a community: its whole data comes down from the street server. */
  onJoinFromStreet(settings: ConnectionSettings, clerkName: string): Promise<void>;
  /** A new or reinstalled PC set up from a backup file; sync with the street brings the rest later. */
  onRestore(backup: { header: BackupHeader; updates: Uint8Array[] }, clerkName: string): Promise<void>;
  initialClerkName: string;
}) {
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
        form.setFields(error.problems.map((p) => ({ name: p.field as keyof CommunitySetupInput, errors: [`${p.label}：${p.message}`] })));
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
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', gap: 16, alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 24 }}>
      {/* The street's sign-in is the last card, below the fold at 1366 × 768: said and reachable from the top. */}
      <Typography.Text data-testid="street-sign-in-pointer">
        街道党工委工作人员无需设置社区：<a onClick={() => { document.getElementById('street-sign-in')?.scrollIntoView({ block: 'center' }); document.querySelector<HTMLTextAreaElement>('#street-sign-in textarea')?.focus({ preventScroll: true }); }}>用街道连接串登录街道总览（本页最下方）</a>
      </Typography.Text>
      <ExistingCommunity onJoin={onJoinFromStreet} onRestore={onRestore} initialClerkName={initialClerkName} />
      <Card style={{ width: 520 }} title="欢迎使用社区工作台：首次设置">
        <Typography.Paragraph type="secondary">
          请填写本社区的基本信息。数据保存在本机，断网也能正常使用；以后联网时再与街道同步。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} onKeyDown={blockEnterSubmit} initialValues={{ clerkName: initialClerkName }} disabled={busy}>
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
      <StreetSignIn onSignIn={onStreetSignIn} initialClerkName={initialClerkName} />
    </div>
  );
}

/**
 * The first choice on a new or reinstalled PC of a community that already keeps its records: download them from the
 * street server with the clerk's connection string, or set the PC up from a backup file.
 */
function ExistingCommunity({ onJoin, onRestore, initialClerkName }: { onJoin(settings: ConnectionSettings, clerkName: string): Promise<void>; onRestore(backup: { header: BackupHeader; updates: Uint8Array[] }, clerkName: string): Promise<void>; initialClerkName: string }) {
  const [text, setText] = useState('');
  const [name, setName] = useState(initialClerkName);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [backup, setBackup] = useState<{ header: BackupHeader; updates: Uint8Array[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const run = async (act: () => Promise<void>) => {
    if (!name.trim()) return setError('请填写操作人姓名');
    setBusy(true);
    setError('');
    try {
      await act();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const join = () => {
    const parsed = parseConnectionString(text);
    if (!parsed.ok) return setError(parsed.message);
    if (parsed.claims.scope.length !== 12) return setError('这是街道的连接串：街道工作人员请在下方“街道工作人员”处登录');
    void run(() => onJoin(parsed.value, name.trim()));
  };
  const total = backup ? Object.values(backup.header.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <Card style={{ width: 520 }} title="新电脑或重装后：恢复本社区已有的数据" size="small">
      <Typography.Paragraph type="secondary">本社区已在用社区工作台的，不要新建：用街道发放的本社区连接串从街道服务器下载，或用备份文件恢复。</Typography.Paragraph>
      <Input.TextArea aria-label="本社区连接串" rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="ws://…/?token=cd1.…" disabled={busy} />
      <Input aria-label="恢复后由谁操作" style={{ marginTop: 8 }} value={name} onChange={(e) => setName(e.target.value)} placeholder="操作人姓名" disabled={busy} />
      <Space style={{ marginTop: 8 }} wrap>
        <Button type="primary" onClick={join} loading={busy}>从街道服务器下载本社区数据</Button>
        <Button onClick={() => input.current?.click()} disabled={busy}>从备份文件恢复…</Button>
      </Space>
      <input ref={input} type="file" accept={BACKUP_EXTENSION} hidden onChange={async (e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (!file) return;
        try {
          setBackup(await decodeBackup(new Uint8Array(await file.arrayBuffer()), undefined, file.name));
          setError('');
        } catch (err) {
          setError(errorText(err));
        }
      }} />
      {backup && (
        <Alert style={{ marginTop: 8 }} type="success" showIcon data-testid="setup-backup"
          message={`${backup.header.communityName}（${backup.header.communityCode}）${dayjs(backup.header.createdAt).format('YYYY-MM-DD HH:mm')} 的备份，共 ${total} 条记录`}
          description={<Button type="primary" size="small" loading={busy} onClick={() => void run(() => onRestore(backup, name.trim()))}>用这个备份设置本机</Button>} />
      )}
      {error && <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>{error}</Typography.Paragraph>}
    </Card>
  );
}

/** Street office staff do not set up a community: they sign in with the street's connection string. */
function StreetSignIn({ onSignIn, initialClerkName }: { onSignIn(settings: ConnectionSettings, clerkName: string): Promise<void>; initialClerkName: string }) {
  const [text, setText] = useState('');
  const [name, setName] = useState(initialClerkName);
  const [error, setError] = useState('');
  const submit = async () => {
    const parsed = parseConnectionString(text);
    if (!parsed.ok) return setError(parsed.message);
    if (parsed.claims.scope.length !== 9) return setError('这是社区的连接串：请在最上方“恢复本社区已有的数据”处粘贴');
    if (!name.trim()) return setError('请填写操作人姓名');
    setError('');
    await onSignIn(parsed.value, name.trim());
  };
  return (
    <Card id="street-sign-in" style={{ width: 520 }} title="街道工作人员：用连接串登录" size="small">
      <Typography.Paragraph type="secondary">街道党工委工作人员无需设置社区，粘贴街道发放的连接串即可查看和修改本街道各社区的数据。</Typography.Paragraph>
      <Input.TextArea aria-label="街道连接串" rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="ws://…/?token=cd1.…" />
      <Input aria-label="街道工作人员姓名" style={{ marginTop: 8 }} value={name} onChange={(e) => setName(e.target.value)} placeholder="您的姓名" />
      {error && <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>{error}</Typography.Paragraph>}
      <Button style={{ marginTop: 8 }} block onClick={submit}>登录街道总览</Button>
    </Card>
  );
}
