/** Resolves once `check()` holds, polling every `everyMs`; rejects after `ms` naming `what`. */
export function waitFor(check: () => boolean, ms = 5000, what = 'condition', everyMs = 5): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - start > ms ? reject(new Error(`timed out: ${what}`)) : setTimeout(tick, everyMs));
    tick();
  });
}
