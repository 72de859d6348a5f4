import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('dependencies', () => {
  it('has exactly one copy of yjs (two copies break merging), on 13.6.x', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };
    const copies = Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/yjs'));
    expect(copies.map(([path]) => path)).toEqual(['node_modules/yjs']);
    expect(copies[0]![1].version).toMatch(/^13\.6\./);
  });
});
