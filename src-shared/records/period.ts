/**
 * Reporting periods of the community's figures: a year (`2026`) or a half-year (`2026-H1`, `2026-H2`), the way the
 * street asks for 半年 and 年度 figures.
 */
export function periodRange(period: string): [string, string] {
  const m = /^(\d{4})(?:-H([12]))?$/.exec(period);
  if (!m) throw new Error(`考核期「${period}」不正确，应为 2026、2026-H1 或 2026-H2`);
  const year = m[1]!;
  return m[2] === '1' ? [`${year}-01-01`, `${year}-06-30`] : m[2] === '2' ? [`${year}-07-01`, `${year}-12-31`] : [`${year}-01-01`, `${year}-12-31`];
}

export function periodLabel(period: string): string {
  const [year, half] = period.split('-H');
  return half ? `${year}年${half === '1' ? '上' : '下'}半年` : `${year}年度`;
}

/** The half-year a date falls in. */
export const periodOf = (date: string) => `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? 'H1' : 'H2'}`;
