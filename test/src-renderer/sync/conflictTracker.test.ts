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
    const a = createRepositories(here, fixedContext({ name: '社区', device: 'community-pc' }));
    const b = createRepositories(there, fixedContext({ name: '街道', device: 'street-pc' }));
    const unit = a.residentUnits.create({ name: '医院' });
    const other = a.residentUnits.create({ name: '学校' });
    Y.applyUpdate(there, Y.encodeStateAsUpdate(here), SYNC_ORIGIN);
    let saved: ConflictMemory | undefined;
    const tracker = new ConflictTracker(here, undefined, (m) => (saved = m), 'community-pc');
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

  it('lists the record on the PC that synced first too, when the other side\'s edit arrives later', () => {
    const community = new Y.Doc();
    const street = new Y.Doc();
    const server = new Y.Doc();
    const a = createRepositories(community, fixedContext({ name: '社区', device: 'community-pc' }));
    const b = createRepositories(street, fixedContext({ name: '街道', device: 'street-pc' }));
    const unit = a.residentUnits.create({ name: '医院' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(community));
    Y.applyUpdate(street, Y.encodeStateAsUpdate(server), SYNC_ORIGIN);
    const onCommunity = new ConflictTracker(community, undefined, () => undefined, 'community-pc');
    const onStreet = new ConflictTracker(street, undefined, () => undefined, 'street-pc');
    // Both apart; the community comes back first and syncs fully, then the street.
    a.residentUnits.update(unit.id, { contactName: '王' });
    b.residentUnits.update(unit.id, { contactName: '李' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(community));
    Y.applyUpdate(community, Y.encodeStateAsUpdate(server), SYNC_ORIGIN);
    onCommunity.markSynced();
    expect(onCommunity.list()).toEqual([]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(street));
    Y.applyUpdate(street, Y.encodeStateAsUpdate(server), SYNC_ORIGIN);
    Y.applyUpdate(community, Y.encodeStateAsUpdate(server), SYNC_ORIGIN);
    expect(onCommunity.list().map((c) => c.id)).toEqual([unit.id]);
    expect(onStreet.list().map((c) => c.id)).toEqual([unit.id]);
    // An edit made after seeing the other side's is no conflict.
    a.residentUnits.update(unit.id, { contactName: '王二' });
    Y.applyUpdate(street, Y.encodeStateAsUpdate(community), SYNC_ORIGIN);
    onStreet.dismiss(onStreet.list()[0]!);
    b.residentUnits.update(unit.id, { address: '东街1号' });
    Y.applyUpdate(community, Y.encodeStateAsUpdate(street), SYNC_ORIGIN);
    expect(onStreet.list()).toEqual([]);
  });
});
