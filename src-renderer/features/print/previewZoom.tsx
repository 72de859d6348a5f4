import { ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';

const MM_TO_PX = 96 / 25.4;
const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2];

/**
 * A print preview's zoom: fitted (a whole page, in mm, inside the frame; at most `maxFit`) until the clerk zooms in
 * or out by steps; the controls and the percentage shown in the toolbar.
 */
export function usePreviewZoom(frame: { width: number; height: number }, pageMm: { width: number; height: number }, maxFit = Infinity): { scale: number; controls: ReactNode } {
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const fitScale = frame.width > 0 ? Math.min(maxFit, (frame.width - 32) / (pageMm.width * MM_TO_PX), (frame.height - 32) / (pageMm.height * MM_TO_PX)) : 0.5;
  const scale = zoom === 'fit' ? fitScale : zoom;
  const step = (direction: 1 | -1) => {
    const next = direction > 0 ? ZOOM_STEPS.find((z) => z > scale * 1.1) : [...ZOOM_STEPS].reverse().find((z) => z < scale / 1.1);
    if (next) setZoom(next);
  };
  const controls = (
    <>
      <Space.Compact>
        <Button aria-label="缩小" icon={<ZoomOutOutlined />} onClick={() => step(-1)} />
        <Button onClick={() => setZoom('fit')} type={zoom === 'fit' ? 'primary' : 'default'} ghost={zoom === 'fit'}>适合窗口</Button>
        <Button aria-label="放大" icon={<ZoomInOutlined />} onClick={() => step(1)} />
      </Space.Compact>
      <Typography.Text data-testid="print-zoom">{Math.round(scale * 100)}%</Typography.Text>
    </>
  );
  return { scale, controls };
}
