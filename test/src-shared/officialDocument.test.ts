import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNumberClashes, docNumberText, fillTemplate, finalizeProblems, nextDocNumber } from '../../src-shared/records/document/documentRules';
import type { OfficialContent } from '../../src-shared/print/officialLayout';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const content = (over: Partial<OfficialContent> = {}): OfficialContent => ({
  docType: '通知', issuer: '中共三坊七巷社区委员会文件', docNumber: '', signer: '', title: '关于召开组织生活会的通知', recipients: '各网格党支部', body: '定于12月5日召开组织生活会。',
  attachments: [], signature: '中共三坊七巷社区委员会', date: '2026-11-24', note: '', copyTo: '', printedBy: '', printedOn: '', ...over,
});

describe('公文 numbers, finalizing and templates', () => {
  it('gives each issuer one run of numbers a year, and after a merge offers the later of two equal numbers the next free one', () => {
    const docs = [
      { id: 'a', issuerCode: '社区党委', year: 2026, number: 4, status: '已定稿', createdAt: 1 },
      { id: 'b', issuerCode: '社区党委', year: 2026, number: 5, status: '已定稿', createdAt: 2 },
      { id: 'c', issuerCode: '社区居委', year: 2026, number: 9, status: '已定稿', createdAt: 3 },
    ];
    expect(nextDocNumber(docs, '社区党委', 2026)).toBe(6);
    expect(nextDocNumber(docs, '社区党委', 2027)).toBe(1);
    expect(docNumberText('社区党委', 2026, 5)).toBe('社区党委〔2026〕5号');
    // Two PCs finalized offline and both took 5: the later is offered 6.
    expect(docNumberClashes([...docs, { id: 'd', issuerCode: '社区党委', year: 2026, number: 5, status: '已定稿', createdAt: 9 }])).toEqual([{ id: 'd', from: 5, to: 6 }]);
  });

  it('refuses to finalize a 通知 without 主送, a used 文号, a nameless attachment, a 公示 over one page, a field left unfilled', () => {
    const docs = [{ id: 'a', issuerCode: '社区党委', year: 2026, number: 5, status: '已定稿', createdAt: 1 }];
    const self = { id: 'x', issuerCode: '社区党委', year: 2026, number: 0 };
    expect(finalizeProblems(content(), docs, self)).toEqual([]);
    const messages = (c: OfficialContent, s = self) => finalizeProblems(c, docs, s).map((p) => `${p.label}:${p.message}`);
    expect(messages(content({ recipients: '' }))).toEqual(['主送机关:通知须写明主送机关，例如“各网格党支部”']);
    expect(messages(content(), { ...self, number: 5 })).toEqual(['文号:社区党委〔2026〕5号已被使用；请改用 社区党委〔2026〕6号']);
    expect(messages(content({ attachments: [{ name: '', text: '' }] }))).toEqual(['附件1:附件名称不能为空：请写明附件名称，或删去这一附件']);
    expect(messages(content({ docType: '请示' }))).toEqual(['签发人:请示须写明签发人（上行文）']);
    expect(messages(content({ docType: '公示', body: '公示名单如下。'.repeat(200) }))[0]).toMatch(/^正文:公示须在一页内，现有 \d 页/);
    expect(messages(content({ body: '会议时间：{会议.时间}。' }))).toEqual(['{会议.时间}:这一项在记录中没有值，打印前请改为实际内容']);
  });

  it('fills a template from the record and lists the fields that have no value', () => {
    expect(fillTemplate('定于{会议.时间}在{会议.地点}召开{会议.类型}。', { '会议.时间': '2026年12月5日15:00', '会议.类型': '组织生活会', '会议.地点': '' })).toEqual({
      text: '定于2026年12月5日15:00在{会议.地点}召开组织生活会。',
      missing: ['会议.地点'],
    });
  });

  it('keeps a document as a record: drafts edited on two PCs merge their body text', () => {
    const base = new Y.Doc();
    const repos = createRepositories(base, fixedContext());
    const d = repos.officialDocuments.create({ docType: '通知', issuer: '中共三坊七巷社区委员会文件', issuerCode: '社区党委', year: 2026, title: '关于召开组织生活会的通知', body: '第一段。' });
    const [a, b] = [0, 1].map((i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return { doc, repos: createRepositories(doc, fixedContext({ device: `pc${i}` })) };
    }) as [{ doc: Y.Doc; repos: typeof repos }, { doc: Y.Doc; repos: typeof repos }];
    a.repos.officialDocuments.update(d.id, { body: '第一段。\n甲补充。' });
    b.repos.officialDocuments.update(d.id, { body: '乙补充。\n第一段。' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const merged = a.repos.officialDocuments.get(d.id)!.body;
    expect(merged).toBe(b.repos.officialDocuments.get(d.id)!.body);
    expect(merged).toContain('甲补充。');
    expect(merged).toContain('乙补充。');
    expect(() => repos.officialDocuments.create({ docType: '公告' as never, issuer: 'x', issuerCode: 'y', year: 2026, title: 't' })).toThrow('文种只能是通知、函、公示、报告、请示或纪要');
  });

  it('two PCs finalizing offline both take 1号: after the merge both documents are kept, the later is offered 2号, and a revision on one PC and an edit on the other both stay', () => {
    const base = new Y.Doc();
    const repos = createRepositories(base, fixedContext());
    const shared = repos.officialDocuments.create({ docType: '通知', issuer: '中共三坊七巷社区委员会', issuerCode: '三坊七巷社党', year: 2026, title: '共同的通知', body: '正文。' });
    const [a, b] = [0, 1].map((i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return { doc, repos: createRepositories(doc, fixedContext({ device: `pc${i}` }, Date.UTC(2026, 10, 27, 8 + i))) };
    }) as [{ doc: Y.Doc; repos: typeof repos }, { doc: Y.Doc; repos: typeof repos }];
    const fields = { docType: '通知' as const, issuer: '中共三坊七巷社区委员会', issuerCode: '三坊七巷社党', year: 2026, recipients: '各网格党支部', body: '正文。', date: '2026-11-27' };
    const numbered = (r: typeof repos) => r.officialDocuments.list().map((d) => ({ id: d.id, issuerCode: d.issuerCode, year: d.year, number: d.number, status: d.status, createdAt: d.meta.createdAt }));
    const first = a.repos.officialDocuments.create({ ...fields, title: '甲电脑的通知' });
    a.repos.officialDocuments.update(first.id, { status: '已定稿', number: nextDocNumber(numbered(a.repos), '三坊七巷社党', 2026), version: 1 });
    const second = b.repos.officialDocuments.create({ ...fields, title: '乙电脑的通知' });
    b.repos.officialDocuments.update(second.id, { status: '已定稿', number: nextDocNumber(numbered(b.repos), '三坊七巷社党', 2026), version: 1 });
    a.repos.officialDocuments.update(shared.id, { status: '已定稿', number: 5, version: 1 });
    b.repos.officialDocuments.update(shared.id, { title: '共同的通知（修改标题）' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const side of [a, b]) {
      expect(side.repos.officialDocuments.list().map((d) => d.title).sort()).toEqual(['乙电脑的通知', '共同的通知（修改标题）', '甲电脑的通知']);
      expect(docNumberClashes(numbered(side.repos))).toEqual([{ id: second.id, from: 1, to: 6 }]);
      const merged = side.repos.officialDocuments.get(shared.id)!;
      expect([merged.status, merged.number, merged.title]).toEqual(['已定稿', 5, '共同的通知（修改标题）']);
    }
  });
});
