import * as Y from 'yjs';
import { ValidationError } from '../errors';
import { ORIGIN } from '../repository/docLayout';
import { parseSynonymKey, synonymKey } from '../table/vocabulary';
import type { Frequency } from '../records/meeting/meetingRules';
import { checkPointRules, DEFAULT_POINT_RULES, type PointRules } from '../records/volunteer/pointRules';
import { DEFAULT_HOURS_TARGETS } from '../records/volunteer/memberAssessment';
import { checkCoBuildingSettings, DEFAULT_CO_BUILDING_SETTINGS, type CoBuildingSettings } from '../records/coBuilding/coBuildingSettings';
import { checkTemplateText, templateText, type TemplateKey, type TemplateText } from '../records/document/documentTemplates';
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

  /** How often a meeting type must be held (三会一课), where the community changed the default. */
  meetingFrequency(type: string, fallback: Frequency): Frequency {
    const value = this.map.get(`meetingFrequency:${type}`);
    return value === 'monthly' || value === 'quarterly' || value === 'yearly' || value === 'none' ? value : fallback;
  }

  setMeetingFrequency(type: string, frequency: Frequency): void {
    this.doc.transact(() => this.map.set(`meetingFrequency:${type}`, frequency), ORIGIN.local);
  }

  /** 民主评议: 优秀 at most 1/N of those graded (N = 3 by default). */
  excellentDenominator(): number {
    const value = Number(this.map.get('excellentDenominator'));
    return Number.isInteger(value) && value >= 1 ? value : 3;
  }

  setExcellentDenominator(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > 20) throw new ValidationError([{ field: 'excellentDenominator', label: '优秀比例', message: '应为1至20之间的整数：优秀不超过参评人数的 1/N' }]);
    this.doc.transact(() => this.map.set('excellentDenominator', n), ORIGIN.local);
  }

  /** 道德银行 rules (points per hour, the cap per activity, the time step, multipliers per category). */
  pointRules(): PointRules {
    const value = this.map.get('pointRules');
    try {
      return value ? checkPointRules({ ...DEFAULT_POINT_RULES, ...(value as object) }) : DEFAULT_POINT_RULES;
    } catch {
      return DEFAULT_POINT_RULES;
    }
  }

  setPointRules(rules: PointRules): void {
    const clean = checkPointRules(rules);
    this.doc.transact(() => this.map.set('pointRules', clean), ORIGIN.local);
  }

  /** Hours a person should serve in a year, by role (在职党员 50 by default). */
  hoursTargets(): Record<string, number> {
    const value = this.map.get('hoursTargets');
    return { ...DEFAULT_HOURS_TARGETS, ...(value && typeof value === 'object' ? (value as Record<string, number>) : {}) };
  }

  setHoursTargets(targets: Record<string, number>): void {
    for (const [role, hours] of Object.entries(targets)) {
      if (!Number.isFinite(hours) || hours < 0 || hours > 1000) throw new ValidationError([{ field: role, label: `${role}年度服务时长目标`, message: '应为 0 至 1000 之间的小时数' }]);
    }
    this.doc.transact(() => this.map.set('hoursTargets', { ...targets }), ORIGIN.local);
  }

  /** 共驻共建: agreement reminders, holidays for working-day response times, and the units' 考核 items and weights. */
  coBuilding(): CoBuildingSettings {
    const value = this.map.get('coBuilding');
    try {
      return value && typeof value === 'object' ? checkCoBuildingSettings(value as Partial<CoBuildingSettings>) : DEFAULT_CO_BUILDING_SETTINGS;
    } catch {
      return DEFAULT_CO_BUILDING_SETTINGS;
    }
  }

  setCoBuilding(settings: Partial<CoBuildingSettings>): void {
    const clean = checkCoBuildingSettings({ ...this.coBuilding(), ...settings });
    this.doc.transact(() => this.map.set('coBuilding', clean), ORIGIN.local);
  }

  /** The community's text of an official-document template (its own where edited, else the default). */
  documentTemplate(key: TemplateKey): TemplateText {
    const own = this.map.get(`documentTemplate:${key}`);
    return templateText(key, own && typeof own === 'object' ? { [key]: own } : {});
  }

  /** Keeps a template's edited text (one key per template, so two PCs editing different templates both keep theirs). */
  setDocumentTemplate(key: TemplateKey, text: TemplateText | null): void {
    const clean = text && checkTemplateText(key, text);
    this.doc.transact(() => (clean ? this.map.set(`documentTemplate:${key}`, clean) : this.map.delete(`documentTemplate:${key}`)), ORIGIN.local);
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
