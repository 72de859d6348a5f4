import * as Y from 'yjs';
import { ValidationError } from '../errors';
import { ORIGIN } from '../repository/docLayout';
import { DEFAULT_SETTINGS, LIST_SETTING_LABELS, type ListSettingKey } from './defaults';

export const SETTINGS_MAP_NAME = 'settings';

/** Reads the community's editable lists, falling back to the defaults for a list nobody has edited. */
export class CommunitySettings {
  private readonly map: Y.Map<unknown>;
  constructor(private readonly doc: Y.Doc) {
    this.map = doc.getMap(SETTINGS_MAP_NAME);
  }

  list(key: ListSettingKey): readonly string[] {
    const value = this.map.get(key);
    return Array.isArray(value) ? (value as string[]) : DEFAULT_SETTINGS[key];
  }

  supervisionPhone(): string {
    return String(this.map.get('supervisionPhone') ?? '');
  }

  setList(key: ListSettingKey, values: readonly string[]): void {
    const clean = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
    if (clean.length === 0) {
      throw new ValidationError([{ field: key, label: LIST_SETTING_LABELS[key], message: '列表不能为空，请至少保留一项' }]);
    }
    this.doc.transact(() => this.map.set(key, clean), ORIGIN.local);
  }

  setSupervisionPhone(phone: string): void {
    this.doc.transact(() => this.map.set('supervisionPhone', phone.trim()), ORIGIN.local);
  }

  observe(callback: () => void): () => void {
    const handler = () => callback();
    this.map.observe(handler);
    return () => this.map.unobserve(handler);
  }
}
