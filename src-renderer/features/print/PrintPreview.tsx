import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import QRCode from 'qrcode';
import { pageSizeMm, type Orientation, type PaperSize, type PrintDocument } from '../../../src-shared/print/printDocument';
import { errorText } from '../../app/errorText';
import { platform } from '../../platform/platform';
import { PREVIEW_MODAL_PROPS, useElementSize, usePrintMode } from './printMode';
import { usePreviewZoom } from './previewZoom';
import './print.css';

const MARGIN_MM = 15;

/** The document as HTML: the same markup is the on-screen preview and what goes to paper or PDF. */
function PrintBody({ doc }: { doc: PrintDocument }) {
  const qr = useQrCode(doc.qrText);
  return (
    <div className="print-doc">
      {qr && <img className="print-qr" src={qr} alt="会议二维码" />}
      <h1>{doc.title}</h1>
      {doc.subtitle && <div className="print-subtitle">{doc.subtitle}</div>}
      {doc.sections.map((section, i) => (
        <section key={i}>
          {section.heading && <h2>{section.heading}</h2>}
          {/* Our own chart, drawn by ECharts from figures it escapes: SVG text, not outside markup. */}
          {section.figure && <div className="print-figure" dangerouslySetInnerHTML={{ __html: section.figure }} />}
          {section.paragraphs?.map((p, j) => <p key={j}>{p}</p>)}
          {section.signatures && (
            <div className="print-signatures">
              {section.signatures.map((label) => <span key={label}>{label}：<span className="print-sign-line" /></span>)}
            </div>
          )}
          {section.table && (
            // Widths given for every column are kept as given (fixed layout), so a figure is not broken letter by letter.
            <table style={{ ...(section.table.columns.every((c) => c.width) ? { tableLayout: 'fixed' } : {}), ...(section.table.fontSizePt ? { fontSize: `${section.table.fontSizePt}pt` } : {}) }}>
              <thead>
                <tr>{section.table.columns.map((c) => <th key={c.header} style={c.width ? { width: `${c.width}%` } : undefined}>{c.header}</th>)}</tr>
              </thead>
              <tbody>
                {section.table.rows.map((row, r) => (
                  <tr key={r}>{row.map((cell, c) => <td key={c}>{cell}</td>)}</tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <div className="print-footer">{doc.footer.map((line, i) => <p key={i}>{line}</p>)}</div>
    </div>
  );
}

/** A QR code as an image (a data URL), made in the browser from the text. */
function useQrCode(text: string | undefined): string {
  const [url, setUrl] = useState('');
  useEffect(() => {
    if (!text) return setUrl('');
    let live = true;
    void QRCode.toDataURL(text, { margin: 0, width: 160 }).then((made) => live && setUrl(made));
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}


/**
 * In-app print preview with paper size and orientation, scaled to fit the window (with zoom). While it is open, the
 * page's print stylesheet prints only the document at that size, so Electron's printToPDF and the browser's print
 * dialog produce the same pages. A builder that refuses (a poster without its 监督电话) shows why and what to do, and
 * nothing is laid out for paper.
 */
export function PrintPreview({ build, onClose, note, initialOrientation = 'portrait' }: { build: (paper: PaperSize, orientation: Orientation) => PrintDocument; onClose(): void; note?: string; initialOrientation?: Orientation }) {
  const { message } = AntApp.useApp();
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [orientation, setOrientation] = useState<Orientation>(initialOrientation);
  // A callback ref: the dialog mounts its body after this component, so the frame is measured once it exists.
  const [frameElement, setFrameElement] = useState<HTMLDivElement | null>(null);
  const frame = useElementSize(frameElement);
  let doc: PrintDocument | undefined;
  let refusal = '';
  try {
    doc = build(paper, orientation);
  } catch (error) {
    refusal = errorText(error);
  }
  const size = pageSizeMm(paper, orientation);
  const { scale, controls: zoomControls } = usePreviewZoom(frame, size);

  const printRoot = usePrintMode(`@page { size: ${paper} ${orientation}; margin: ${MARGIN_MM}mm; }`);

  const print = async () => {
    if (!doc) return;
    try {
      const saved = await platform.printToPdf({ suggestedName: doc.fileName, paper, landscape: orientation === 'landscape' });
      if (saved) void message.success(`已保存PDF：${saved}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Modal
      open
      title={`打印预览：${doc?.title ?? '无法打印'}`}
      width="min(1400px, calc(100vw - 32px))"
      // The dialog fills the window's height; the frame takes what the toolbar leaves, so a fitted page is seen whole.
      {...PREVIEW_MODAL_PROPS}
      onCancel={onClose}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group value={paper} onChange={(e) => setPaper(e.target.value)} optionType="button" options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }]} aria-label="纸张" />
        <Radio.Group value={orientation} onChange={(e) => setOrientation(e.target.value)} optionType="button" options={[{ value: 'portrait', label: '纵向' }, { value: 'landscape', label: '横向' }]} aria-label="方向" />
        {zoomControls}
        <Button type="primary" icon={<PrinterOutlined />} onClick={print} disabled={!doc}>
          {platform.kind === 'desktop' ? '导出PDF' : '打印 / 另存为PDF'}
        </Button>
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </Space>
      {refusal && <Alert type="warning" showIcon message="暂不能打印" description={refusal} style={{ marginBottom: 12 }} data-testid="print-refusal" />}
      <div className="print-screen-frame" ref={setFrameElement} data-testid="print-frame">
        {doc && (
          <div
            className="print-screen-page"
            style={{ width: `${size.width}mm`, minHeight: `${size.height}mm`, padding: `${MARGIN_MM}mm`, background: '#fff', zoom: scale }}
            data-testid="print-preview"
          >
            <PrintBody doc={doc} />
          </div>
        )}
      </div>
      {doc && createPortal(<PrintBody doc={doc} />, printRoot)}
    </Modal>
  );
}
