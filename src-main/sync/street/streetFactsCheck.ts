import { DatabaseSync } from 'node:sqlite';
import { localDate } from '../../../src-shared/records/meeting/meetingCalendar';
import { buildStreetFacts } from './streetFactsBuilder';
import { StreetFactsStore } from './streetFactsStore';

/** The parts of a community's street facts that differ between two stores, by name ('' when none). */
function differences(a: Record<string, string[]>, b: Record<string, string[]>): string[] {
  const label: Record<string, string> = { community: '日历、场地与单位', bookings: '预约', whistles: '吹哨报到', members: '年度考核', units: '驻区单位考核' };
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${label[k] ?? k}（汇总 ${a[k]!.length} 条，重算 ${b[k]!.length} 条）`);
}

/**
 * The street views' facts of each community against a recompute from its stored document (`verify-summaries`), or
 * rebuilt (`rebuild-summaries`): the same text on the same day means the same answers.
 */
export function checkStreetFacts(syncDb: DatabaseSync, facts: StreetFactsStore, docs: readonly string[], mode: 'verify' | 'rebuild', today = localDate(Date.now())): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  for (const doc of docs) {
    if (mode === 'rebuild') {
      buildStreetFacts(syncDb, facts, doc, today);
      lines.push(`${doc}：街道汇总已重建`);
      continue;
    }
    const scratch = new StreetFactsStore(new DatabaseSync(':memory:'));
    buildStreetFacts(syncDb, scratch, doc, today);
    const found = differences(facts.contentOf(doc), scratch.contentOf(doc));
    scratch.database.close();
    if (found.length === 0) lines.push(`${doc}：街道汇总与文档一致`);
    else {
      ok = false;
      lines.push(`${doc}：街道汇总与文档不一致：${found.join('；')}；运行 rebuild-summaries 可重建`);
    }
  }
  return { lines, ok };
}
