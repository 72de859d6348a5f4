import { PERSON_ROLES } from '../records/person/personSchema';

/** How a cell is read from and written to a spreadsheet. */
export type CellKind = 'text' | 'date' | 'idNumber' | 'phone' | 'list' | 'roles' | 'orgNode' | 'number' | 'sixOnes' | 'hour';

/** One spreadsheet column of a record type: the same definition drives the template, import and export. */
export interface TableColumn {
  field: string;
  header: string;
  /** Other headers clerks' existing sheets use for this column. */
  aliases: readonly string[];
  kind: CellKind;
  required?: boolean;
  /** Shown masked unless the clerk explicitly asks for the full value. */
  personal?: boolean;
  width?: number;
}

const col = (field: string, header: string, kind: CellKind, aliases: string[] = [], extra: Partial<TableColumn> = {}): TableColumn => ({
  field, header, kind, aliases, ...extra,
});

export const PERSON_COLUMNS: readonly TableColumn[] = [
  col('name', '姓名', 'text', ['名字', '党员姓名', '人员姓名', '志愿者姓名'], { required: true, width: 10 }),
  col('roles', '角色', 'roles', ['人员角色', '身份'], { width: 12 }),
  col('gender', '性别', 'text', [], { width: 6 }),
  col('ethnicity', '民族', 'text', [], { width: 8 }),
  col('birthDate', '出生日期', 'date', ['出生年月', '生日', '出生年月日'], { width: 12 }),
  col('idNumber', '公民身份号码', 'idNumber', ['身份证号', '身份证号码', '身份证', '公民身份证号码', '证件号码', '身份号码'], { personal: true, width: 21 }),
  col('education', '学历', 'text', ['文化程度', '最高学历'], { width: 10 }),
  col('category', '人员类别', 'text', ['党员类别', '类别', '党员类型'], { width: 10 }),
  col('joinDate', '入党日期', 'date', ['入党时间', '入党年月'], { width: 12 }),
  col('confirmDate', '转正日期', 'date', ['转正时间', '转正年月'], { width: 12 }),
  col('orgNodeId', '所在党组织', 'orgNode', ['所在支部', '党支部', '所属党组织', '所在党支部', '党组织'], { width: 20 }),
  col('employer', '工作单位及职务', 'text', ['工作单位', '单位', '工作单位职务'], { width: 20 }),
  col('phone', '联系电话', 'phone', ['电话', '手机', '手机号', '手机号码', '联系方式'], { personal: true, width: 14 }),
  col('address', '居住地址', 'text', ['住址', '家庭住址', '现居住地址', '地址'], { width: 24 }),
  col('partyStatus', '党员状态', 'text', ['状态'], { width: 10 }),
  col('tags', '标签', 'list', ['党员标签', '备注标签'], { width: 14 }),
  col('post', '设岗定责岗位', 'text', ['岗位', '设岗定责', '党员岗位'], { width: 14 }),
  col('responsibilityArea', '党员责任区', 'text', ['责任区'], { width: 14 }),
  col('commitment', '承诺事项', 'text', ['承诺', '公开承诺'], { width: 20 }),
  col('employerPartyOrg', '单位党组织', 'text', ['所在单位党组织'], { width: 18 }),
  col('reportDate', '报到日期', 'date', ['报到时间'], { width: 12 }),
  col('claimedPost', '认领岗位', 'text', [], { width: 12 }),
  col('serviceTeam', '参加服务队', 'text', ['服务队'], { width: 12 }),
  col('skills', '特长', 'text', ['专长', '技能'], { width: 14 }),
  col('workerPost', '社区工作者岗位', 'text', [], { width: 12 }),
  col('note', '备注', 'text', [], { width: 20 }),
];

export const ROLE_VALUES = PERSON_ROLES;

/** Header text as clerks type it: ignore spaces, full-width forms, asterisks and notes like （必填）. */
export function normaliseHeader(text: string): string {
  return toHalfWidth(String(text ?? ''))
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

/** Full-width ASCII (ＡＢＣ１２３) and the ideographic space become their ordinary forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export interface HeaderMatch {
  /** For each column of the sheet: the field it fills, or null if it is ignored. */
  mapping: (string | null)[];
  /** Sheet headers that matched nothing. */
  unmatched: string[];
  /** Required fields no column fills. */
  missingRequired: string[];
}

export function matchHeaders(headers: readonly string[], columns: readonly TableColumn[]): HeaderMatch {
  const byHeader = new Map<string, string>();
  for (const c of columns) for (const h of [c.header, ...c.aliases]) byHeader.set(normaliseHeader(h), c.field);
  const used = new Set<string>();
  const mapping = headers.map((h) => {
    const field = byHeader.get(normaliseHeader(h));
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
  return {
    mapping,
    unmatched: headers.filter((h, i) => mapping[i] === null && String(h ?? '').trim() !== ''),
    missingRequired: columns.filter((c) => c.required && !used.has(c.field)).map((c) => c.header),
  };
}

/**
 * The row holding the headers: clerks' sheets often start with a title row (某某社区党员花名册) or a blank line.
 * Among the first rows, the one naming the most known columns.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], columns: readonly TableColumn[], scan = 10): number {
  let best = 0;
  let bestScore = -1;
  rows.slice(0, scan).forEach((row, index) => {
    const score = matchHeaders(row.map((c) => String(c ?? '')), columns).mapping.filter(Boolean).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

export const UNIT_COLUMNS: readonly TableColumn[] = [
  col('name', '单位名称', 'text', ['单位', '驻区单位', '驻区单位名称'], { required: true, width: 24 }),
  col('unitType', '单位类型', 'text', ['类型', '单位性质'], { width: 12 }),
  col('partyOrg', '单位党组织', 'text', ['党组织', '党组织名称'], { width: 20 }),
  col('contactName', '联系人', 'text', [], { width: 10 }),
  col('contactPhone', '联系电话', 'phone', ['电话', '联系方式'], { personal: true, width: 14 }),
  col('committeeMember', '兼职委员', 'text', ['兼职委员姓名'], { width: 10 }),
  col('address', '地址', 'text', ['单位地址'], { width: 24 }),
];

/** The columns a roster tab shows and its template holds, per role. */
export const ROLE_COLUMNS: Record<string, readonly string[]> = {
  党员: ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'joinDate', 'confirmDate', 'orgNodeId', 'employer', 'phone', 'address', 'partyStatus', 'tags', 'post', 'responsibilityArea', 'commitment'],
  在职党员: ['name', 'gender', 'idNumber', 'phone', 'employer', 'employerPartyOrg', 'reportDate', 'claimedPost', 'serviceTeam', 'skills', 'address'],
  志愿者: ['name', 'gender', 'idNumber', 'phone', 'address', 'skills'],
  社区工作者: ['name', 'gender', 'idNumber', 'phone', 'workerPost', 'address'],
  全部: ['name', 'roles', 'gender', 'idNumber', 'phone', 'orgNodeId', 'employer', 'address', 'tags'],
};

/** Columns shown until the clerk chooses others (the rest are one click away in 列设置). */
export const ROLE_DEFAULT_VISIBLE: Record<string, readonly string[]> = {
  党员: ['name', 'gender', 'birthDate', 'idNumber', 'category', 'joinDate', 'orgNodeId', 'phone', 'partyStatus', 'tags', 'post'],
  在职党员: ROLE_COLUMNS['在职党员']!,
  志愿者: ROLE_COLUMNS['志愿者']!,
  社区工作者: ROLE_COLUMNS['社区工作者']!,
  全部: ROLE_COLUMNS['全部']!,
};

export function columnsFor(fields: readonly string[], all: readonly TableColumn[] = PERSON_COLUMNS): TableColumn[] {
  return fields.map((f) => all.find((c) => c.field === f)).filter((c): c is TableColumn => c !== undefined);
}
