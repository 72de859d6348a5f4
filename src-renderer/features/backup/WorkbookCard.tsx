import { App as AntApp, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { recordCounts } from '../../../src-shared/backup/backupFile';
import { communitySheets, countsSummary } from '../../../src-shared/backup/communityWorkbook';
import { appendAudit } from '../../../src-shared/repository/docLayout';
import { orgNodePath } from '../../../src-shared/table/orgNodePaths';
import { errorText } from '../../app/errorText';
import { saveBytes, today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { writeWorkbook } from '../../data/spreadsheet';
import { ExportDialog } from '../export/ExportDialog';
import { PrintPreview } from '../print/PrintPreview';

/** The whole community in one workbook (masked unless a full export is chosen with its purpose, which is audited). */
export function WorkbookCard() {
  const { store, context } = useSession();
  const { message } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const total = Object.values(recordCounts(store.doc)).reduce((s, n) => s + n, 0);
  const exportAll = async (full: boolean, reason: string) => {
    try {
      const sheets = communitySheets(store.repos, { mask: !full, orgNodeName: (id) => orgNodePath(store.orgTree, id) });
      const bytes = await writeWorkbook(sheets.map((s) => ({ ...s, widths: s.headers.map(() => 16), textColumns: s.headers.map((_, i) => i) })));
      const saved = await saveBytes(`${store.info?.name ?? ''}全部数据${full ? '（完整）' : ''}-${today()}.xlsx`, bytes);
      if (saved && full) appendAudit(store.doc, context, 'export-full', `完整导出全部数据 ${total} 条：${reason}`);
      if (saved) void message.success(`已导出 ${sheets.length} 张工作表：${saved}`);
      setExporting(false);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Card title="整个社区导出为一个Excel" size="small">
      <Space direction="vertical">
        <Typography.Text type="secondary">每类记录一张工作表（人员表的列与名册导出相同），数据不会被锁在软件里。共 {total} 条记录。</Typography.Text>
        <Space>
          <Button onClick={() => setExporting(true)}>导出全部数据（.xlsx）</Button>
          <Button onClick={() => setPrinting(true)}>打印数据汇总</Button>
        </Space>
      </Space>
      {exporting && <ExportDialog title="导出全部数据" count={total} personal="身份证号和电话" onCancel={() => setExporting(false)} onExport={(full, reason) => void exportAll(full, reason)} />}
      {printing && <PrintPreview onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...countsSummary(store.info?.name ?? '', recordCounts(store.doc), today()), paper, orientation })} />}
    </Card>
  );
}
