import { pinyin } from 'pinyin-pro';

/** What a person is found by: the name, its pinyin and initials (surname readings such as 单 shàn), phone, ID. */
export interface SearchEntry {
  id: string;
  name: string;
  syllables: string[];
  full: string;
  initials: string;
  digits: string[];
}

const pinyinCache = new Map<string, { syllables: string[]; full: string; initials: string }>();

/** Pinyin of a Chinese name, read as a name (surname mode: 单 → shan, 曾 → zeng, 解 → xie, 区 → ou). */
export function namePinyin(name: string): { syllables: string[]; full: string; initials: string } {
  const cached = pinyinCache.get(name);
  if (cached) return cached;
  const syllables = pinyin(name, { toneType: 'none', surname: 'head', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const value = { syllables, full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
  pinyinCache.set(name, value);
  return value;
}

export function searchEntry(id: string, name: string, numbers: readonly string[]): SearchEntry {
  const { syllables, full, initials } = namePinyin(name);
  return { id, name, syllables, full, initials, digits: numbers.filter(Boolean).map((n) => n.toUpperCase()) };
}

/**
 * Ids of the entries matching a query typed in the search box, best first. Chinese → substring of the name; letters →
 * the name read from its start with each syllable typed in full or by its first letters (zs, zhangs, shantf,
 * zhangsan), then the given name alone (lh, lihua find 赵丽华), then anywhere in the full pinyin; digits → the end (or
 * any part, from 4 digits on) of a phone or ID number. Matches from the start of the full name rank first.
 */
export function searchPeople(entries: readonly SearchEntry[], rawQuery: string): string[] {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '');
  if (!query) return entries.map((e) => e.id);
  const ranked: { id: string; rank: number }[] = [];
  const add = (id: string, rank: number) => ranked.push({ id, rank });
  if (/^[a-z]+$/.test(query)) {
    for (const e of entries) {
      if (e.initials.startsWith(query) || e.full.startsWith(query) || syllablePrefixMatch(query, e.syllables, 0, 0)) add(e.id, 0);
      else if (givenNameMatch(query, e.syllables)) add(e.id, 1);
      else if (query.length >= 2 && e.full.includes(query)) add(e.id, 2);
    }
  } else if (/^[0-9x]+$/.test(query)) {
    const q = query.toUpperCase();
    for (const e of entries) if (e.digits.some((d) => d.endsWith(q) || (q.length >= 4 && d.includes(q)))) add(e.id, 0);
  } else {
    const text = rawQuery.trim();
    for (const e of entries) if (e.name.includes(text)) add(e.id, e.name.startsWith(text) ? 0 : 1);
  }
  // A stable sort keeps the caller's order within a rank.
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.id);
}

/** The given name typed alone, in full or by initials: after a one-character surname, or a two-character one (欧阳). */
function givenNameMatch(query: string, syllables: readonly string[]): boolean {
  const starts = syllables.length >= 4 ? [1, 2] : [1];
  return starts.some((si) => si < syllables.length && syllablePrefixMatch(query, syllables, 0, si));
}

/** Whether query[qi..] can be typed as the syllables from si on, each in full or by a prefix of it. */
function syllablePrefixMatch(query: string, syllables: readonly string[], qi: number, si: number): boolean {
  if (qi === query.length) return true;
  const syllable = syllables[si];
  if (syllable === undefined) return false;
  for (let k = Math.min(syllable.length, query.length - qi); k >= 1; k--) {
    if (query.startsWith(syllable.slice(0, k), qi) && syllablePrefixMatch(query, syllables, qi + k, si + 1)) return true;
  }
  return false;
}
