import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { UpdateFacts } from '../../src-shared/sync/updateCheck';

/**
 * One community document as the server holds it: its stored updates merged in binary form, never as a Y.Doc (a
 * large community is tens of MB as an update but several times that as a live Y.Doc, and a street has 30 of them).
 * Sync answers are computed with Y.diffUpdate; the state vector is tracked conservatively so an acknowledgement never
 * claims more than is stored. The merged bytes can be released to bound memory and are read back from the store
 * (which already holds every update added here) when next needed.
 */
export class DocumentLog {
  private snapshot: Uint8Array | null;
  private tail: Uint8Array[] = [];
  private sv: Map<number, number>;
  /** Bumped on every stored change; summaries are cached against it. */
  version = 0;

  /**
   * `load` reads the stored document whole (merged, with unreadable rows moved aside): now, and again after a release.
   * `releasable` is false for a log that cannot be read back (tests).
   */
  constructor(private readonly load: () => Uint8Array, private readonly releasable = true) {
    this.snapshot = load();
    this.sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(this.snapshot));
  }

  /** Bytes held in memory. */
  get heldBytes(): number {
    return (this.snapshot?.byteLength ?? 0) + this.tail.reduce((n, u) => n + u.byteLength, 0);
  }

  /** Drops the merged bytes (the state vector stays); possible only when the log can be read back from the store. */
  release(): void {
    if (!this.releasable) return;
    this.snapshot = null;
    this.tail = [];
  }

  /** The whole document as one update. */
  current(): Uint8Array {
    if (this.snapshot === null) {
      this.snapshot = this.load();
      this.tail = [];
      return this.snapshot;
    }
    if (this.tail.length > 0) {
      // Every update in the tail was read whole before it was stored, so this merge cannot meet a damaged one.
      this.snapshot = Y.mergeUpdates([this.snapshot, ...this.tail]);
      this.tail = [];
      // Recomputed from contiguous structs only: a gap (never expected from our clients) is not claimed as stored.
      this.sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(this.snapshot));
    }
    return this.snapshot;
  }

  stateVector(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.sv.size);
    for (const [client, clock] of this.sv) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    return encoding.toUint8Array(encoder);
  }

  /** What a client with this state vector lacks. */
  diff(clientStateVector: Uint8Array): Uint8Array {
    // A client with nothing (a new PC) gets the whole document as stored: no re-encoding of tens of MB.
    if (Y.decodeStateVector(clientStateVector).size === 0) return this.current();
    return Y.diffUpdate(this.current(), clientStateVector);
  }

  /**
   * Whether an update (already read whole: its facts) may hold something new: structs beyond what is stored, or
   * deletions (which the state vector does not show, so any delete set counts).
   */
  analyse(facts: UpdateFacts): { newStructs: boolean; worthStoring: boolean } {
    let newStructs = false;
    for (const [client, to] of facts.to) if (to > (this.sv.get(client) ?? 0)) newStructs = true;
    return { newStructs, worthStoring: newStructs || facts.hasDeletes };
  }

  /** Adds an update that has just been stored. */
  add(update: Uint8Array, facts: UpdateFacts): void {
    for (const [client, to] of facts.to) {
      if (facts.gaps.has(client)) continue; // not contiguous: the next merge recomputes what is held
      const from = facts.from.get(client) ?? 0;
      const have = this.sv.get(client) ?? 0;
      if (from <= have && to > have) this.sv.set(client, to);
    }
    this.version++;
    if (this.snapshot === null) return; // the store has it; read back with the rest when next needed
    this.tail.push(update);
    if (this.tail.length >= 64) this.current();
  }

  /** A live Y.Doc of the document, for reading summaries; the caller destroys it. */
  toDoc(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.current());
    return doc;
  }
}
