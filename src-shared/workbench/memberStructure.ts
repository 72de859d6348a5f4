import { parseIdNumber } from '../records/person/idNumber';

/**
 * 党员结构 and the yearly 党内统计-style table, derived from the roster every time: each figure carries the ids of the
 * people behind it, so a clerk can open the list a number came from.
 */

export interface MemberFacts {
  id: string;
  name: string;
  roles: readonly string[];
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  education: string;
  category: string;
  joinDate: string;
  confirmDate: string;
  orgNodeId: string;
  reportDate: string;
}

export const MEMBER_FACT_FIELDS = ['name', 'roles', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'joinDate', 'confirmDate', 'orgNodeId', 'reportDate'] as const;

/** The 学历 buckets of Party statistics (DOMAIN.md), highest first. */
export const EDUCATION_BUCKETS = ['研究生', '大学本科', '大学专科', '中专', '高中/中技', '初中及以下'] as const;
export const NOT_FILLED = '未填写';

/** The bucket of a 学历 as offices write it (博士, 硕士研究生, 本科, 大专, 职高, 小学…); `未填写` when blank or unknown. */
export function educationBucket(text: string): string {
  const t = text.replace(/\s/g, '');
  if (!t) return NOT_FILLED;
  if (/博士|硕士|研究生/.test(t)) return '研究生';
  if (/本科|大学$|^大学/.test(t) && !/专科/.test(t)) return '大学本科';
  if (/大专|专科|高职/.test(t)) return '大学专科';
  if (/中专|中等专业/.test(t)) return '中专';
  if (/高中|中技|技校|职高|职业高中/.test(t)) return '高中/中技';
  if (/初中|小学|文盲|半文盲|无学历|识字/.test(t)) return '初中及以下';
  return NOT_FILLED;
}

/** Full years from `from` to `at` (both YYYY-MM-DD); null without a date. */
export function fullYears(from: string, at: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return null;
  let years = Number(at.slice(0, 4)) - Number(from.slice(0, 4));
  if (at.slice(5) < from.slice(5)) years--;
  return years;
}

/** The birth date written, or the one in the ID number. */
export function birthOf(p: Pick<MemberFacts, 'birthDate' | 'idNumber'>): string {
  if (p.birthDate) return p.birthDate;
  const id = p.idNumber ? parseIdNumber(p.idNumber) : null;
  return id?.ok ? id.birthDate : '';
}

export const AGE_BANDS = ['30岁及以下', '31至35岁', '36至45岁', '46至55岁', '56至60岁', '61至70岁', '71岁及以上'] as const;
export function ageBand(age: number | null): string {
  if (age === null) return NOT_FILLED;
  return age <= 30 ? AGE_BANDS[0] : age <= 35 ? AGE_BANDS[1] : age <= 45 ? AGE_BANDS[2] : age <= 55 ? AGE_BANDS[3] : age <= 60 ? AGE_BANDS[4] : age <= 70 ? AGE_BANDS[5] : AGE_BANDS[6];
}

/** 党龄 counts from 转正日期 (DOMAIN.md): a 预备党员 has none yet. */
export const PARTY_AGE_BANDS = ['预备党员', '不满5年', '5至9年', '10至19年', '20至29年', '30至39年', '40至49年', '50年及以上'] as const;
export function partyAgeBand(p: Pick<MemberFacts, 'category' | 'confirmDate'>, at: string): string {
  if (p.category === '预备党员') return PARTY_AGE_BANDS[0];
  const years = fullYears(p.confirmDate, at);
  if (years === null || years < 0) return NOT_FILLED;
  return years < 5 ? PARTY_AGE_BANDS[1] : years < 10 ? PARTY_AGE_BANDS[2] : years < 20 ? PARTY_AGE_BANDS[3] : years < 30 ? PARTY_AGE_BANDS[4] : years < 40 ? PARTY_AGE_BANDS[5] : years < 50 ? PARTY_AGE_BANDS[6] : PARTY_AGE_BANDS[7];
}

export const ethnicityGroup = (text: string) => (!text.trim() ? NOT_FILLED : /^汉/.test(text.trim()) ? '汉族' : '少数民族');

export interface Band {
  label: string;
  ids: string[];
}

export interface StructureDimension {
  key: 'age' | 'partyAge' | 'education' | 'gender' | 'ethnicity' | 'category';
  title: string;
  bands: Band[];
}

/** Party members (the 党员 role) of a set of organisations; all of the community when `orgIds` is null. */
export function membersOf<P extends MemberFacts>(people: readonly P[], orgIds: ReadonlySet<string> | null): P[] {
  return people.filter((p) => p.roles.includes('党员') && (!orgIds || orgIds.has(p.orgNodeId)));
}

function bandsOf(members: readonly MemberFacts[], order: readonly string[], bandOf: (p: MemberFacts) => string): Band[] {
  const ids = new Map<string, string[]>(order.map((label) => [label, []]));
  for (const p of members) {
    const label = bandOf(p);
    if (!ids.has(label)) ids.set(label, []);
    ids.get(label)!.push(p.id);
  }
  // Every band of the order is kept (a 0 is a figure too); 未填写 only when someone lacks the field.
  return [...ids].filter(([label, list]) => order.includes(label) || list.length > 0).map(([label, list]) => ({ label, ids: list }));
}

/** 党员结构 of the given members on `at`: age, 党龄, 学历, gender, 民族, 正式 / 预备. */
export function memberStructure(members: readonly MemberFacts[], at: string): StructureDimension[] {
  return [
    { key: 'age', title: '年龄结构', bands: bandsOf(members, AGE_BANDS, (p) => ageBand(fullYears(birthOf(p), at))) },
    { key: 'partyAge', title: '党龄结构', bands: bandsOf(members, PARTY_AGE_BANDS, (p) => partyAgeBand(p, at)) },
    { key: 'education', title: '学历结构', bands: bandsOf(members, EDUCATION_BUCKETS, (p) => educationBucket(p.education)) },
    { key: 'gender', title: '性别', bands: bandsOf(members, ['男', '女'], (p) => p.gender || NOT_FILLED) },
    { key: 'ethnicity', title: '民族', bands: bandsOf(members, ['汉族', '少数民族'], (p) => ethnicityGroup(p.ethnicity)) },
    { key: 'category', title: '类别（正式、预备）', bands: bandsOf(members, ['正式党员', '预备党员'], (p) => p.category || NOT_FILLED) },
  ];
}

export const YEARLY_COLUMNS = [
  { key: 'members', label: '党员总数' },
  { key: 'women', label: '女党员' },
  { key: 'minority', label: '少数民族' },
  { key: 'upTo35', label: '35岁及以下' },
  { key: 'from61', label: '61岁及以上' },
  { key: 'college', label: '大专及以上' },
  { key: 'probationary', label: '预备党员' },
  { key: 'joined', label: '本年发展党员' },
  { key: 'confirmed', label: '本年转正' },
  { key: 'inServiceReported', label: '在职党员本年报到' },
] as const;
export type YearlyColumn = (typeof YEARLY_COLUMNS)[number]['key'];

export interface YearlyRow {
  orgNodeId: string;
  orgName: string;
  depth: number;
  /** Each figure with the people behind it (this organisation and those under it). */
  figures: Record<YearlyColumn, string[]>;
}

/**
 * Still 预备 on `at`: 预备 now, or 转正 only after it (a 正式党员 without a 转正日期 is taken as 正式 then too) — so a past
 * year's table counts those who were 预备 at its end, not those who still are.
 */
export function probationaryOn(p: Pick<MemberFacts, 'category' | 'confirmDate'>, at: string): boolean {
  return p.category === '预备党员' || (p.confirmDate !== '' && p.confirmDate > at);
}

/** The day a year's table is counted on: 31 December, or today for the year in progress (the table's 统计日期). */
export function yearlyAsOf(year: number, today: string): string {
  return String(year) === today.slice(0, 4) ? today : `${year}-12-31`;
}

/**
 * The yearly summary per organisation, in the tree's order, each row counting its organisation and every one under
 * it (as 党内统计 tables do), ages and 党龄 as on 31 December of the year (today for the year in progress). 在职党员 are
 * counted where their record names an organisation; the community's row counts them all.
 */
export function yearlySummary(people: readonly MemberFacts[], nodes: readonly { id: string; name: string; parentId: string; depth: number }[], year: number, today: string): YearlyRow[] {
  const at = yearlyAsOf(year, today);
  const inYear = (d: string) => d.startsWith(`${year}-`) && d <= at;
  const below = new Map<string, Set<string>>();
  const children = new Map<string, string[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const subtree = (id: string): Set<string> => {
    let set = below.get(id);
    if (set) return set;
    set = new Set([id]);
    // Marked before the children are visited: a node listed as its own descendant is not followed round.
    below.set(id, set);
    for (const c of children.get(id) ?? []) for (const x of subtree(c)) set.add(x);
    return set;
  };
  const top = nodes.filter((n) => n.depth === 0).map((n) => n.id);
  return nodes.map((n) => {
    const scope = subtree(n.id);
    // The topmost organisation is the community's: everyone counts there, with or without an organisation named.
    const mine = (p: MemberFacts) => top.includes(n.id) || scope.has(p.orgNodeId);
    // A past year counts those who had joined by its end (a 入党日期 not filled counts: it cannot be placed).
    const members = people.filter((p) => p.roles.includes('党员') && mine(p) && !(p.joinDate > at));
    const ids = (list: readonly MemberFacts[]) => list.map((p) => p.id);
    const age = (p: MemberFacts) => fullYears(birthOf(p), at);
    return {
      orgNodeId: n.id, orgName: n.name, depth: n.depth,
      figures: {
        members: ids(members),
        women: ids(members.filter((p) => p.gender === '女')),
        minority: ids(members.filter((p) => ethnicityGroup(p.ethnicity) === '少数民族')),
        upTo35: ids(members.filter((p) => { const a = age(p); return a !== null && a <= 35; })),
        from61: ids(members.filter((p) => { const a = age(p); return a !== null && a >= 61; })),
        college: ids(members.filter((p) => ['研究生', '大学本科', '大学专科'].includes(educationBucket(p.education)))),
        probationary: ids(members.filter((p) => probationaryOn(p, at))),
        joined: ids(members.filter((p) => inYear(p.joinDate))),
        confirmed: ids(members.filter((p) => inYear(p.confirmDate))),
        inServiceReported: ids(people.filter((p) => p.roles.includes('在职党员') && mine(p) && inYear(p.reportDate))),
      },
    };
  });
}
