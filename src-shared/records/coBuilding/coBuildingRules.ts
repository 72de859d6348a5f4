import { compareChinese } from '../../text/chineseOrder';

/** 一书三单 as pure functions: agreements about to expire, and 党建超市 matching of a need against the resources. */

export interface AgreementFacts {
  id: string;
  title: string;
  endDate: string;
  /** Ended before its term: no longer reminded of. */
  endedDate?: string;
}

const dayMs = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * Agreements that expire within the largest reminder (60/30/7 days by default) or have expired: days left, and the
 * reminder step they reached, soonest first.
 */
export function expiringAgreements<A extends AgreementFacts>(agreements: readonly A[], today: string, steps: readonly number[] = [60, 30, 7]): (A & { daysLeft: number; step: number })[] {
  const widest = Math.max(...steps);
  return agreements
    .filter((a) => a.endDate && !a.endedDate)
    .map((a) => ({ ...a, daysLeft: days(today, a.endDate) }))
    .filter((a) => a.daysLeft <= widest)
    .map((a) => ({ ...a, step: [...steps].sort((x, y) => x - y).find((s) => a.daysLeft <= s) ?? widest }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

/** Two-character pieces of a Chinese text (and whole ASCII words): what two descriptions share. */
function pieces(text: string): Set<string> {
  const clean = text.replace(/[\s，。、；：！？（）()【】,.;:!?]/g, '');
  const out = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) out.add(clean.slice(i, i + 2));
  for (const word of text.match(/[a-zA-Z0-9]+/g) ?? []) out.add(word.toLowerCase());
  return out;
}

export interface MatchableResource {
  id: string;
  kind: string;
  title: string;
  description: string;
}

/**
 * 党建超市: the resources that could meet a need — same kind first, then by how many pieces of wording they share —
 * each with a score; resources of another kind are offered only when their wording matches.
 */
export function matchResources<R extends MatchableResource>(need: { kind: string; title: string; description: string }, resources: readonly R[]): { resource: R; score: number }[] {
  const wanted = pieces(`${need.title}${need.description}`);
  const out: { resource: R; score: number }[] = [];
  for (const r of resources) {
    let shared = 0;
    for (const p of pieces(`${r.title}${r.description}`)) if (wanted.has(p)) shared++;
    const score = (r.kind === need.kind ? 10 : 0) + shared;
    if (r.kind === need.kind || shared > 0) out.push({ resource: r, score });
  }
  return out.sort((a, b) => b.score - a.score || compareChinese(a.resource.title, b.resource.title));
}

/**
 * A 兼职委员's attendance at 党建联席会议 during their term, read from the meeting records: the meetings where their
 * unit was on the 应到 list and marked, and those it attended (出席 or 迟到).
 */
export function partTimeAttendance(
  member: { unitId: string; appointedOn: string; termEnd: string; endedOn: string },
  jointMeetings: readonly { id: string; title: string; date: string; attendance: Record<string, { status: string; removed: boolean }> }[],
): { listed: { id: string; title: string; date: string; status: string }[]; attended: number } {
  const listed = jointMeetings
    .filter((m) => m.date >= member.appointedOn && (!member.termEnd || m.date <= member.termEnd) && (!member.endedOn || m.date < member.endedOn))
    .flatMap((m) => {
      const entry = m.attendance[`unit:${member.unitId}`];
      return entry && !entry.removed && entry.status !== '未标记' ? [{ id: m.id, title: m.title, date: m.date, status: entry.status }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
  return { listed, attended: listed.filter((m) => m.status === '出席' || m.status === '迟到').length };
}
