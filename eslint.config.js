// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'sqlite', 'stream', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeImports = [{ group: ['node:*'], message: 'Node APIs belong in src-main.' }];
const noNode = NODE_BUILTINS.map((name) => ({ name, message: 'Node APIs belong in src-main.' }));
const noElectron = [{ name: 'electron', message: 'Electron belongs in src-main; the renderer uses src-renderer/platform.' }];
const noUi = ['react', 'react-dom', 'antd', '@ant-design/icons', 'dexie'].map((name) => ({ name, message: `${name} is a renderer concern.` }));

/**
 * The layer rule (as in VS Code's common/browser/electron-main):
 *   src-shared   pure TypeScript: no DOM, no Node, no Electron, no UI or storage library; imports only src-shared
 *   src-renderer browser only: no Node, no Electron, never src-main
 *   src-main     Node + Electron: never React or the renderer
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench-build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...noNode, ...noElectron, ...noUi],
        patterns: [...nodeImports, { group: ['**/src-renderer/**', '**/src-main/**', '../src-renderer/*', '../src-main/*'], message: 'src-shared imports only src-shared.' }],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'require', '__dirname', 'Buffer'].map((name) => ({ name, message: `${name} is not available in every layer; src-shared stays pure.` })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...noNode, ...noElectron],
        patterns: [...nodeImports, { group: ['**/src-main/**'], message: 'The renderer reaches main only through src-renderer/platform and the preload API.' }],
      }],
      'no-restricted-globals': ['error', ...['process', 'require', '__dirname', 'Buffer'].map((name) => ({ name, message: `${name} is Node-only.` }))],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: noUi,
        patterns: [{ group: ['**/src-renderer/**'], message: 'src-main never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
