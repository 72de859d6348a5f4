import type { DatabaseSync } from 'node:sqlite';
import { sortByName } from '../../../src-shared/records/meeting/meetingRules';
import type { StreetFacts } from '../../../src-shared/street/streetFacts';

/** The state of one community's street facts: which stored update they reflect, when made, and any problem. */
export interface StreetFactsState {
  doc: string;
  name: string;
  /** The highest stored update row they were read from; behind the document's own while they are being brought up to date. */
  seq: number;
  computedAt: number;
  /** Why this community could not be read (in Chinese), when it could not; its facts are then empty. */
  problem: string;
}

/**
 * The street's views' facts per community in their own SQLite file (`street.db` beside `sync.db`: writing a large
 * community's facts never holds the lock the sync thread stores updates under), one table per view so each
 * question reads only its part, by index: the calendar and venues as one JSON value per community, bookings by date,
 * whistles and 考核 rows one row each (ordered and paged by SQL). Written whole per community in one transaction by the
 * worker thread; read by the worker's answers.
 */
export class StreetFactsStore {
  constructor(private readonly db: DatabaseSync) {
    // Both workers open street.db at the same moment: wait for each other's lock (set first), and take the write lock
    // at BEGIN, since a read transaction upgraded to write fails at once rather than waiting.
    db.exec('PRAGMA busy_timeout = 10000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`
      BEGIN IMMEDIATE;
      CREATE TABLE IF NOT EXISTS street_docs (doc TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL DEFAULT 0, computed_at INTEGER NOT NULL DEFAULT 0, problem TEXT NOT NULL DEFAULT '',
        calendar TEXT NOT NULL DEFAULT '{"meetings":[],"orgNodes":[],"frequencies":{}}', venues TEXT NOT NULL DEFAULT '[]', units TEXT NOT NULL DEFAULT '[]', members TEXT NOT NULL DEFAULT '{"targets":{}}', unit_items TEXT NOT NULL DEFAULT '{}');
      CREATE TABLE IF NOT EXISTS street_bookings (doc TEXT NOT NULL, date TEXT NOT NULL, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS street_bookings_date ON street_bookings (date, doc);
      CREATE INDEX IF NOT EXISTS street_bookings_doc ON street_bookings (doc);
      CREATE TABLE IF NOT EXISTS street_whistles (doc TEXT NOT NULL, id TEXT NOT NULL, date TEXT NOT NULL, deadline TEXT NOT NULL, closed_at TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (doc, id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS street_whistles_date ON street_whistles (date);
      CREATE TABLE IF NOT EXISTS street_member_rows (doc TEXT NOT NULL, year TEXT NOT NULL, role TEXT NOT NULL, person_id TEXT NOT NULL, name TEXT NOT NULL, ord INTEGER NOT NULL, meets INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (doc, year, role, person_id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS street_member_rows_year ON street_member_rows (year, role, doc, ord);
      CREATE TABLE IF NOT EXISTS street_unit_rows (doc TEXT NOT NULL, period TEXT NOT NULL, unit_id TEXT NOT NULL, name TEXT NOT NULL, score REAL NOT NULL, json TEXT NOT NULL, PRIMARY KEY (doc, period, unit_id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS street_unit_rows_period ON street_unit_rows (period, doc, score);
      CREATE TABLE IF NOT EXISTS street_workbench (doc TEXT PRIMARY KEY, summary TEXT NOT NULL, detail TEXT NOT NULL) WITHOUT ROWID;
      COMMIT;
    `);
  }

  /** Replaces one community's facts, in one transaction. */
  write(facts: StreetFacts, seq: number, computedAt = Date.now()): void {
    const { db } = this;
    db.exec('BEGIN IMMEDIATE');
    try {
      this.clear(facts.code);
      db.prepare('INSERT INTO street_docs (doc, name, seq, computed_at, problem, calendar, venues, units, members, unit_items) VALUES (?, ?, ?, ?, \'\', ?, ?, ?, ?, ?)')
        .run(facts.code, facts.name, seq, computedAt, JSON.stringify(facts.calendar), JSON.stringify(facts.venues), JSON.stringify(facts.units), JSON.stringify({ targets: facts.members.targets }), JSON.stringify(facts.unitItems));
      const booking = db.prepare('INSERT INTO street_bookings (doc, date, json) VALUES (?, ?, ?)');
      for (const b of facts.bookings) booking.run(facts.code, b.date, JSON.stringify(b));
      const whistle = db.prepare('INSERT INTO street_whistles (doc, id, date, deadline, closed_at, json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const w of facts.whistles) whistle.run(facts.code, w.id, w.date, w.deadline, w.closedAt, JSON.stringify(w));
      const member = db.prepare('INSERT INTO street_member_rows (doc, year, role, person_id, name, ord, meets, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      // `ord`: the place of the name in pinyin order (SQLite sorts by code point), so a page lists people as the community does.
      for (const { year, rows } of facts.members.years) {
        const ordered = sortByName(rows.map((row) => ({ id: row.personId, name: row.name, row })));
        ordered.forEach(({ row: r }, ord) => member.run(facts.code, year, r.role, r.personId, r.name, ord, r.meetsTarget ? 1 : 0, JSON.stringify(r)));
      }
      const unit = db.prepare('INSERT INTO street_unit_rows (doc, period, unit_id, name, score, json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const { period, rows } of facts.unitPeriods) for (const r of rows) unit.run(facts.code, period, r.unitId, r.unitName, r.score, JSON.stringify(r));
      db.prepare('INSERT INTO street_workbench (doc, summary, detail) VALUES (?, ?, ?)').run(facts.code, JSON.stringify(facts.workbench.summary), JSON.stringify(facts.workbench.detail));
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** A community that could not be read: listed with the reason, its old facts dropped. */
  writeProblem(doc: string, name: string, seq: number, problem: string, computedAt = Date.now()): void {
    const { db } = this;
    db.exec('BEGIN IMMEDIATE');
    try {
      this.clear(doc);
      db.prepare('INSERT INTO street_docs (doc, name, seq, computed_at, problem) VALUES (?, ?, ?, ?, ?)').run(doc, name, seq, computedAt, problem);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  private clear(doc: string): void {
    for (const table of ['street_docs', 'street_bookings', 'street_whistles', 'street_member_rows', 'street_unit_rows', 'street_workbench']) this.db.prepare(`DELETE FROM ${table} WHERE doc = ?`).run(doc);
  }

  states(prefix = ''): StreetFactsState[] {
    return (this.db.prepare("SELECT doc, name, seq, computed_at AS computedAt, problem FROM street_docs WHERE doc >= ? AND doc < ? ORDER BY doc").all(prefix, `${prefix}\uffff`) as unknown as StreetFactsState[]);
  }

  /** Communities read without a problem whose facts predate the street's 工作台 (an older server's): to be read again. */
  withoutWorkbench(): Set<string> {
    return new Set((this.db.prepare("SELECT doc FROM street_docs WHERE problem = '' AND doc NOT IN (SELECT doc FROM street_workbench)").all() as { doc: string }[]).map((r) => r.doc));
  }

  /** The street's 工作台 of the communities of a scope: counts for the table, or one community's rows and bands. */
  workbench(part: 'summary' | 'detail', docs: readonly string[]): Map<string, string> {
    return this.valuesOf('street_workbench', part, docs);
  }

  /** One JSON column of the communities of a scope. */
  column(column: 'calendar' | 'venues' | 'units' | 'members' | 'unit_items', docs: readonly string[]): Map<string, string> {
    return this.valuesOf('street_docs', column, docs);
  }

  /** One column of a table kept one row per community, for the communities given (by its primary key). */
  private valuesOf(table: 'street_docs' | 'street_workbench', column: string, docs: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    const statement = this.db.prepare(`SELECT ${column} AS value FROM ${table} WHERE doc = ?`);
    for (const doc of docs) {
      const row = statement.get(doc) as { value: string } | undefined;
      if (row) out.set(doc, row.value);
    }
    return out;
  }

  bookingsOn(date: string, docs: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>(docs.map((d) => [d, []]));
    for (const row of this.db.prepare('SELECT doc, json FROM street_bookings WHERE date = ?').all(date) as { doc: string; json: string }[]) out.get(row.doc)?.push(row.json);
    return out;
  }

  /**
   * Everything stored for one community, in a fixed order and without the time it was made: two stores holding the same
   * facts give the same text (verify-summaries compares the stored facts with a recompute this way).
   */
  contentOf(doc: string): Record<string, string[]> {
    const rows = (sql: string) => (this.db.prepare(sql).all(doc) as Record<string, unknown>[]).map((r) => JSON.stringify(r));
    return {
      community: rows('SELECT name, problem, calendar, venues, units, members, unit_items FROM street_docs WHERE doc = ?'),
      bookings: rows('SELECT date, json FROM street_bookings WHERE doc = ? ORDER BY date, json'),
      whistles: rows('SELECT id, date, deadline, closed_at, json FROM street_whistles WHERE doc = ? ORDER BY id'),
      members: rows('SELECT year, role, person_id, name, ord, meets, json FROM street_member_rows WHERE doc = ? ORDER BY year, role, person_id'),
      units: rows('SELECT period, unit_id, name, score, json FROM street_unit_rows WHERE doc = ? ORDER BY period, unit_id'),
      workbench: rows('SELECT summary, detail FROM street_workbench WHERE doc = ?'),
    };
  }

  get database(): DatabaseSync {
    return this.db;
  }
}
