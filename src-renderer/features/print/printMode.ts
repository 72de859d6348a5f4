import { useEffect, useLayoutEffect, useState } from 'react';

/**
 * While a preview is open: the page's @page rule, and the print stylesheet's switch (body.printing) that prints only
 * the print root, so Electron's printToPDF and the browser's print dialog produce the preview's pages. Returns the
 * print root for the preview to portal its pages into.
 */
export function usePrintMode(pageRule: string): HTMLElement {
  useEffect(() => {
    const style = document.createElement('style');
    style.id = 'print-page-style';
    style.textContent = pageRule;
    document.head.appendChild(style);
    document.body.classList.add('printing');
    return () => {
      style.remove();
      document.body.classList.remove('printing');
    };
  }, [pageRule]);
  return document.getElementById('print-root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'print-root' }));
}

/** The element's inner size, kept current as the window is resized. */
export function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}

/** A preview dialog as tall as the window, its body a column whose frame takes what the toolbar leaves. */
export const PREVIEW_MODAL_PROPS = {
  style: { top: 16, paddingBottom: 0 },
  styles: { body: { height: 'calc(100vh - 120px)', display: 'flex', flexDirection: 'column' as const } },
  footer: null,
};
