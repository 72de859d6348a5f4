import { newId } from '../../src-shared/ids';
import { DEFAULT_IDLE_MINUTES, type Operator, type OperatorSettings } from '../../src-shared/operators/operatorList';
import { loadAppValue, saveAppValue } from './appSettings';

/** This PC's operators, idle lock and name, kept with the PC's other settings (not in a community's document). */
export async function loadOperatorSettings(firstName: string): Promise<OperatorSettings> {
  const stored = await loadAppValue<Operator[]>('operators');
  // A PC set up before operators had lists: its clerk becomes the first operator.
  const operators = Array.isArray(stored) ? stored : firstName ? [{ id: newId(), name: firstName }] : [];
  if (!Array.isArray(stored) && operators.length > 0) await saveAppValue('operators', operators);
  return {
    operators,
    idleMinutes: (await loadAppValue<number>('idleMinutes')) ?? DEFAULT_IDLE_MINUTES,
    deviceName: (await loadAppValue<string>('deviceName')) ?? '',
  };
}

export async function saveOperatorSettings(settings: OperatorSettings): Promise<void> {
  await saveAppValue('operators', settings.operators);
  await saveAppValue('idleMinutes', settings.idleMinutes);
  await saveAppValue('deviceName', settings.deviceName);
}

/** A PIN is stored as SHA-256 of a random salt and the digits, never as typed. */
export async function hashPin(pin: string, salt = newId()): Promise<{ salt: string; hash: string }> {
  const bytes = new TextEncoder().encode(`${salt}:${pin}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { salt, hash: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
}

export async function pinMatches(operator: Operator, pin: string): Promise<boolean> {
  if (!operator.pin) return true;
  return (await hashPin(pin, operator.pin.salt)).hash === operator.pin.hash;
}
