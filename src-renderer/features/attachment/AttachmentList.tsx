import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Image, Modal, Popconfirm, Space } from 'antd';
import { useRef, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, attachmentType } from '../../../src-shared/records/attachment/attachmentSchema';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { saveBytes } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';

/**
 * The files attached to one record (an agreement's signed scan, a whistle's photos): attach, look at, save a copy,
 * delete (kept in history). The file is checked before it is read into the document: kind and size, in Chinese.
 */
export function AttachmentList({ collection, ownerId, what }: { collection: string; ownerId: string; what: string }) {
  const { store } = useSession();
  const run = useRun();
  const input = useRef<HTMLInputElement>(null);
  const files = useLiveList(store.repos.attachments).filter((a) => a.ownerId === ownerId && a.ownerCollection === collection);
  const [viewing, setViewing] = useState<string | null>(null);
  const shown = files.find((f) => f.id === viewing);
  const attach = async (file: File) => {
    const mime = attachmentType(file.name);
    if (!mime) return void run(() => { throw new Error(`「${file.name}」不是 JPG、PNG 图片或 PDF 文件；请先另存为这几种格式再附加`); });
    if (file.size > ATTACHMENT_MAX_BYTES) return void run(() => { throw new Error(`「${file.name}」有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 4 MB；请用扫描软件或手机压缩后再附加`); });
    const data = toBase64(new Uint8Array(await file.arrayBuffer()));
    run(() => store.repos.attachments.create({ ownerCollection: collection, ownerId, name: file.name, mime, size: file.size, data }), `已附加「${file.name}」`);
  };
  return (
    <Space size={4} wrap data-testid={`attachments-${ownerId}`}>
      {files.map((f) => (
        <a key={f.id} onClick={() => (f.mime === 'application/pdf' ? void saveBytes(f.name, fromBase64(f.data)) : setViewing(f.id))}><PaperClipOutlined /> {f.name}</a>
      ))}
      <input ref={input} type="file" accept=".jpg,.jpeg,.png,.pdf" aria-label={`附加${what}`} style={{ display: 'none' }} onChange={(e) => { const file = e.target.files?.[0]; e.target.value = ''; if (file) void attach(file); }} />
      <Button size="small" onClick={() => input.current?.click()}>附加{what}</Button>
      {shown && (
        <Modal open title={shown.name} width={720} onCancel={() => setViewing(null)}
          footer={[
            <Popconfirm key="d" title={`删除「${shown.name}」？删除后可在记录历史中查到`} okText="删除" cancelText="取消" onConfirm={() => run(() => store.repos.attachments.delete(shown.id), `已删除「${shown.name}」`) && setViewing(null)}><Button danger>删除</Button></Popconfirm>,
            <Button key="s" onClick={() => void saveBytes(shown.name, fromBase64(shown.data))}>另存</Button>,
            <Button key="c" type="primary" onClick={() => setViewing(null)}>关闭</Button>,
          ]}>
          <Image preview={false} alt={shown.name} src={`data:${shown.mime};base64,${shown.data}`} style={{ maxHeight: 520, objectFit: 'contain' }} />
        </Modal>
      )}
    </Space>
  );
}
