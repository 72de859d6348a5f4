/** What the close guard needs of a window, so it is tested as a plain function. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  /** Asks the page to finish its work before closing (the renderer's quit backup). */
  requestClose(): void;
  destroy(): void;
}

/**
 * Lets the page finish what it must do on quit (the backup taken on closing) before the window closes: the first
 * close is held, the page is asked, and the window closes when the page says it is ready — or after `timeoutMs`, so a
 * hung page never keeps the app open.
 */
export function guardClose(win: GuardedWindow, timeoutMs = 20_000): { ready(): void } {
  let asked = false;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    win.destroy();
  };
  win.on('close', (event) => {
    if (done) return;
    event.preventDefault();
    if (asked) return;
    asked = true;
    win.requestClose();
    timer = setTimeout(finish, timeoutMs);
  });
  return { ready: () => asked && finish() };
}
