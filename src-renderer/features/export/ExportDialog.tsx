import { Input, Modal, Radio } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * 导出 to Excel: masked by default; a full export asks what it is for (written to the community's record of personal
 * information use). `children` holds what narrows the export (a date range).
 */
export function ExportDialog({ title = '导出当前列表', count, personal, children, onCancel, onExport }: { title?: string; count: number; personal: string; children?: ReactNode; onCancel(): void; onExport(full: boolean, reason: string): void }) {
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Modal open title={`${title}（${count} 条）`} okText="导出" cancelText="取消" onCancel={onCancel} okButtonProps={{ disabled: count === 0 || (full && !reason.trim()) }} onOk={() => onExport(full, reason.trim())}>
      {children}
      <Radio.Group value={full} onChange={(e) => setFull(e.target.value)} style={{ display: 'grid', gap: 8 }}>
        <Radio value={false}>脱敏导出（{personal}部分隐藏，推荐）</Radio>
        <Radio value={true}>完整导出（含完整{personal}，将记入个人信息使用记录）</Radio>
      </Radio.Group>
      {full && <Input style={{ marginTop: 12 }} aria-label="完整导出的用途" placeholder="请填写用途，例如：报送街道党工委年度统计" value={reason} onChange={(e) => setReason(e.target.value)} />}
    </Modal>
  );
}
