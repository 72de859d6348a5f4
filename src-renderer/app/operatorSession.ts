import { useSyncExternalStore } from 'react';
import { ValidationError } from '../../src-shared/errors';
import { isIdle, type Operator, type OperatorSettings } from '../../src-shared/operators/operatorList';
import { pinMatches, saveOperatorSettings } from '../data/operators';
import { saveAppSettings } from '../data/appSettings';

export interface OperatorState {
  settings: OperatorSettings;
  /** The operator in effect; null while someone must choose (at start, after idle, after 更换). */
  current: Operator | null;
  /** Why the choice is asked for, shown in the gate. */
  reason: string;
}

/**
 * Who is at the keyboard of this PC: chosen from the PC's operator list, with a PIN where one is set, and asked again
 * after the PC was left idle. Edits are stamped with `current` (via the App's EditContext).
 */
export class OperatorSession {
  private state: OperatorState;
  private readonly listeners = new Set<() => void>();
  private lastActivityAt = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(settings: OperatorSettings) {
    // A PC with one operator and no PIN has nobody to ask; with several, or a PIN, the choice is made at start.
    const only = settings.operators.length === 1 && !settings.operators[0]!.pin ? settings.operators[0]! : null;
    this.state = { settings, current: only, reason: '请选择本次的操作人：每次修改都会记下操作人和电脑' };
  }

  get snapshot(): OperatorState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async choose(id: string, pin: string): Promise<void> {
    const operator = this.state.settings.operators.find((o) => o.id === id);
    if (!operator) throw new ValidationError([{ field: 'operator', label: '操作人', message: '请从列表中选择操作人' }]);
    if (operator.pin && !(await pinMatches(operator, pin))) {
      throw new ValidationError([{ field: 'pin', label: 'PIN码', message: `不对，请重新输入「${operator.name}」的PIN码` }]);
    }
    this.lastActivityAt = Date.now();
    await saveAppSettings({ clerkName: operator.name });
    this.set({ ...this.state, current: operator });
  }

  lock(reason: string): void {
    this.set({ ...this.state, current: null, reason });
  }

  async update(settings: OperatorSettings): Promise<void> {
    await saveOperatorSettings(settings);
    const current = this.state.current ? (settings.operators.find((o) => o.id === this.state.current!.id) ?? null) : null;
    this.set({ ...this.state, settings, current, reason: current ? this.state.reason : '操作人列表已更改，请重新选择操作人' });
  }

  /** Watches the keyboard and mouse; past the idle time the operator must be chosen again. */
  watchIdle(target: Window): () => void {
    const touch = () => (this.lastActivityAt = Date.now());
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => target.addEventListener(e, touch, { passive: true, capture: true }));
    this.timer = setInterval(() => {
      const { current, settings } = this.state;
      if (current && isIdle(this.lastActivityAt, Date.now(), settings.idleMinutes)) {
        this.lock(`本机已 ${settings.idleMinutes} 分钟无人操作，请重新选择操作人`);
      }
    }, 5_000);
    return () => {
      events.forEach((e) => target.removeEventListener(e, touch, { capture: true }));
      if (this.timer) clearInterval(this.timer);
    };
  }

  private set(state: OperatorState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
}

export function useOperatorState(session: OperatorSession): OperatorState {
  return useSyncExternalStore((l) => session.subscribe(l), () => session.snapshot);
}
