import { describe, expect, it, vi } from 'vitest';
import { guardClose } from '../../src-main/main/closeGuard';

function fakeWindow() {
  const listeners: ((e: { preventDefault(): void }) => void)[] = [];
  const state = { requested: 0, destroyed: 0, prevented: 0 };
  const win = {
    on: (_e: 'close', l: (e: { preventDefault(): void }) => void) => void listeners.push(l),
    requestClose: () => void state.requested++,
    destroy: () => void state.destroyed++,
  };
  const close = () => listeners.forEach((l) => l({ preventDefault: () => void state.prevented++ }));
  return { win, state, close };
}

describe('closing the desktop window', () => {
  it('holds the first close until the page has backed up, then closes once', () => {
    const { win, state, close } = fakeWindow();
    const guard = guardClose(win, 20_000);
    close();
    close(); // a second click while the backup runs
    expect(state).toEqual({ requested: 1, destroyed: 0, prevented: 2 });
    guard.ready();
    guard.ready();
    expect(state.destroyed).toBe(1);
  });

  it('closes anyway when the page never answers', () => {
    vi.useFakeTimers();
    const { win, state, close } = fakeWindow();
    guardClose(win, 20_000);
    close();
    vi.advanceTimersByTime(19_999);
    expect(state.destroyed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.destroyed).toBe(1);
    vi.useRealTimers();
  });

  it('ignores a ready the window never asked for', () => {
    const { win, state } = fakeWindow();
    guardClose(win).ready();
    expect(state.destroyed).toBe(0);
  });
});
