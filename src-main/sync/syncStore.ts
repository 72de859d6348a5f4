import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { DatabaseSync } from 'node:sqlite';
import type { TokenClaims } from '../../src-shared/sync/access';
import { newSecret } from './tokens';

export interface StoredRow {
  seq: number;
  data: Uint8Array;
  at: number;
  /** CRC-32 of `data` when it was stored after being read whole; null for an older build's row. */
  crc?: number | null;
}

/** CRC-32 of a stored row (zlib's: fast enough to check tens of MB on every load). */
export function rowCrc(data: Uint8Array): number {
  return crc32(data);
}

export interface QuarantinedRow {
  seq: number;
  doc: string;
  at: number;
  bytes: number;
  user: string;
  role: string;
  tokenId: string;
  problem: string;
  movedAt: number;
}

export interface AuditRow {
  at: number;
  doc: string;
  tokenId: string;
  user: string;
  role: string;
  bytes: number;
}

/**
 * The sync server's data directory: `sync.db` (SQLite, WAL, synchronous=FULL: a write has reached the disk when the
 * call returns) and `secret.key` (signs tokens). Every method is synchronous, so writes never interleave.
 */
export class SyncStore {
  readonly db: DatabaseSync;
  readonly secret: Buffer;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const secretFile = join(dataDir, 'secret.key');
    if (!existsSync(secretFile)) {
      writeFileSync(secretFile, newSecret().toString('hex'), { mode: 0o600 });
      chmodSync(secretFile, 0o600);
    }
    this.secret = Buffer.from(readFileSync(secretFile, 'utf8').trim(), 'hex');
    this.db = new DatabaseSync(join(dataDir, 'sync.db'));
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 10000;
      CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc, seq);
      -- Lists documents and their last write without reading the rows' data (tens of MB each).
      CREATE INDEX IF NOT EXISTS updates_doc_at ON updates (doc, at);
      CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, role TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL, issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
      CREATE TABLE IF NOT EXISTS audit (at INTEGER NOT NULL, doc TEXT NOT NULL, token_id TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, bytes INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_doc ON audit (doc, at);
      -- Stored rows that could not be read (an older build's bug, a disk fault), moved aside with their audit line.
      CREATE TABLE IF NOT EXISTS quarantine (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL, at INTEGER NOT NULL, bytes INTEGER NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, token_id TEXT NOT NULL, problem TEXT NOT NULL, moved_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS quarantine_doc ON quarantine (doc, seq);
    `);
    // Each row's CRC-32, written with it: a row whose bytes still match was read whole when it arrived and is not read
    // again on every load; a row without one (an older build's) or that no longer matches (a disk fault) is.
    const columns = this.db.prepare('PRAGMA table_info(updates)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'crc')) this.db.exec('ALTER TABLE updates ADD COLUMN crc INTEGER');
  }

  /**
   * Appends one update and its audit row in one transaction, with whatever `within` writes (the summaries); durable
   * when this returns.
   */
  appendUpdate(doc: string, update: Uint8Array, claims: TokenClaims, now = Date.now(), within?: () => void): void {
    this.transaction(() => {
      this.db.prepare('INSERT INTO updates (doc, data, at, crc) VALUES (?, ?, ?, ?)').run(doc, update, now, crc32(update));
      this.db.prepare('INSERT INTO audit (at, doc, token_id, user, role, bytes) VALUES (?, ?, ?, ?, ?, ?)').run(now, doc, claims.jti, claims.name, claims.role, update.byteLength);
      within?.();
    });
  }

  loadUpdates(doc: string): { maxSeq: number; updates: Uint8Array[] } {
    const rows = this.loadRows(doc);
    return { maxSeq: rows.at(-1)?.seq ?? 0, updates: rows.map((r) => r.data) };
  }

  /** The stored rows of a document, oldest first. */
  loadRows(doc: string): StoredRow[] {
    return this.db.prepare('SELECT seq, data, at, crc FROM updates WHERE doc = ? ORDER BY seq').all(doc) as unknown as StoredRow[];
  }

  /** Records the CRC of rows found whole (an older build's rows, read once). */
  markChecked(doc: string, rows: readonly StoredRow[]): void {
    if (rows.length === 0) return;
    this.transaction(() => {
      for (const r of rows) this.db.prepare('UPDATE updates SET crc = ? WHERE doc = ? AND seq = ?').run(crc32(r.data), doc, r.seq);
    });
  }

  /**
   * Moves rows that cannot be read out of the log into `quarantine`, each with its audit line (who sent it, when, its
   * size) and why, in one transaction: the rest of the document loads without them, and nothing is deleted.
   */
  quarantine(doc: string, rows: readonly { seq: number; problem: string }[], now = Date.now()): void {
    if (rows.length === 0) return;
    this.transaction(() => {
      for (const { seq, problem } of rows) {
        const row = this.db.prepare('SELECT seq, data, at FROM updates WHERE doc = ? AND seq = ?').get(doc, seq) as StoredRow | undefined;
        if (!row) continue;
        // The audit row written with it: same document, time and size (a compaction snapshot has none).
        const audit = this.db.prepare('SELECT user, role, token_id FROM audit WHERE doc = ? AND at = ? AND bytes = ? LIMIT 1').get(doc, row.at, row.data.byteLength) as { user: string; role: string; token_id: string } | undefined;
        this.db.prepare('INSERT OR REPLACE INTO quarantine (seq, doc, data, at, bytes, user, role, token_id, problem, moved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(seq, doc, row.data, row.at, row.data.byteLength, audit?.user ?? '（服务器整理合并）', audit?.role ?? 'server', audit?.token_id ?? '', problem, now);
        this.db.prepare('DELETE FROM updates WHERE doc = ? AND seq = ?').run(doc, seq);
      }
    });
  }

  /** Rows moved aside, of one document or all. */
  quarantined(doc?: string): QuarantinedRow[] {
    const rows = (doc ? this.db.prepare('SELECT seq, doc, at, bytes, user, role, token_id, problem, moved_at FROM quarantine WHERE doc = ? ORDER BY seq').all(doc) : this.db.prepare('SELECT seq, doc, at, bytes, user, role, token_id, problem, moved_at FROM quarantine ORDER BY doc, seq').all()) as { seq: number; doc: string; at: number; bytes: number; user: string; role: string; token_id: string; problem: string; moved_at: number }[];
    return rows.map((r) => ({ seq: r.seq, doc: r.doc, at: r.at, bytes: r.bytes, user: r.user, role: r.role, tokenId: r.token_id, problem: r.problem, movedAt: r.moved_at }));
  }

  /** Runs `work` in one write transaction: all of it is stored, or none. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  updateCount(doc: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM updates INDEXED BY updates_doc WHERE doc = ?').get(doc) as { n: number }).n;
  }

  /** Replaces the rows up to maxSeq by one snapshot, in one transaction. */
  compact(doc: string, snapshot: Uint8Array, maxSeq: number, now = Date.now()): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM updates WHERE doc = ? AND seq <= ?').run(doc, maxSeq);
      this.db.prepare('INSERT INTO updates (doc, data, at, crc) VALUES (?, ?, ?, ?)').run(doc, snapshot, now, crc32(snapshot));
    });
  }

  maxSeq(doc: string): number {
    return (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM updates INDEXED BY updates_doc WHERE doc = ?').get(doc) as { m: number }).m;
  }

  documents(prefix = ''): { doc: string; lastAt: number }[] {
    return this.db.prepare("SELECT doc, MAX(at) AS lastAt FROM updates INDEXED BY updates_doc_at WHERE doc >= ? AND doc < ? GROUP BY doc ORDER BY doc").all(prefix, `${prefix}\uffff`) as { doc: string; lastAt: number }[];
  }

  recordToken(claims: TokenClaims): void {
    this.db.prepare('INSERT INTO tokens (id, role, scope, name, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(claims.jti, claims.role, claims.scope, claims.name, claims.iat, claims.exp);
  }

  revokeToken(id: string, now = Date.now()): boolean {
    return Number(this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes) > 0;
  }

  isRevoked(id: string): boolean {
    const row = this.db.prepare('SELECT revoked_at FROM tokens WHERE id = ?').get(id) as { revoked_at: number | null } | undefined;
    // A token this server never issued (e.g. from another data directory with the same secret) is treated as revoked.
    return !row || row.revoked_at !== null;
  }

  tokens(): { id: string; role: string; scope: string; name: string; issued_at: number; expires_at: number; revoked_at: number | null }[] {
    return this.db.prepare('SELECT * FROM tokens ORDER BY issued_at').all() as never;
  }

  audit(doc?: string): AuditRow[] {
    const rows = (doc ? this.db.prepare('SELECT * FROM audit WHERE doc = ? ORDER BY at').all(doc) : this.db.prepare('SELECT * FROM audit ORDER BY at').all()) as { at: number; doc: string; token_id: string; user: string; role: string; bytes: number }[];
    return rows.map((r) => ({ at: r.at, doc: r.doc, tokenId: r.token_id, user: r.user, role: r.role, bytes: r.bytes }));
  }

  close(): void {
    this.db.close();
  }
}
