import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { idNumberCheckChar, OrgTree } from '../../src-shared/records';
import type { AnyRepository } from '../../src-shared/repository/collectionRepository';
import { ORIGIN } from '../../src-shared/repository/docLayout';
import { createRepositories } from '../../src-shared/repository/repositories';
import { normaliseDate, normaliseIdNumber, normalisePhone } from '../../src-shared/table/cells';
import { matchHeaders, PERSON_COLUMNS } from '../../src-shared/table/columns';
import { formatRows } from '../../src-shared/table/exportRows';
import { buildImportPreview, commitImport } from '../../src-shared/table/importPreview';
import { orgNodePath, orgNodeResolver } from '../../src-shared/table/orgNodePaths';
import { personImportVocabulary } from '../../src-shared/table/personImportVocabulary';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const id = (first17: string) => first17 + idNumberCheckChar(first17);

function setup() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext());
  const tree = new OrgTree(repos.orgNodes);
  tree.ensureRoots('南街街道', '三坊七巷社区');
  const community = tree.tree()[0]!.children[0]!.node;
  const grid1 = tree.addChild(community.id, { name: '第一网格党支部', kind: 'grid' });
  const grid2 = tree.addChild(community.id, { name: '第二网格党支部', kind: 'grid' });
  const b1 = tree.addChild(grid1.id, { name: '1号楼党小组', kind: 'building' });
  const b2 = tree.addChild(grid2.id, { name: '1号楼党小组', kind: 'building' });
  const repo = repos.people as unknown as AnyRepository;
  const transact = (fn: () => void) => doc.transact(fn, ORIGIN.local);
  return { doc, repos, tree, repo, transact, grid1, b1, b2 };
}

describe('header matching', () => {
  it('recognises the common Chinese variants and ignores spaces, asterisks and notes', () => {
    const m = matchHeaders(['姓 名*', '身份证号', '手机号码', '所在支部', '入党时间（必填）', '不认识的列', '公民身份号码'], PERSON_COLUMNS);
    expect(m.mapping).toEqual(['name', 'idNumber', 'phone', 'orgNodeId', 'joinDate', null, null]);
    expect(m.unmatched).toEqual(['不认识的列', '公民身份号码']);
    expect(m.missingRequired).toEqual([]);
    expect(matchHeaders(['身份证号码'], PERSON_COLUMNS).missingRequired).toEqual(['姓名']);
    expect(matchHeaders(['公民身份证号码', '党员姓名'], PERSON_COLUMNS).mapping).toEqual(['idNumber', 'name']);
  });
});

describe('cell normalisation', () => {
  it('reads Excel date serials, Date objects and the text dates clerks type', () => {
    expect(normaliseDate(44378).value).toBe('2021-07-01');
    expect(normaliseDate(new Date(Date.UTC(2021, 6, 1))).value).toBe('2021-07-01');
    for (const t of ['2021年7月1日', '2021/7/1', '2021.07.01', '2021-7-1', '20210701', ' ２０２１－０７－０１ ', '44378']) {
      expect(normaliseDate(t).value).toBe('2021-07-01');
    }
    expect(normaliseDate('2021年7月').value).toBe('2021-07-01');
    expect(normaliseDate('七月一日').problem).toContain('不是有效日期');
  });
  it('cleans ID numbers and phones, and catches numbers Excel already rounded', () => {
    expect(normaliseIdNumber(' １１０１０５１９４９１２３１００２ｘ ').value).toBe('11010519491231002X');
    expect(normaliseIdNumber(110105194912310020).problem).toContain('被Excel存成了数字');
    expect(normaliseIdNumber('1.10105E+17').problem).toContain('科学计数法');
    expect(normalisePhone('138 1234 5678').value).toBe('13812345678');
    expect(normalisePhone('138-1234-5678').value).toBe('13812345678');
    expect(normalisePhone('0591-87654321').value).toBe('0591-87654321');
  });
});

describe('import preview and commit', () => {
  const headers = ['姓名', '公民身份号码', '联系电话', '所在党组织', '入党日期', '转正日期', '民族'];

  it('shows each row\'s problems by cell and counts new, changed and unchanged rows', () => {
    const { repos, tree, repo, b1 } = setup();
    const existing = repos.people.create({ name: '老张', idNumber: id('35010219500101001'), phone: '13800000001', orgNodeId: b1.id, joinDate: '1975-07-01', confirmDate: '1976-07-01', ethnicity: '汉族' });
    const unchanged = repos.people.create({ name: '老李', idNumber: id('35010219500101002'), ethnicity: '汉族', joinDate: '1976-07-01', confirmDate: '1977-07-01' });
    const rows: unknown[][] = [
      ['老张', existing.idNumber, '13900000009', '第一网格党支部/1号楼党小组', '1975-07-01', '1976-07-01', '汉族'],
      ['老李', unchanged.idNumber, '', '', '1976年7月1日', '1977/7/1', '汉族'],
      ['新人', id('35010219900101003'), '13700000003', '第二网格党支部', 44378, '', '回族'],
      ['', '', '', '', '', '', ''],
      ['错号', '110105194912310021', '12345', '1号楼党小组', '2021-02-30', '', '汉'],
      ['重复', id('35010219900101003'), '', '不存在的支部', '', '', ''],
    ];
    const preview = buildImportPreview({ headers, rows }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 1, error: 2 });
    expect(preview.rows.map((r) => [r.rowNumber, r.status])).toEqual([[2, 'changed'], [3, 'unchanged'], [4, 'new'], [6, 'error'], [7, 'error']]);
    expect(preview.rows[0]!.changedFields).toEqual(['phone']);
    const bad = preview.rows[3]!.problems;
    expect(bad.idNumber).toContain('校验码错误');
    expect(bad.phone).toContain('不是有效电话号码');
    expect(bad.orgNodeId).toContain('名称「1号楼党小组」对应2个组织，请写完整路径');
    expect(bad.joinDate).toContain('「入党日期」不是有效日期');
    const dup = preview.rows[4]!.problems;
    expect(dup.idNumber).toBe('「公民身份号码」与第4行重复：同一人只能占一行');
    expect(dup.orgNodeId).toContain('找不到党组织「不存在的支部」');
  });

  it('matches a 15-digit legacy ID with the stored 18-digit one: a file imported twice is unchanged, not a duplicate of itself', () => {
    const { repos, tree, repo } = setup();
    // 350102 50 01 01 123: born 1950-01-01; stored as its 18-digit form.
    const legacy = '350102500101123';
    const stored = repos.people.create({ name: '林美玲', idNumber: legacy, ethnicity: '汉族' } as never);
    expect(stored.idNumber).toBe(id('35010219500101123'));
    const preview = buildImportPreview({ headers, rows: [['林美玲', legacy, '', '', '', '', '汉族']] }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    expect(preview.rows.map((r) => [r.status, r.matchId])).toEqual([['unchanged', stored.id]]);
    expect(normaliseIdNumber(legacy).value).toBe(stored.idNumber);
  });

  it('writes the problem report with date cells as dates, not Excel serial numbers', async () => {
    const { errorReportSheet } = await import('../../src-shared/table/reports');
    const { tree, repo } = setup();
    const rows: unknown[][] = [['错号', 'bad', '', '', 45911, 41841, '汉族']];
    const source = { headers, rows };
    const preview = buildImportPreview(source, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    const sheet = errorReportSheet(source, preview, PERSON_COLUMNS);
    const at = (header: string) => sheet.rows[0]![sheet.headers.indexOf(header)];
    expect([at('入党日期'), at('转正日期')]).toEqual(['2025-09-11', '2014-07-21']);
  });

  it('commits everything or nothing; valid rows only when the clerk chooses that', () => {
    const { repos, tree, repo, transact, doc } = setup();
    const rows: unknown[][] = [
      ['甲', id('35010219900101011'), '', '', '', '', ''],
      ['乙', 'bad', '', '', '', '', ''],
      ['丙', id('35010219900101012'), '', '第一网格党支部', '', '', ''],
    ];
    const preview = buildImportPreview({ headers, rows }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    const before = Y.encodeStateVector(doc);
    expect(() => commitImport(repo, transact, preview, { validOnly: false })).toThrow(/有 1 行存在问题（例如第3行：「公民身份号码」应为18位.*未导入任何数据/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(commitImport(repo, transact, preview, { validOnly: true })).toEqual({ created: 2, updated: 0, skipped: 1 });
    expect(updates).toHaveLength(1); // one transaction
    expect(repos.people.list().map((p) => p.name).sort()).toEqual(['丙', '甲']);
  });

  it('refuses to commit a preview that went stale, writing nothing', () => {
    const { repos, tree, repo, transact } = setup();
    const rows: unknown[][] = [['甲', id('35010219900101021'), '', '', '', '', '']];
    const preview = buildImportPreview({ headers, rows }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    repos.people.create({ name: '抢先', idNumber: id('35010219900101021') });
    expect(() => commitImport(repo, transact, preview, { validOnly: true })).toThrow(/预览后已被修改/);
    expect(repos.people.count()).toBe(1);
  });

  it('maps clerks\' words and short org names, lists unknown values once, and skips footer rows', () => {
    const { tree, repo, doc } = setup();
    const settings = new CommunitySettings(doc);
    const hdrs = ['姓名', '公民身份号码', '学历', '民族', '所在党组织'];
    const rows: unknown[][] = [
      ['甲', id('35010219900101051'), '大专', '汉', '第一网格'],
      ['乙', id('35010219900101061'), '中技校', '汉族', '第一网格党支部'],
      ['丙', id('35010219900101071'), '中技校', '回', '第九网格'],
      ['制表人：王小红', '', '审核人：林书记', '', ''],
    ];
    const build = () => buildImportPreview({ headers: hdrs, rows }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(hdrs, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree), vocabulary: personImportVocabulary(settings, tree) });
    const first = build();
    expect(first.skipped).toEqual([{ rowNumber: 5, text: '制表人:王小红 审核人:林书记' }]);
    expect(first.rows[0]!.status).toBe('new');
    expect(first.rows[0]!.values).toMatchObject({ education: '大学专科', ethnicity: '汉族' });
    expect(first.rows[0]!.translated).toEqual({ education: '大专', ethnicity: '汉', orgNodeId: '第一网格' });
    expect(first.unknown.map((u) => [u.field, u.written, u.rowNumbers])).toEqual([['education', '中技校', [3, 4]], ['orgNodeId', '第九网格', [4]]]);
    settings.learnSynonym('education', '中技校', '高中/中技');
    const second = build();
    expect(second.rows[1]!.status).toBe('new');
    expect(second.rows[1]!.values.education).toBe('高中/中技');
    expect(second.unknown.map((u) => u.written)).toEqual(['第九网格']);
  });

  it('re-imports a full export unchanged', () => {
    const { repos, tree, repo, b1, b2 } = setup();
    repos.people.create({ name: '甲', roles: ['党员', '志愿者'], idNumber: id('35010219800101031'), orgNodeId: b1.id, tags: ['老党员', '退休'], joinDate: '2000-07-01', confirmDate: '2001-07-01', phone: '0591-87654321' });
    repos.people.create({ name: '乙', roles: ['在职党员'], employer: '福州市某局', idNumber: id('35010219800101042'), orgNodeId: b2.id });
    const records = repos.people.list() as unknown as Record<string, unknown>[];
    const table = formatRows(records, PERSON_COLUMNS, { mask: false, orgNodeName: (nodeId) => orgNodePath(tree, nodeId) });
    const hdrs = PERSON_COLUMNS.map((c) => c.header);
    const preview = buildImportPreview({ headers: hdrs, rows: table }, { repo, columns: PERSON_COLUMNS, mapping: matchHeaders(hdrs, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(tree) });
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
    const masked = formatRows(records, PERSON_COLUMNS, { mask: true, orgNodeName: (nodeId) => orgNodePath(tree, nodeId) });
    expect(masked[0]!.join(',')).toContain('350102********');
    expect(masked[0]!.join(',')).toContain('0591-****4321');
  });
});
