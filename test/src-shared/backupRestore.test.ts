import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareRecord, copyBack } from '../../src-shared/backup/backupCompare';
import { backupDocument, decodeBackup, encodeDocBackup } from '../../src-shared/backup/backupFile';
import { communitySheets, countsSummary } from '../../src-shared/backup/communityWorkbook';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

function community() {
  const doc = new Y.Doc();
  writeCommunityInfo(doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
  return { doc, repos: createRepositories(doc, fixedContext({ name: '王小红' })) };
}

describe('restoring from a backup', () => {
  it('finds what differs and copies single records back with history: a deleted one, a changed one, one this PC never had; a merge loses nothing here', async () => {
    const { doc, repos } = community();
    const kept = repos.people.create({ name: '张三', roles: ['志愿者'], phone: '13800000001' });
    const deleted = repos.people.create({ name: '李四', roles: ['志愿者'] });
    const changed = repos.venues.create({ name: '党群服务中心多功能厅', capacity: 60 });
    const { bytes } = await encodeDocBackup(doc, { operator: '王小红', device: 'pc-a' });
    // Later on this PC: one deleted, one changed, one added, one made only elsewhere (in the backup, not here).
    repos.people.delete(deleted.id);
    repos.venues.update(changed.id, { capacity: 20 });
    repos.people.create({ name: '王五', roles: ['志愿者'] });
    const backup = createRepositories(backupDocument((await decodeBackup(bytes)).updates), fixedContext());
    const onlyInBackup = backup.people.create({ name: '只在备份', roles: ['志愿者'] });

    expect(compareRecord(backup.people.get(kept.id)!, repos.people.get(kept.id))).toBe('相同');
    expect(compareRecord(backup.people.get(deleted.id)!, repos.people.get(deleted.id))).toBe('本机已删除');
    expect(compareRecord(backup.venues.get(changed.id)! as never, repos.venues.get(changed.id) as never)).toBe('已改动');
    expect(compareRecord(onlyInBackup, repos.people.get(onlyInBackup.id))).toBe('本机没有');

    copyBack(repos.people as never, backup.people.get(deleted.id)! as never, '从备份恢复（测试）');
    copyBack(repos.venues as never, backup.venues.get(changed.id)! as never, '从备份恢复（测试）');
    copyBack(repos.people as never, onlyInBackup as never, '从备份恢复（测试）');
    expect(repos.people.list().map((p) => p.name).sort()).toEqual(['只在备份', '张三', '李四', '王五']);
    expect(repos.venues.get(changed.id)!.capacity).toBe(60);
    expect(repos.people.history(deleted.id).map((h) => [h.action, h.note ?? ''])).toContainEqual(['restore', '从备份恢复（测试）']);
    expect(repos.venues.history(changed.id).at(-1)!.note).toBe('从备份恢复（测试）');

    // A whole merge of the old backup: nothing done here since is undone.
    repos.people.delete(kept.id);
    Y.applyUpdate(doc, (await decodeBackup(bytes)).updates[0]!);
    expect(repos.people.get(kept.id)!.meta.deleted).toBe(true);
    expect(repos.venues.get(changed.id)!.capacity).toBe(60);
  });

  it('puts every record type in one workbook, the roster with its own columns, personal data masked unless full', () => {
    const { repos } = community();
    repos.people.create({ name: '张三', roles: ['志愿者'], phone: '13812345678', idNumber: '11010519491231002X' });
    repos.venues.create({ name: '多功能厅', capacity: 60 });
    const masked = communitySheets(repos, { mask: true, orgNodeName: () => '' });
    const people = masked.find((s) => s.name === '人员')!;
    expect(people.headers).toContain('姓名');
    expect(people.rows[0]!.join()).toContain('张三');
    expect(people.rows[0]!.join()).not.toContain('13812345678');
    expect(people.rows[0]!.join()).not.toContain('11010519491231002X');
    const full = communitySheets(repos, { mask: false, orgNodeName: () => '' }).find((s) => s.name === '人员')!;
    expect(full.rows[0]!.join()).toContain('13812345678');
    expect(masked.length).toBeGreaterThan(20);
    expect(masked.find((s) => s.name === '场地与服务')?.rows[0]).toContain('多功能厅');
    const summary = countsSummary('三坊七巷社区', { 人员: 1, 场地与服务: 1 }, '2026-11-27');
    expect(summary.sections[0]!.table!.rows.at(-1)).toEqual(['合计', '2']);
  });
});
