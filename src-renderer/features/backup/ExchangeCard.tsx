import { App as AntApp, Button, Card, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { decodeExchange, encodeExchange, EXCHANGE_EXTENSION, refuseMissingHistory, refuseOlderLayout } from '../../../src-shared/backup/exchangeFile';
import { fromBase64 } from 'lib0/buffer';
import { ORIGIN } from '../../../src-shared/repository/docLayout';
import { peekClaims } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { rememberStreetState, type StreetState } from './streetState';
import { useFilePicker } from './DataSafetyPage';

const stamp = (at: number) => dayjs(at).format('YYYYMMDD-HHmmss');

/**
 * U盘交换 without a network: a file of what the street has not seen (since the last sync or the last reply from the
 * street), signed with this PC's token; and the street's reply, imported here. Files may be imported twice or out of
 * order: nothing changes wrongly.
 */
export function ExchangeCard() {
  const { store, syncSettings, context } = useSession();
  const { message } = AntApp.useApp();
  const [known, setKnown] = useState<StreetState | undefined>();
  useEffect(() => void store.loadMeta<StreetState>('streetState').then(setKnown), [store]);
  const claims = syncSettings ? peekClaims(syncSettings.token) : undefined;

  /** `whole`: every record of the community, for a street PC that has never held it; else only what the street lacks. */
  const exportFile = async (whole = false) => {
    try {
      if (!syncSettings || !claims) throw new Error('还没有街道发放的连接串：请在“同步设置”中粘贴（断网也可以粘贴），交换文件要用它签名');
      const info = store.info!;
      const { bytes } = await encodeExchange(store.doc, {
        direction: 'toStreet', communityCode: store.code, communityName: info.name, senderName: context.actor().name || claims.name, token: syncSettings.token,
        theirStateVector: known && !whole ? fromBase64(known.stateVector) : undefined,
      });
      const saved = await saveBytes(`${info.name}-给街道${whole ? '-整个社区' : ''}-${stamp(Date.now())}${EXCHANGE_EXTENSION}`, bytes);
      if (saved) void message.success(`已导出${whole ? '整个社区的' : ''}交换文件：${saved}；请拷到U盘交给街道`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const picker = useFilePicker(EXCHANGE_EXTENSION, async (bytes, fileName) => {
    try {
      const read = await decodeExchange(bytes, { direction: 'toCommunity', communityCode: store.code, fileName });
      refuseOlderLayout(read.header, store.doc);
      refuseMissingHistory(read, Y.encodeStateVector(store.doc), true);
      Y.applyUpdate(store.doc, read.update, ORIGIN.file);
      await store.flush();
      setKnown(await rememberStreetState(store, read.stateVector, `街道回执（${read.header.senderName}，${dayjs(read.header.createdAt).format('MM-DD HH:mm')}）`));
      void message.success(`已导入街道的回执：${read.header.senderName} ${dayjs(read.header.createdAt).format('YYYY-MM-DD HH:mm')}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  });
  return (
    <Card title="U盘交换（没有网络时与街道交换数据）" size="small">
      {picker.element}
      <Space direction="vertical">
        <Typography.Text type="secondary" data-testid="street-known">
          {known ? `街道已有本社区 ${dayjs(known.at).format('YYYY-MM-DD HH:mm')} 之前的数据（${known.source}）；导出的文件只含此后的修改。街道那台电脑如从未打开过本社区，请用“导出整个社区给街道”。` : '还不知道街道有哪些数据：第一次导出的文件包含全部数据。'}
        </Typography.Text>
        <Space>
          <Button onClick={() => void exportFile()}>导出给街道（.cdsync）</Button>
          <Button onClick={() => void exportFile(true)}>导出整个社区给街道</Button>
          <Button onClick={picker.open}>导入街道回执…</Button>
        </Space>
      </Space>
    </Card>
  );
}
