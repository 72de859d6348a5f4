import { uuidv4 } from 'lib0/random';

/** Stable record ids: random, so two offline PCs never hand out the same one. */
export function newId(): string {
  return uuidv4();
}
