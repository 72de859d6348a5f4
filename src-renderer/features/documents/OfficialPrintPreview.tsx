import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Modal, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { officialDocx } from '../../../src-shared/print/officialDocx';
import { OFFICIAL_PAGES_CSS, officialPagesHtml } from '../../../src-shared/print/officialHtml';
import { GBT9704, layoutOfficial, type OfficialContent, type OfficialLayout } from '../../../src-shared/print/officialLayout';
import { printProblems } from '../../../src-shared/records/document/documentRules';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { platform } from '../../platform/platform';
import { PREVIEW_MODAL_PROPS, useElementSize, usePrintMode } from '../print/printMode';
import { usePreviewZoom } from '../print/previewZoom';
import { fallbackNotice, fontChoices } from './fontCheck';
import '../print/print.css';

/** Pages drawn on screen; printing takes them all (a hundred letters would make the dialog slow to open). */
const SCREEN_PAGES = 12;

let stylesAdded = false;
function addPageStyles() {
  if (stylesAdded) return;
  stylesAdded = true;
  document.head.appendChild(Object.assign(document.createElement('style'), { textContent: OFFICIAL_PAGES_CSS }));
}

/** The documents laid out, or what stops them from printing (a template field with no value, a title too long). */
function layOut(contents: readonly OfficialContent[]): { layouts: OfficialLayout[]; refusal: string } {
  const problems = contents.flatMap((c) => printProblems(c).map((p) => `${contents.length > 1 ? `「${c.title}」` : ''}${p.label}：${p.message}`));
  if (problems.length > 0) return { layouts: [], refusal: [...new Set(problems)].join('；') };
  try {
    return { layouts: contents.map(layoutOfficial), refusal: '' };
  } catch (error) {
    return { layouts: [], refusal: errorText(error) };
  }
}

/**
 * Print preview of official documents in the GB/T 9704 layout: the pages exactly as they print (A4, no paper margins:
 * the layout places everything), the fonts this PC uses where it has no official font, PDF through Chromium's own
 * print, and the same document as .docx for WPS or Word.
 */
export function OfficialPrintPreview({ contents, fileName, onClose }: { contents: readonly OfficialContent[]; fileName: string; onClose(): void }) {
  const { message } = AntApp.useApp();
  addPageStyles();
  const { layouts, refusal } = useMemo(() => layOut(contents), [contents]);
  const pages = layouts.reduce((sum, l) => sum + l.pages, 0);
  const fonts = useMemo(() => fallbackNotice(fontChoices()), []);
  const printRoot = usePrintMode('@page { size: A4 portrait; margin: 0; }');
  const [frameElement, setFrameElement] = useState<HTMLDivElement | null>(null);
  const frame = useElementSize(frameElement);
  const { scale, controls: zoomControls } = usePreviewZoom(frame, GBT9704.page, 1);
  const screenHtml = useMemo(() => {
    let left = SCREEN_PAGES;
    const shown: OfficialLayout[] = [];
    for (const l of layouts) {
      if (left <= 0) break;
      shown.push(l.pages <= left ? l : { ...l, pages: left });
      left -= l.pages;
    }
    return officialPagesHtml(shown);
  }, [layouts]);
  const printHtml = useMemo(() => officialPagesHtml(layouts), [layouts]);

  const print = async () => {
    try {
      const saved = await platform.printToPdf({ suggestedName: `${fileName}.pdf`, paper: 'A4', landscape: false, margins: 'none' });
      if (saved) void message.success(`已保存PDF：${saved}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const saveWord = async () => {
    try {
      const saved = await saveBytes(`${fileName}.docx`, await officialDocx(contents[0]!));
      if (saved) void message.success(`已导出Word文件：${saved}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Modal
      open
      title={`公文打印预览：${contents.length === 1 ? contents[0]!.title : `${contents.length} 份公文`}`}
      width="min(1100px, calc(100vw - 32px))"
      {...PREVIEW_MODAL_PROPS}
      onCancel={onClose}
    >
      <Space style={{ marginBottom: 8 }} wrap>
        {zoomControls}
        <Button type="primary" icon={<PrinterOutlined />} onClick={print} disabled={!!refusal}>
          {platform.kind === 'desktop' ? '导出PDF' : '打印 / 另存为PDF'}
        </Button>
        {contents.length === 1 && <Button icon={<FileWordOutlined />} onClick={saveWord} disabled={!!refusal}>导出Word（.docx）</Button>}
        {!refusal && <Typography.Text type="secondary" data-testid="official-pages">共 {pages} 页 · A4 · GB/T 9704-2012 版式{pages > SCREEN_PAGES ? `（预览显示前 ${SCREEN_PAGES} 页，打印包含全部）` : ''}</Typography.Text>}
      </Space>
      {fonts && !refusal && <Alert type="info" showIcon message={fonts} style={{ marginBottom: 8 }} data-testid="font-fallback" />}
      {refusal && <Alert type="warning" showIcon message="暂不能打印" description={refusal} style={{ marginBottom: 8 }} data-testid="print-refusal" />}
      <div className="print-screen-frame official-screen" ref={setFrameElement} data-testid="print-frame">
        {!refusal && <div style={{ zoom: scale }} data-testid="print-preview" dangerouslySetInnerHTML={{ __html: screenHtml }} />}
      </div>
      {!refusal && createPortal(<div dangerouslySetInnerHTML={{ __html: printHtml }} />, printRoot)}
    </Modal>
  );
}
