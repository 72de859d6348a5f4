import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRepositories } from '../../src-shared/repository/repositories';
import { concurrentEdits, standings } from '../../src-shared/repository/historyTruth';

function pc(name: string, device: string, clientID: number, clock: { t: number }) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const repos = createRepositories(doc, { actor: () => ({ name, device }), now: () => clock.t });
  return { doc, repos };
}

describe('history that tells the truth about concurrent edits', () => {
  it('marks the write in effect and the one that lost, whichever is newer, on both PCs', () => {
    const clock = { t: 1000 };
    // Client ids decide Yjs's winner: the street (higher id here) wins although the community wrote later.
    const a = pc('王小红', 'community-pc', 1, clock);
    const b = pc('李组织委员', 'street-pc', 2, clock);
    const unit = a.repos.residentUnits.create({ name: '市第一医院', contactName: '张' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    clock.t = 2000;
    b.repos.residentUnits.update(unit.id, { contactName: '李' });
    clock.t = 3000;
    a.repos.residentUnits.update(unit.id, { contactName: '王' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const side of [a, b]) {
      const current = side.repos.residentUnits.get(unit.id)!;
      const history = side.repos.residentUnits.history(unit.id);
      const inEffect = current.contactName;
      const marks = standings(history, current as unknown as Record<string, unknown>);
      const byValue = Object.fromEntries(history.map((h, i) => [String(h.changes?.contactName?.to ?? h.action), marks.get(i)?.contactName]));
      expect(byValue[inEffect]).toBe('inEffect');
      expect(byValue[inEffect === '李' ? '王' : '李']).toBe('lost');
      const edits = concurrentEdits(history, current as unknown as Record<string, unknown>);
      expect(edits).toHaveLength(1);
      expect(edits[0]!.value).toBe(inEffect);
      expect(edits[0]!.sides.map((s) => [s.by, s.to, s.inEffect]).sort()).toEqual([['李组织委员', '李', inEffect === '李'], ['王小红', '王', inEffect === '王']].sort());
    }
  });

  it('sees no conflict in edits made one after the other', () => {
    const clock = { t: 1000 };
    const a = pc('王小红', 'community-pc', 1, clock);
    const b = pc('李组织委员', 'street-pc', 2, clock);
    const unit = a.repos.residentUnits.create({ name: '市第一医院', contactName: '张' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    b.repos.residentUnits.update(unit.id, { contactName: '李' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    a.repos.residentUnits.update(unit.id, { contactName: '王' });
    const current = a.repos.residentUnits.get(unit.id)! as unknown as Record<string, unknown>;
    expect(concurrentEdits(a.repos.residentUnits.history(unit.id), current)).toEqual([]);
  });
});
