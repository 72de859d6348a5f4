import { useEffect, useState, type RefObject } from 'react';

/**
 * The body height that lets a table end inside the window (at 1366 × 768 too): the window's height below the table's
 * top, less its header, horizontal scrollbar and the page's bottom padding. Re-measured when the window is resized.
 */
export function useFitHeight(ref: RefObject<HTMLElement | null>, reserve = 40 + 12 + 16, min = 200): number {
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (ref.current?.parentElement) observer.observe(ref.current.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, reserve, min]);
  return height;
}

/** A column wide enough for its whole header (Chinese characters, a sorter icon, the cell padding). */
export function headerFitWidth(header: string, preferred: number, withSorter = true): number {
  return Math.max(preferred, header.length * 15 + (withSorter ? 28 : 0) + 18);
}

/** Chinese labels for a table's selection checkboxes (antd writes "Select all" and "Select row N" in English). */
export function selectionLabels<T>(nameOf: (record: T) => string) {
  return {
    columnWidth: 40,
    getTitleCheckboxProps: () => ({ 'aria-label': '全选' }) as never,
    getCheckboxProps: (record: T) => ({ 'aria-label': `选择「${nameOf(record)}」` }) as never,
  };
}
