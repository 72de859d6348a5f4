/**
 * The street's sync server, headless:
 *   npm run sync-server -- --port 4455 --data ./sync-data [--cert cert.pem --key key.pem] [--max-payload-mb 128]
 *   npm run sync-server -- issue-token --data ./sync-data --role clerk --scope 350102001001 --name 王小红 [--days 365] --url ws://host:4455
 *   npm run sync-server -- revoke-token --data ./sync-data --id <token id>
 *   npm run sync-server -- list-tokens --data ./sync-data
 *   npm run sync-server -- audit --data ./sync-data [--doc 350102001001]
 *   npm run sync-server -- verify --data ./sync-data [--doc 350102001001]          (stored rows that cannot be read; exit code 1)
 *   npm run sync-server -- repair --data ./sync-data [--doc 350102001001]          (moves such rows to the quarantine table)
 *   npm run sync-server -- verify-summaries --data ./sync-data [--doc 350102001]   (exit code 1 when one disagrees)
 *   npm run sync-server -- rebuild-summaries --data ./sync-data [--doc 350102001]
 *   npm run sync-server -- --memory-mb 160 --idle-seconds 120 …                     (documents kept in memory)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SyncRole } from '../../src-shared/sync/access';
import { issueToken } from './issueToken';
import { SyncServer } from './syncServer';
import { SyncStore } from './syncStore';
import { checkSummaries, SummaryStore } from './summaryStore';
import { checkStoredData } from './storedDataCheck';
import { DatabaseSync } from 'node:sqlite';
import { checkStreetFacts } from './street/streetFactsCheck';
import { StreetFactsStore } from './street/streetFactsStore';
import { streetDbPath } from './street/streetService';

export async function main(argv: string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  const { values } = parseArgs({
    args: command === 'serve' && argv[0] !== 'serve' ? argv : argv.slice(1),
    options: {
      port: { type: 'string', default: '4455' },
      host: { type: 'string', default: '0.0.0.0' },
      data: { type: 'string', default: './sync-data' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'max-payload-mb': { type: 'string', default: '128' },
      'memory-mb': { type: 'string', default: '160' },
      'idle-seconds': { type: 'string', default: '120' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      days: { type: 'string', default: '365' },
      url: { type: 'string', default: 'ws://127.0.0.1:4455' },
      id: { type: 'string' },
      doc: { type: 'string' },
    },
  });
  const dataDir = values.data!;
  switch (command) {
    case 'serve': {
      const tls = values.cert && values.key ? { cert: readFileSync(values.cert, 'utf8'), key: readFileSync(values.key, 'utf8') } : undefined;
      const server = new SyncServer({ port: Number(values.port), host: values.host, dataDir, tls, maxPayload: Number(values['max-payload-mb']) * 1024 * 1024, memoryBudgetBytes: Number(values['memory-mb']) * 1024 * 1024, idleMs: Number(values['idle-seconds']) * 1000 });
      const port = await server.listen();
      console.log(`社区工作台同步服务已启动：${tls ? 'wss' : 'ws'}://${values.host}:${port}（数据目录 ${dataDir}）`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'issue-token': {
      const store = new SyncStore(dataDir);
      try {
        const issued = issueToken(store, { role: values.role as SyncRole, scope: values.scope ?? '', name: values.name ?? '', days: Number(values.days), serverUrl: values.url! });
        console.log(`凭证编号：${issued.claims.jti}\n有效期至：${new Date(issued.claims.exp * 1000).toLocaleString('zh-CN')}\n连接串：${issued.connectionString}`);
      } finally {
        store.close();
      }
      return;
    }
    case 'revoke-token': {
      const store = new SyncStore(dataDir);
      const done = store.revokeToken(values.id ?? '');
      store.close();
      console.log(done ? `已停用凭证 ${values.id}` : `没有找到未停用的凭证 ${values.id}`);
      if (!done) process.exitCode = 1;
      return;
    }
    case 'list-tokens': {
      const store = new SyncStore(dataDir);
      console.table(store.tokens().map((t) => ({ 编号: t.id, 角色: t.role, 范围: t.scope, 使用人: t.name, 到期: new Date(t.expires_at * 1000).toLocaleDateString('zh-CN'), 已停用: t.revoked_at ? '是' : '' })));
      store.close();
      return;
    }
    case 'audit': {
      const store = new SyncStore(dataDir);
      for (const row of store.audit(values.doc)) console.log(`${new Date(row.at).toISOString()}\t${row.doc}\t${row.user}\t${row.role}\t${row.tokenId}\t${row.bytes}B`);
      store.close();
      return;
    }
    case 'verify':
    case 'repair': {
      const store = new SyncStore(dataDir);
      try {
        const { lines, ok } = checkStoredData(store, command, values.doc ?? '');
        console.log(lines.join('\n'));
        if (!ok) process.exitCode = 1;
      } finally {
        store.close();
      }
      return;
    }
    case 'verify-summaries':
    case 'rebuild-summaries': {
      const store = new SyncStore(dataDir);
      try {
        const mode = command === 'rebuild-summaries' ? 'rebuild' : 'verify';
        const summaries = checkSummaries(store, new SummaryStore(store.db), mode, values.doc ?? '');
        // The street views' facts (street.db) too: the calendar, bookings, whistles and both 考核 tables.
        const factsDb = new DatabaseSync(streetDbPath(dataDir));
        const street = checkStreetFacts(store.db, new StreetFactsStore(factsDb), store.documents(values.doc ?? '').map((d) => d.doc), mode);
        factsDb.close();
        const lines = [...summaries.lines, ...street.lines];
        console.log(lines.length > 0 ? lines.join('\n') : '数据目录中没有社区数据');
        if (!summaries.ok || !street.ok) process.exitCode = 1;
      } finally {
        store.close();
      }
      return;
    }
    default:
      throw new Error(`未知命令 ${command}：可用 serve、issue-token、revoke-token、list-tokens、audit、verify、repair、verify-summaries、rebuild-summaries`);
  }
}

// Run as a program (node out/main/sync-server.js …, or forked by the desktop app), not when imported by tests.
main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`错误：${(error as Error).message}`);
  process.exit(1);
});
