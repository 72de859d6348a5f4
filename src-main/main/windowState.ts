/** Window size and position, remembered between runs, and never restored off-screen. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };
const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;

/** Reads saved bounds (from JSON of unknown shape) and fits them to the displays now attached. */
export function restoreBounds(saved: unknown, displays: DisplayArea[]): WindowBounds {
  if (!saved || typeof saved !== 'object') return DEFAULT_BOUNDS;
  const s = saved as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const width = Math.max(MIN_WIDTH, num(s.width) ?? DEFAULT_BOUNDS.width);
  const height = Math.max(MIN_HEIGHT, num(s.height) ?? DEFAULT_BOUNDS.height);
  const x = num(s.x);
  const y = num(s.y);
  const maximized = s.maximized === true;
  if (x === undefined || y === undefined) return { width, height, maximized };
  // Keep the position only if the window's title bar would be on a display that is still attached.
  const visible = displays.some((d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50);
  if (!visible) return { width, height, maximized };
  return { x, y, width, height, maximized };
}
