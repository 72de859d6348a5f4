import { App as AntApp, Button, Card, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import * as Y from 'yjs';
import { decodeExchange, encodeExchange, EXCHANGE_EXTENSION, refuseMissingHistory, refuseOlderLayout } from '../../../src-shared/backup/exchangeFile';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { ORIGIN } from '../../../src-shared/repository/docLayout';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { loadAppSettings } from '../../data/appSettings';
import { CommunityStore } from '../../data/communityStore';
import { useFilePicker } from '../backup/DataSafetyPage';
import { platform } from '../../platform/platform';

/** A community that exchanged files with this street PC: what it had when its last file was written. */
interface Exchanged {
  code: string;
  name: string;
  from: string;
  at: number;
  stateVector: string;
}

const LIST_KEY = 'desk:exchanged-communities';
const TOKEN_REFUSALS = { invalid: '不是本街道服务器发放的', expired: '已过期', revoked: '已被停用' } as const;
const loadList = (): Exchanged[] => JSON.parse(localStorage.getItem(LIST_KEY) ?? '[]') as Exchanged[];

/**
 * The street's side of the USB exchange: a community's file is checked (signed by a device that may write that
 * community), merged into the street PC's own copy of the community (which reaches the street server the next time
 * that community is opened online), and answered with a file of what the community lacks — at once, or later after
 * the street has edited the community here.
 */
export function StreetExchangeCard({ settings, clerkName, onOpen }: { settings: ConnectionSettings; clerkName: string; onOpen(code: string): Promise<void> }) {
  const { message } = AntApp.useApp();
  const [list, setList] = useState<Exchanged[]>(loadList);
  const withStore = async <T,>(code: string, act: (store: CommunityStore) => Promise<T>): Promise<T> => {
    const { deviceId } = await loadAppSettings();
    const store = await CommunityStore.open(code, { context: { actor: () => ({ name: clerkName, device: deviceId }), now: () => Date.now() } });
    try {
      return await act(store);
    } finally {
      await store.close();
    }
  };
  const reply = async (entry: Exchanged) => {
    const bytes = await withStore(entry.code, async (store) => (await encodeExchange(store.doc, {
      direction: 'toCommunity', communityCode: entry.code, communityName: entry.name, senderName: clerkName, token: settings.token, theirStateVector: fromBase64(entry.stateVector),
    })).bytes);
    return saveBytes(`${entry.name}-街道回执-${dayjs().format('YYYYMMDD-HHmmss')}${EXCHANGE_EXTENSION}`, bytes);
  };
  const picker = useFilePicker(EXCHANGE_EXTENSION, async (bytes, fileName) => {
    try {
      const read = await decodeExchange(bytes, { direction: 'toStreet', fileName });
      // Where this PC runs the street's server, the token's own signature and revocation are checked too.
      const check = await platform.verifySyncToken(read.header.token);
      if (check !== 'valid' && check !== 'unknown') throw new Error(`发送方「${read.claims.name}」的凭证${TOKEN_REFUSALS[check]}：这个文件被拒绝，数据没有改动`);
      await withStore(read.header.communityCode, async (store) => {
        refuseOlderLayout(read.header, store.doc);
        refuseMissingHistory(read, Y.encodeStateVector(store.doc), !!store.info);
        Y.applyUpdate(store.doc, read.update, ORIGIN.file);
        await store.flush();
      });
      const entry: Exchanged = { code: read.header.communityCode, name: read.header.communityName, from: read.claims.name, at: read.header.createdAt, stateVector: toBase64(read.stateVector) };
      const next = [entry, ...list.filter((e) => e.code !== entry.code)];
      localStorage.setItem(LIST_KEY, JSON.stringify(next));
      setList(next);
      const saved = await reply(entry);
      void message.success(`已导入「${entry.name}」${entry.from}的文件${saved ? `；回执已保存：${saved}，请拷回社区导入` : ''}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  });
  return (
    <Card title="U盘交换文件（社区没有网络时）" size="small" extra={<Button onClick={picker.open}>导入社区的交换文件…</Button>}>
      {picker.element}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">导入社区拷来的 .cdsync 文件后会生成回执（社区缺少的数据），请拷回社区在“数据安全”中导入。导入的数据保存在本机，下次联网打开该社区时同步到街道服务器。</Typography.Text>
        {list.length > 0 && (
          <Table size="small" rowKey="code" pagination={false} data-testid="street-exchanged" dataSource={list}
            columns={[
              { title: '社区', render: (_, e) => `${e.name}（${e.code}）` },
              { title: '上次收到', render: (_, e) => `${dayjs(e.at).format('YYYY-MM-DD HH:mm')} ${e.from}` },
              {
                title: '', width: 220, render: (_, e) => (
                  <Space>
                    <Button size="small" onClick={() => void onOpen(e.code)}>打开</Button>
                    <Button size="small" onClick={async () => { try { const saved = await reply(e); if (saved) void message.success(`回执已保存：${saved}`); } catch (error) { void message.error(errorText(error)); } }}>导出给社区</Button>
                  </Space>
                ),
              },
            ]} />
        )}
      </Space>
    </Card>
  );
}
