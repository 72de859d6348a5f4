import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { createRepositories } from '../../src-shared/repository/repositories';
import { checkUpdate, requireWholeUpdate } from '../../src-shared/sync/updateCheck';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { seededRandom } from '../../src-shared/testing/seededRandom';

const CODE = '350102001001';

/** A community with records, texts, deletions: the base state, and a few real edits on top of it (each an update). */
function realUpdates() {
  const doc = new Y.Doc();
  writeCommunityInfo(doc, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: Date.UTC(2026, 0, 1) });
  const repos = createRepositories(doc, fixedContext({ device: 'pc-a' }));
  const ids = [];
  for (let i = 0; i < 20; i++) ids.push(repos.people.create({ name: `居民${i}`, roles: ['志愿者'], phone: `1380000${String(i).padStart(4, '0')}` }).id);
  const list = doc.getArray<unknown>('stock-array');
  list.insert(0, [1, 'two', { three: [3.5, null, true] }, new Uint8Array([1, 2, 3])]);
  const text = doc.getText('stock-text');
  text.insert(0, '会议纪要：同意 12 票 😀');
  text.format(0, 4, { bold: true });
  const base = Y.encodeStateAsUpdate(doc);
  const edits: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => edits.push(u));
  repos.people.update(ids[3]!, { name: '张建华' });
  repos.people.delete(ids[4]!);
  text.insert(3, '（第二稿）');
  text.delete(0, 2);
  list.delete(1, 1);
  doc.getMap('stock-map').set('nested', new Y.Map());
  (doc.getMap('stock-map').get('nested') as Y.Map<unknown>).set('k', 'v');
  return { base, edits, doc };
}

describe('checkUpdate: an update read whole before it is used', () => {
  it('passes what Yjs writes: whole states, single edits, merged and diffed updates', () => {
    const { base, edits, doc } = realUpdates();
    const whole = Y.encodeStateAsUpdate(doc);
    for (const update of [base, ...edits, whole, Y.mergeUpdates(edits), Y.diffUpdate(whole, Y.encodeStateVectorFromUpdate(base)), Y.mergeUpdates([]), new Uint8Array([0, 0])]) {
      const result = checkUpdate(update);
      expect(result).toMatchObject({ ok: true });
    }
    const result = checkUpdate(whole);
    if (!result.ok) throw new Error(result.problem);
    const meta = Y.parseUpdateMeta(whole);
    expect(result.facts.to).toEqual(meta.to);
    expect(result.facts.from).toEqual(meta.from);
    expect(result.facts.hasDeletes).toBe(true);
  });

  it('refuses every cut of a real update, and anything after its end', () => {
    const { base, edits } = realUpdates();
    for (const update of [base, ...edits]) {
      for (let cut = 0; cut < update.length; cut++) expect(checkUpdate(update.subarray(0, cut)).ok, `cut at ${cut} of ${update.length}`).toBe(false);
      const junk = new Uint8Array(update.length + 8);
      junk.set(update);
      junk.fill(7, update.length);
      const result = checkUpdate(junk);
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.problem).toContain('多出 8 字节');
    }
    // A view that ends before its buffer: nothing is read past the view's end (Yjs's own reader would).
    const framed = new Uint8Array(base.length + 4);
    framed.set(base);
    expect(checkUpdate(framed.subarray(0, base.length - 1)).ok).toBe(false);
  });

  it('refuses a struct that refers to a later position of its own client', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const text = doc.getText('t');
    text.insert(0, 'ab');
    const first = Y.encodeStateAsUpdate(doc);
    const sv = Y.encodeStateVector(doc);
    text.insert(2, 'c'); // origin: (7, 1)
    const edit = Y.encodeStateAsUpdate(doc, sv);
    expect(checkUpdate(edit).ok).toBe(true);
    // The origin's clock is the byte after the client in the origin: make it point at the struct itself (clock 2).
    const forged = Uint8Array.from(edit);
    const at = forged.indexOf(1, 5);
    forged[at] = 2;
    const result = checkUpdate(forged);
    expect(result).toMatchObject({ ok: false });
    // What that would do to a PC: Yjs throws while applying it.
    const victim = new Y.Doc();
    Y.applyUpdate(victim, first);
    expect(() => Y.applyUpdate(victim, forged)).toThrow();
  });

  it('names the source in Chinese when a caller requires a whole update', () => {
    expect(() => requireWholeUpdate(new Uint8Array([1, 1]), '交换文件「a.cdsync」')).toThrow(/^交换文件「a\.cdsync」的数据不完整或已损坏（第 2 字节处.*），未合并其中任何内容$/);
  });

  it('fuzz: a damaged update is refused, or it applies and merges with the stored state without a fault', { timeout: 120_000 }, () => {
    const { base, edits } = realUpdates();
    const rng = seededRandom(Number(process.env.UPDATE_FUZZ_SEED ?? 20261203));
    let accepted = 0;
    let refused = 0;
    const tryDamaged = (damaged: Uint8Array) => {
      if (!checkUpdate(damaged).ok) return refused++;
      accepted++;
      // Accepted: it merges with the stored state both ways, the merge is whole, and a PC applies it in either order.
      const merged = Y.mergeUpdates([base, damaged]);
      expect(checkUpdate(merged).ok).toBe(true);
      expect(checkUpdate(Y.mergeUpdates([damaged, base])).ok).toBe(true);
      for (const order of [[base, damaged], [damaged, base], [merged]]) {
        const pc = new Y.Doc();
        for (const u of order) Y.applyUpdate(pc, u);
        expect(checkUpdate(Y.encodeStateAsUpdate(pc)).ok).toBe(true);
        pc.toJSON();
      }
    };
    for (const update of [base, ...edits]) {
      for (let n = 0; n < Number(process.env.UPDATE_FUZZ_N ?? 100); n++) {
        const flipped = Uint8Array.from(update);
        const at = rng.int(0, update.length - 1);
        flipped[at] = flipped[at]! ^ (1 << rng.int(0, 7));
        tryDamaged(flipped);
        const replaced = Uint8Array.from(update);
        replaced[rng.int(0, update.length - 1)] = rng.int(0, 255);
        tryDamaged(replaced);
      }
    }
    console.log({ accepted, refused });
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });
});
