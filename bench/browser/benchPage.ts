/**
 * Runs in Chromium (real IndexedDB): builds a large community through the repository API, then measures a cold
 * open against the bare Y.applyUpdate of the same state, and the stored bytes against the encoded state.
 */
import * as Y from 'yjs';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { LARGE_COMMUNITY, populateCommunity } from '../../src-shared/testing/largeCommunity';
import { CommunityStore } from '../../src-renderer/data/communityStore';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function runStorageBench(runs = 5) {
  const code = `350102001${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const t0 = performance.now();
  const store = await CommunityStore.open(code, { context, compactThreshold: Number.MAX_SAFE_INTEGER });
  writeCommunityInfo(store.doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
  const records = await populateCommunity(store, LARGE_COMMUNITY, { chunk: 2000, pause: () => store.flush() });
  const generateMs = performance.now() - t0;
  const rowsBefore = await store.updateRowCount();
  const tc = performance.now();
  await store.compact();
  const compactMs = performance.now() - tc;
  const storedBytes = await store.storedBytes();
  const state = Y.encodeStateAsUpdate(store.doc);
  await store.close();

  const openMs: number[] = [];
  const applyMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const opened = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
    // Usable: a query through the repository answers.
    if (opened.repos.people.count() !== LARGE_COMMUNITY.partyMembers + LARGE_COMMUNITY.inServiceMembers + LARGE_COMMUNITY.volunteers) throw new Error('open lost records');
    openMs.push(performance.now() - s);
    await opened.close();

    const a = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    applyMs.push(performance.now() - a);
    doc.destroy();
  }
  const verify = await CommunityStore.open(code, { context, compactOnOpen: false });
  const tv = performance.now();
  const check = await verify.projectionCheck;
  const verifyMs = performance.now() - tv;
  await verify.close();
  const estimate = await navigator.storage.estimate();
  return {
    records, generateMs, rowsBefore, compactMs, storedBytes, stateBytes: state.byteLength, openMs: median(openMs),
    applyMs: median(applyMs), verifyMs, projectionRows: check.checked, idbUsage: estimate.usage ?? 0,
  };
}

(window as unknown as { runStorageBench: typeof runStorageBench }).runStorageBench = runStorageBench;
document.title = 'ready';
