import * as Y from 'yjs';
import { ValidationError } from '../errors';
import { ORIGIN } from '../repository/docLayout';
import { parseSynonymKey, synonymKey } from '../table/vocabulary';
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

  /** What the clerk taught an import: written value → list value (or org node id), for one field. */
  learnedSynonyms(field: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.map.entries()) {
      const parsed = parseSynonymKey(key);
      if (parsed?.field === field && typeof value === 'string') out[parsed.written] = value;
    }
    return out;
  }

  allSynonyms(): { field: string; written: string; value: string }[] {
    const out: { field: string; written: string; value: string }[] = [];
    for (const [key, value] of this.map.entries()) {
      const parsed = parseSynonymKey(key);
      if (parsed && typeof value === 'string') out.push({ ...parsed, value });
    }
    return out.sort((a, b) => a.field.localeCompare(b.field) || a.written.localeCompare(b.written));
  }

  learnSynonym(field: string, written: string, value: string): void {
    const from = written.trim();
    if (!from || !value) throw new ValidationError([{ field, label: '对应关系', message: '请选择要对应的值' }]);
    this.doc.transact(() => this.map.set(synonymKey(field, from), value), ORIGIN.local);
  }

  forgetSynonym(field: string, written: string): void {
    this.doc.transact(() => this.map.delete(synonymKey(field, written)), ORIGIN.local);
  }

  observe(callback: () => void): () => void {
    const handler = () => callback();
    this.map.observe(handler);
    return () => this.map.unobserve(handler);
  }
}
