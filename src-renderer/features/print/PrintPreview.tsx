import { PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { pageSizeMm, type Orientation, type PaperSize, type PrintDocument } from '../../../src-shared/print/printDocument';
import { errorText } from '../../app/errorText';
import { platform } from '../../platform/platform';
import './print.css';

const MARGIN_MM = 15;

/** The document as HTML: the same markup is the on-screen preview and what goes to paper or PDF. */
function PrintBody({ doc }: { doc: PrintDocument }) {
  return (
    <div className="print-doc">
      <h1>{doc.title}</h1>
      {doc.subtitle && <div className="print-subtitle">{doc.subtitle}</div>}
      {doc.sections.map((section, i) => (
        <section key={i}>
          {section.heading && <h2>{section.heading}</h2>}
          {section.paragraphs?.map((p, j) => <p key={j}>{p}</p>)}
          {section.table && (
            <table>
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

/**
 * In-app print preview with paper size and orientation. While it is open, the page's print stylesheet prints only the
 * document at that size, so Electron's printToPDF and the browser's print dialog produce the same pages.
 */
export function PrintPreview({ build, onClose }: { build: (paper: PaperSize, orientation: Orientation) => PrintDocument; onClose(): void }) {
  const { message } = AntApp.useApp();
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  const doc = build(paper, orientation);
  const size = pageSizeMm(paper, orientation);

  useEffect(() => {
    const style = document.createElement('style');
    style.id = 'print-page-style';
    style.textContent = `@page { size: ${paper} ${orientation}; margin: ${MARGIN_MM}mm; }`;
    document.head.appendChild(style);
    document.body.classList.add('printing');
    return () => {
      style.remove();
      document.body.classList.remove('printing');
    };
  }, [paper, orientation]);

  const printRoot = document.getElementById('print-root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'print-root' }));

  const print = async () => {
    try {
      const saved = await platform.printToPdf({ suggestedName: doc.fileName, paper, landscape: orientation === 'landscape' });
      if (saved) void message.success(`已保存PDF：${saved}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Modal open title={`打印预览：${doc.title}`} width={Math.min(1200, size.width * 3.2 + 80)} onCancel={onClose} footer={null}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group value={paper} onChange={(e) => setPaper(e.target.value)} optionType="button" options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }]} aria-label="纸张" />
        <Radio.Group value={orientation} onChange={(e) => setOrientation(e.target.value)} optionType="button" options={[{ value: 'portrait', label: '纵向' }, { value: 'landscape', label: '横向' }]} aria-label="方向" />
        <Button type="primary" icon={<PrinterOutlined />} onClick={print}>
          {platform.kind === 'desktop' ? '导出PDF' : '打印 / 另存为PDF'}
        </Button>
        <Typography.Text type="secondary">公开张贴的公示牌只显示脱敏电话，不含身份证号。</Typography.Text>
      </Space>
      <div className="print-screen-frame">
        <div className="print-screen-page" style={{ width: `${size.width}mm`, minHeight: `${size.height}mm`, padding: `${MARGIN_MM}mm`, background: '#fff' }} data-testid="print-preview">
          <PrintBody doc={doc} />
        </div>
      </div>
      {createPortal(<PrintBody doc={doc} />, printRoot)}
    </Modal>
  );
}
