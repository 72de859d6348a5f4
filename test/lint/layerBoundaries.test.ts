import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? '');
}

describe('layer boundaries (eslint)', () => {
  it.each([
    ['src-shared/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['src-shared/x.ts', "import path from 'path'; export const a = path;"],
    ['src-shared/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src-shared/x.ts', "import Dexie from 'dexie'; export const a = Dexie;"],
    ['src-shared/x.ts', "import React from 'react'; export const a = React;"],
    ['src-shared/x.ts', "import { platform } from '../src-renderer/platform/platform'; export const a = platform;"],
    ['src-shared/x.ts', 'export const a = document.title;'],
    ['src-renderer/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['src-renderer/x.ts', "import { join } from 'node:path'; export const a = join;"],
    ['src-renderer/x.ts', "import { APP_ORIGIN } from '../src-main/main/security'; export const a = APP_ORIGIN;"],
    ['src-main/x.ts', "import React from 'react'; export const a = React;"],
    ['src-main/x.ts', "import { platform } from '../src-renderer/platform/platform'; export const a = platform;"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toContain(code.includes('document') ? 'no-restricted-globals' : 'no-restricted-imports');
  });

  it.each([
    ['src-shared/x.ts', "import * as Y from 'yjs'; export const a = Y;"],
    ['src-renderer/x.ts', "import Dexie from 'dexie'; import { newId } from '../src-shared/ids'; export const a = [Dexie, newId];"],
    ['src-main/x.ts', "import { join } from 'node:path'; import { app } from 'electron'; export const a = [join, app];"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
