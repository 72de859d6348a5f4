import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, restoreBounds } from '../../src-main/main/windowState';

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window size and position', () => {
  it('restores saved bounds that are on an attached display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1400, height: 900, maximized: true }, screen)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });
  it('drops a position on a display that is no longer attached, keeping the size', () => {
    expect(restoreBounds({ x: 2500, y: 50, width: 1400, height: 900 }, screen)).toEqual({ width: 1400, height: 900, maximized: false });
  });
  it('falls back to defaults for missing or corrupt state, and enforces a minimum size', () => {
    expect(restoreBounds(undefined, screen)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds('garbage', screen)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds({ width: 200, height: 'x' }, screen)).toEqual({ width: 960, height: 800, maximized: false });
  });
});
