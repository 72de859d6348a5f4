import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { CommunityStore } from '../../data/communityStore';

/** What this PC knows the street has of the community: a state vector, since when, and from what. */
export interface StreetState {
  stateVector: string;
  at: number;
  source: string;
}

/**
 * Remembers that the street has at least `vector` (after a sync, or a reply file), merged with what was known, so the
 * next exchange file carries only what the street lacks.
 */
export async function rememberStreetState(store: CommunityStore, vector: Uint8Array, source: string): Promise<StreetState> {
  const previous = await store.loadMeta<StreetState>('streetState');
  const merged = new Map(Y.decodeStateVector(vector));
  if (previous) for (const [client, clock] of Y.decodeStateVector(fromBase64(previous.stateVector))) merged.set(client, Math.max(clock, merged.get(client) ?? 0));
  const state: StreetState = { stateVector: toBase64(encodeStateVector(merged)), at: Date.now(), source };
  await store.saveMeta('streetState', state);
  return state;
}

function encodeStateVector(map: Map<number, number>): Uint8Array {
  // Y.encodeStateVector takes a doc or a map of client → clock.
  return Y.encodeStateVector(map as never);
}
