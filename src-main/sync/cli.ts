/**
 * The street's sync server, headless:
 *   npm run sync-server -- --port 4455 --data ./sync-data [--cert cert.pem --key key.pem] [--max-payload-mb 128]
 *   npm run sync-server -- issue-token --data ./sync-data --role clerk --scope 350102001001 --name 王小红 [--days 365] --url ws://host:4455
 *   npm run sync-server -- revoke-token --data ./sync-data --id <token id>
 *   npm run sync-server -- list-tokens --data ./sync-data
 *   npm run sync-server -- audit --data ./sync-data [--doc 350102001001]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectionString, type SyncRole } from '../../src-shared/sync/access';
import { SyncServer } from './syncServer';
import { SyncStore } from './syncStore';
import { signToken } from './tokens';

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
      const server = new SyncServer({ port: Number(values.port), host: values.host, dataDir, tls, maxPayload: Number(values['max-payload-mb']) * 1024 * 1024 });
      const port = await server.listen();
      console.log(`社区工作台同步服务已启动：${tls ? 'wss' : 'ws'}://${values.host}:${port}（数据目录 ${dataDir}）`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'issue-token': {
      const role = values.role as SyncRole;
      if (!['clerk', 'street', 'viewer'].includes(role)) throw new Error('--role 只能是 clerk（社区操作员）、street（街道工作人员）或 viewer（只读）');
      const scope = values.scope ?? '';
      if (role === 'clerk' ? !/^\d{12}$/.test(scope) : !/^\d{9}(\d{3})?$/.test(scope)) throw new Error('--scope：社区操作员填12位社区区划代码，街道工作人员填9位街道代码');
      if (!values.name) throw new Error('--name：请填写使用人姓名，例如 --name 王小红');
      const store = new SyncStore(dataDir);
      const { token, claims } = signToken(store.secret, { role, scope, name: values.name, days: Number(values.days) });
      store.recordToken(claims);
      store.close();
      console.log(`凭证编号：${claims.jti}\n有效期至：${new Date(claims.exp * 1000).toLocaleString('zh-CN')}\n连接串：${connectionString({ serverUrl: values.url!, token })}`);
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
    default:
      throw new Error(`未知命令 ${command}：可用 serve、issue-token、revoke-token、list-tokens、audit`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`错误：${(error as Error).message}`);
  process.exit(1);
});
