import { useEffect, useState } from 'react';

export interface SlotSpan {
  /** The venue and date the span lies in (one row of the day grid, one column of a venue's week). */
  lane: string;
  from: number;
  to: number;
}

/**
 * Choosing free hours by dragging: press on a free hour, move along the same venue and day, release to book the span.
 * A press and release on one hour is a click. Moving onto a taken hour or another lane stops the span growing.
 */
export function useSlotDrag(onPick: (span: SlotSpan) => void) {
  const [span, setSpan] = useState<SlotSpan | null>(null);
  useEffect(() => {
    if (!span) return;
    // Released outside the grid: the drag is dropped, nothing is booked.
    const cancel = () => setSpan(null);
    window.addEventListener('mouseup', cancel);
    return () => window.removeEventListener('mouseup', cancel);
  }, [span !== null]);
  return {
    /** Whether an hour of a lane is inside the span being dragged. */
    selected: (lane: string, hour: number) => !!span && span.lane === lane && hour >= Math.min(span.from, span.to) && hour <= Math.max(span.from, span.to),
    /** Handlers for a free hour. `isFree(h)` tells whether another hour of the lane is free (the span never covers a taken one). */
    handlers: (lane: string, hour: number, isFree: (h: number) => boolean) => ({
      onMouseDown: (e: { button: number; preventDefault(): void }) => {
        if (e.button !== 0) return;
        e.preventDefault();
        setSpan({ lane, from: hour, to: hour });
      },
      onMouseEnter: () => {
        if (!span || span.lane !== lane) return;
        const step = hour >= span.from ? 1 : -1;
        for (let h = span.from; h !== hour + step; h += step) if (!isFree(h)) return;
        setSpan({ ...span, to: hour });
      },
      onMouseUp: (e: { stopPropagation(): void }) => {
        if (!span || span.lane !== lane) return;
        e.stopPropagation();
        const picked = { lane, from: Math.min(span.from, span.to), to: Math.max(span.from, span.to) + 1 };
        setSpan(null);
        onPick(picked);
      },
    }),
  };
}
