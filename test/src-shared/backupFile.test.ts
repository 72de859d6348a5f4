import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupDocument, backupFileName, backupTimeOfName, decodeBackup, encodeBackup, encodeDocBackup } from '../../src-shared/backup/backupFile';
import { decodeExchange, encodeExchange, EXCHANGE_MAGIC, refuseMissingHistory, refuseOlderLayout } from '../../src-shared/backup/exchangeFile';
import { hmacHex, writeFramed } from '../../src-shared/backup/fileFrame';
import { CURRENT_SCHEMA_VERSION } from '../../src-shared/schema/version';
import { backupDue, backupsToKeep } from '../../src-shared/backup/rotation';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { newSecret, signToken } from '../../src-main/sync/tokens';

const CODE = '350102001001';
function community(code = CODE, name = '三坊七巷社区') {
  const doc = new Y.Doc();
  writeCommunityInfo(doc, { code, name, streetName: '南街街道', createdAt: Date.UTC(2026, 0, 1) });
  const repos = createRepositories(doc, fixedContext({ device: 'pc-a' }));
  return { doc, repos };
}
const peopleNames = (doc: Y.Doc) => createRepositories(doc, fixedContext()).people.list().map((p) => p.name).sort();

describe('backup files (.cdbak)', () => {
  it('round-trips the whole state with what it holds, at most 1.2 × the state', async () => {
    const { doc, repos } = community();
    for (let i = 0; i < 200; i++) repos.people.create({ name: `居民${i}`, roles: ['志愿者'], phone: `1380000${String(i).padStart(4, '0')}` });
    repos.people.delete(repos.people.list()[0]!.id);
    const { bytes, header } = await encodeDocBackup(doc, { operator: '王小红', device: 'pc-a' }, Date.UTC(2026, 10, 27, 1, 30));
    expect(bytes.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length * 1.2);
    expect(header).toMatchObject({ format: 1, communityCode: CODE, communityName: '三坊七巷社区', operator: '王小红', device: 'pc-a', counts: { 人员: 199 } });
    const read = await decodeBackup(bytes, CODE);
    const restored = backupDocument(read.updates);
    expect(peopleNames(restored)).toEqual(peopleNames(doc));
    expect(backupTimeOfName(backupFileName(header))).toBe(header.createdAt - (header.createdAt % 1000));
  });

  it('backs up a stored update log of several rows as it is, and restores the same records', async () => {
    const { doc, repos } = community();
    const rows: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
    doc.on('update', (u: Uint8Array) => rows.push(u));
    repos.people.create({ name: '张三', roles: ['志愿者'] });
    repos.people.create({ name: '李四', roles: ['志愿者'] });
    const { bytes, header } = await encodeBackup(rows, doc, { operator: '王小红', device: 'pc-a' });
    expect(header.counts).toEqual({ 人员: 2 });
    const read = await decodeBackup(bytes, CODE);
    expect(read.updates).toHaveLength(3);
    expect(peopleNames(backupDocument(read.updates))).toEqual(['张三', '李四']);
  });

  it('refuses a damaged file, a file of another kind, another community, or a newer format — in Chinese', async () => {
    const { doc, repos } = community();
    repos.people.create({ name: '张三', roles: ['志愿者'] });
    const { bytes } = await encodeDocBackup(doc, { operator: '王小红', device: 'pc-a' });
    const cut = bytes.slice(0, bytes.length - 20);
    await expect(decodeBackup(cut, undefined, 'a.cdbak')).rejects.toThrow('备份文件「a.cdbak」不完整（少了 20 字节，可能拷贝时被截断）');
    // Cut inside its header: still said to be incomplete, not "not a backup".
    for (const at of [3, 10, 40]) await expect(decodeBackup(bytes.slice(0, at))).rejects.toThrow('这个备份文件不完整或已损坏');
    // Whole and checksummed, but an update in it cannot be read (a faulty build wrote it): refused before merging.
    const damagedUpdate = Y.encodeStateAsUpdate(doc).slice(0, -1);
    const { bytes: faulty } = await encodeBackup([damagedUpdate], doc, { operator: '王小红', device: 'pc-a' });
    await expect(decodeBackup(faulty, undefined, 'b.cdbak')).rejects.toThrow(/^备份文件「b\.cdbak」第 1 段的数据不完整或已损坏（.*），未合并其中任何内容：请改用另一份备份/);
    const flipped = bytes.slice();
    flipped[flipped.length - 30]! ^= 0xff;
    await expect(decodeBackup(flipped)).rejects.toThrow('备份文件已损坏');
    await expect(decodeBackup(new TextEncoder().encode('姓名,电话\n张三,1'))).rejects.toThrow('这不是社区工作台的备份文件');
    await expect(decodeBackup(bytes, '350102001002')).rejects.toThrow('不是本社区（350102001002）的');
    const text = new TextDecoder().decode(bytes.subarray(0, 600));
    const newer = new TextEncoder().encode(text.replace('"format":1', '"format":9'));
    const patched = new Uint8Array(bytes.length);
    patched.set(bytes);
    patched.set(newer.subarray(0, 600));
    await expect(decodeBackup(patched)).rejects.toThrow('更新版本的社区工作台');
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups, and is due once a day', () => {
    const at = (d: number, h = 9) => ({ createdAt: new Date(2026, 0, d, h).getTime(), d });
    const list = Array.from({ length: 120 }, (_, i) => at(i + 1));
    const kept = [...backupsToKeep(list)].map((b) => b.createdAt).sort((a, b) => b - a);
    expect(kept.slice(0, 7)).toEqual(list.slice(-7).map((b) => b.createdAt).reverse());
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThan(7 + 2);
    expect(kept).toContain(new Date(2026, 0, 31, 9).getTime()); // January's newest
    expect(backupDue(undefined, Date.now())).toBe(true);
    expect(backupDue(new Date(2026, 10, 27, 8).getTime(), new Date(2026, 10, 27, 17).getTime())).toBe(false);
    expect(backupDue(new Date(2026, 10, 26, 23).getTime(), new Date(2026, 10, 27, 0, 5).getTime())).toBe(true);
  });
});

describe('USB exchange files (.cdsync)', () => {
  const secret = newSecret();
  const clerk = signToken(secret, { role: 'clerk', scope: CODE, name: '王小红', days: 30 }).token;
  const street = signToken(secret, { role: 'street', scope: '350102001', name: '李组织委员', days: 30 }).token;
  const otherClerk = signToken(secret, { role: 'clerk', scope: '350102001002', name: '别的社区', days: 30 }).token;

  it('refuses a file of recent changes on a PC that lacks what came before them; the whole community then opens there', async () => {
    const c = community();
    c.repos.people.create({ name: '张三', roles: ['志愿者'] });
    const known = Y.encodeStateVector(c.doc); // what the server acknowledged at the last sync
    c.repos.people.create({ name: '李四', roles: ['志愿者'] });
    const recent = await decodeExchange((await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk, theirStateVector: known })).bytes, { direction: 'toStreet' });
    expect(recent.whole).toBe(false);
    const streetPc = new Y.Doc(); // a street PC that never held the community
    expect(() => refuseMissingHistory(recent, Y.encodeStateVector(streetPc), false)).toThrow(/^本机还没有「三坊七巷社区」（350102001001）的数据，这个文件只含该社区最近的修改，无法单独使用，未导入任何数据。请：1\. 联网后在街道总览中打开该社区一次；或 2\. 请社区在“数据安全”中点“导出整个社区给街道（\.cdsync）”/);
    const whole = await decodeExchange((await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk })).bytes, { direction: 'toStreet' });
    expect(whole.whole).toBe(true);
    expect(() => refuseMissingHistory(whole, Y.encodeStateVector(streetPc), false)).not.toThrow();
    Y.applyUpdate(streetPc, whole.update);
    expect(peopleNames(streetPc)).toEqual(['张三', '李四']);
    // A PC that has the earlier part takes the recent file.
    expect(() => refuseMissingHistory(recent, known, true)).not.toThrow();
  });

  it('carries what the street has not seen both ways; double, old and out-of-order imports change nothing wrongly; both sides end identical', async () => {
    const c = community();
    const s = new Y.Doc();
    c.repos.people.create({ name: '张三', roles: ['志愿者'] });
    const first = await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk });
    c.repos.people.create({ name: '李四', roles: ['志愿者'] });
    const second = await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk });
    // Out of order and twice.
    for (const file of [second, first, second]) Y.applyUpdate(s, (await decodeExchange(file.bytes, { direction: 'toStreet' })).update);
    expect(peopleNames(s)).toEqual(['张三', '李四']);
    // The street adds a record and replies with what the community lacks, from the community's state vector.
    createRepositories(s, fixedContext({ device: 'street' })).people.create({ name: '街道补录', roles: ['志愿者'] });
    const theirs = (await decodeExchange(second.bytes, { direction: 'toStreet' })).stateVector;
    const reply = await encodeExchange(s, { direction: 'toCommunity', communityCode: CODE, communityName: '三坊七巷社区', senderName: '李组织委员', token: street, theirStateVector: theirs });
    expect(reply.header.updateBytes).toBeLessThan(Y.encodeStateAsUpdate(s).length);
    const read = await decodeExchange(reply.bytes, { direction: 'toCommunity', communityCode: CODE });
    Y.applyUpdate(c.doc, read.update);
    Y.applyUpdate(c.doc, read.update);
    // The community's next file holds only what the street lacks: nothing, once the street's vector is known.
    const next = await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk, theirStateVector: read.stateVector });
    expect(next.header.updateBytes).toBeLessThan(10);
    expect(Y.encodeStateAsUpdate(c.doc)).toEqual(Y.encodeStateAsUpdate(s));
  });

  it('refuses a file signed by another community, the wrong direction, another community, an altered file, an expired token', async () => {
    const c = community();
    c.repos.people.create({ name: '张三', roles: ['志愿者'] });
    const foreign = await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '别的社区', token: otherClerk });
    await expect(decodeExchange(foreign.bytes, { direction: 'toStreet' })).rejects.toThrow('无权修改「三坊七巷社区」的数据');
    const own = await encodeExchange(c.doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk });
    await expect(decodeExchange(own.bytes, { direction: 'toCommunity' })).rejects.toThrow('应在街道的电脑上导入');
    await expect(decodeExchange(own.bytes, { direction: 'toStreet', communityCode: '350102001002' })).rejects.toThrow('不是本社区');
    const altered = own.bytes.slice();
    altered[altered.length - 3]! ^= 0x01;
    await expect(decodeExchange(altered, { direction: 'toStreet' })).rejects.toThrow('签名不符');
    // Cut short anywhere: incomplete, never "not an exchange file".
    for (const at of [2, 12, 100, own.bytes.length - 1]) {
      await expect(decodeExchange(own.bytes.slice(0, at), { direction: 'toStreet', fileName: '给街道.cdsync' })).rejects.toThrow(/^交换文件「给街道\.cdsync」不完整/);
    }
    await expect(decodeExchange(new TextEncoder().encode('PK zip'), { direction: 'toStreet', fileName: 'x.zip' })).rejects.toThrow('「x.zip」不是社区工作台的交换文件');
    // Signed by a real token but its update is damaged (a faulty build): refused before anything is merged.
    const header = { ...(await decodeExchange(own.bytes, { direction: 'toStreet' })).header };
    const damaged = Y.encodeStateAsUpdate(c.doc).slice(0, -1);
    const forged = { ...header, updateBytes: damaged.length };
    const head = new TextEncoder().encode(JSON.stringify(forged));
    const signed = new Uint8Array(head.length + damaged.length);
    signed.set(head);
    signed.set(damaged, head.length);
    const faulty = writeFramed(EXCHANGE_MAGIC, { ...forged, mac: await hmacHex(clerk, signed) }, damaged);
    await expect(decodeExchange(faulty, { direction: 'toStreet', fileName: 'f.cdsync' })).rejects.toThrow(/^交换文件「f\.cdsync」的数据不完整或已损坏（.*），未合并其中任何内容：请让对方重新导出一份$/);
    // A clerk may not send the street's reply.
    const fake = await encodeExchange(c.doc, { direction: 'toCommunity', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token: clerk });
    await expect(decodeExchange(fake.bytes, { direction: 'toCommunity' })).rejects.toThrow('无权修改');
    await expect(decodeExchange(own.bytes, { direction: 'toStreet', now: Date.now() + 31 * 86400_000 })).rejects.toThrow('凭证已过期');
    // A file of a build that writes an older layout is refused before anything is merged; a newer one too.
    const oldBuild = { ...(await decodeExchange(own.bytes, { direction: 'toStreet' })).header, schemaVersion: undefined };
    const current = new Y.Doc();
    current.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION);
    expect(() => refuseOlderLayout(oldBuild, current)).toThrow(/版本较旧（数据版本 2，本机为 3）：请先升级那台电脑/);
    expect(() => refuseOlderLayout({ ...oldBuild, schemaVersion: CURRENT_SCHEMA_VERSION }, current)).not.toThrow();
  });
});
