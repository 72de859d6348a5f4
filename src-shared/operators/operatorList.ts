import { ValidationError } from '../errors';

/**
 * The people who may work on this PC. The operator in effect is chosen from this list (at start, and after the PC
 * was left idle), never typed freely, and every history entry and audit line carries their name.
 */
export interface Operator {
  id: string;
  name: string;
  /** The roster person this operator is (a 社区工作者), when chosen from the roster. */
  personId?: string;
  /** A PIN is kept only as a salted hash. */
  pin?: { salt: string; hash: string };
  /** false: may not book past an overridable booking rule (the office restricts e.g. a volunteer at the counter). */
  mayOverrideBookingRules?: boolean;
}

/** Whether an operator may book past an overridable rule with a reason: every operator, unless the office said no. */
export function mayOverrideBookingRules(operator: Operator | null): boolean {
  return !!operator && operator.mayOverrideBookingRules !== false;
}

export interface OperatorSettings {
  operators: Operator[];
  /** Minutes without input after which the operator must be chosen again; 0 = never. */
  idleMinutes: number;
  /** What the office calls this PC (前台电脑), shown beside the operator in histories. */
  deviceName: string;
}

export const DEFAULT_IDLE_MINUTES = 15;

export function checkOperatorName(name: string, existing: readonly Operator[], exceptId?: string): string {
  const clean = name.trim();
  if (!clean) throw new ValidationError([{ field: 'name', label: '操作人姓名', message: '不能为空' }]);
  if (clean.length > 30) throw new ValidationError([{ field: 'name', label: '操作人姓名', message: '不能超过30个字' }]);
  if (existing.some((o) => o.name === clean && o.id !== exceptId)) {
    throw new ValidationError([{ field: 'name', label: '操作人姓名', message: `「${clean}」已在本机操作人列表中，同名请加以区分，例如「${clean}（网格员）」` }]);
  }
  return clean;
}

/** A PIN is 4 to 6 digits: short enough for a counter, and never the only protection (the PC has its own login). */
export function checkPin(pin: string): string {
  const clean = pin.trim();
  if (!/^\d{4,6}$/.test(clean)) throw new ValidationError([{ field: 'pin', label: 'PIN码', message: '应为4至6位数字' }]);
  return clean;
}

export function checkIdleMinutes(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 480) {
    throw new ValidationError([{ field: 'idleMinutes', label: '无操作自动锁定', message: '应为0至480之间的整数（分钟），0表示不自动锁定' }]);
  }
  return value;
}

/** Whether the PC has been left long enough that the operator must be chosen again. */
export function isIdle(lastActivityAt: number, now: number, idleMinutes: number): boolean {
  return idleMinutes > 0 && now - lastActivityAt >= idleMinutes * 60_000;
}
