import type { Actor, EditContext } from '../repository/docLayout';

/** A deterministic edit context for tests and benchmarks: a clock that ticks one second per call. */
export function fixedContext(actor: Partial<Actor> = {}, start = Date.UTC(2026, 0, 1)): EditContext & { actorValue: Actor } {
  let t = start;
  const actorValue: Actor = { name: actor.name ?? '测试员', device: actor.device ?? 'test-device' };
  return { actorValue, actor: () => actorValue, now: () => (t += 1000) };
}
