import type { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { migrateDocument } from '../../../src-shared/schema/migrations';
import { CURRENT_SCHEMA_VERSION } from '../../../src-shared/schema/version';
import { readStreetFacts } from '../../../src-shared/street/streetFacts';
import { readStoredDocument } from '../storedDocument';
import { localDate } from '../../../src-shared/records/meeting/meetingCalendar';
import type { StoredRow } from '../syncStore';
import type { StreetFactsStore } from './streetFactsStore';

/** The highest stored update row of a document (what its facts must reflect to be up to date). */
export function latestSeq(db: DatabaseSync, doc: string): number {
  return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM updates INDEXED BY updates_doc WHERE doc = ?').get(doc) as { m: number }).m;
}

/**
 * Reads one community's whole stored document and writes its street facts (the worker thread does this after its
 * updates are stored; `rebuild-summaries` and tests call it directly). A community whose data cannot be read as the
 * app's records (a value of an unexpected shape, say) is listed with a Chinese note instead: it never breaks the
 * street's answer for the others.
 */
export function buildStreetFacts(db: DatabaseSync, store: StreetFactsStore, doc: string, today = localDate(Date.now())): void {
  const seq = latestSeq(db, doc);
  const rows = db.prepare('SELECT seq, data, at, crc FROM updates WHERE doc = ? AND seq <= ? ORDER BY seq').all(doc, seq) as unknown as StoredRow[];
  const ydoc = new Y.Doc();
  let name = '';
  try {
    // Unreadable rows are left out here; the sync side moves them aside when it next loads the community.
    Y.applyUpdate(ydoc, readStoredDocument(rows).merged);
    name = String(ydoc.getMap('meta').get('name') ?? '');
    const version = Number(ydoc.getMap('meta').get('schemaVersion') ?? 0);
    if (version > CURRENT_SCHEMA_VERSION) {
      store.writeProblem(doc, name, seq, `该社区的数据来自更新版本的社区工作台（数据版本 ${version}），本服务器读不了，暂不能列入街道的汇总；其他社区不受影响。请升级同步服务器的软件`);
      return;
    }
    // A document of an older layout is read as the current one, in this scratch copy only.
    migrateDocument(ydoc, { actor: () => ({ name: '街道服务器', device: 'server' }), now: () => Date.now() });
    store.write(readStreetFacts(ydoc, doc, today), seq);
  } catch (error) {
    store.writeProblem(doc, name, seq, `该社区的数据中有无法识别的内容（${(error as Error).message}），暂不能列入街道的汇总；其他社区不受影响。请联系同步服务器管理员运行 verify 检查`);
  } finally {
    ydoc.destroy();
  }
}
