import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { ConflictTracker, type ConflictMemory } from '../../../src-renderer/sync/conflictTracker';
import { SYNC_ORIGIN } from '../../../src-renderer/sync/syncConnection';

describe('ConflictTracker', () => {
  it('lists records edited here and on the other side since the last sync, and remembers them', () => {
    const here = new Y.Doc();
    const there = new Y.Doc();
    const a = createRepositories(here, fixedContext({ name: '社区' }));
    const b = createRepositories(there, fixedContext({ name: '街道' }));
    const unit = a.residentUnits.create({ name: '医院' });
    const other = a.residentUnits.create({ name: '学校' });
    Y.applyUpdate(there, Y.encodeStateAsUpdate(here), SYNC_ORIGIN);
    let saved: ConflictMemory | undefined;
    const tracker = new ConflictTracker(here, undefined, (m) => (saved = m));
    tracker.markSynced();

    a.residentUnits.update(unit.id, { partyOrg: '医院党委（社区填）' });
    b.residentUnits.update(unit.id, { partyOrg: '医院党委（街道填）' });
    b.residentUnits.update(other.id, { partyOrg: '学校党总支' }); // only the street edited this one
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there), SYNC_ORIGIN);

    expect(tracker.list().map((c) => c.id)).toEqual([unit.id]);
    const history = a.residentUnits.history(unit.id).filter((h) => h.action === 'update');
    expect(history.map((h) => `${h.by}:${String(h.changes?.partyOrg?.to)}`).sort()).toEqual(['社区:医院党委（社区填）', '街道:医院党委（街道填）']);

    const restored = new ConflictTracker(new Y.Doc(), saved, () => undefined);
    expect(restored.list().map((c) => c.id)).toEqual([unit.id]);
    tracker.dismiss(tracker.list()[0]!);
    expect(tracker.list()).toEqual([]);
  });
});
