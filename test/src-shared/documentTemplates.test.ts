import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checkTemplateText, feedbackLetterValues, fillDocumentTemplate, gradesPublicityValues, meetingNoticeValues, meetingsReportValues, pointsPublicityValues, responsibilityValues,
  TEMPLATE_KEYS, TEMPLATES, whistleNoticeValues,
} from '../../src-shared/records/document/documentTemplates';
import { finalizeProblems, officialContentOf, printProblems } from '../../src-shared/records/document/documentRules';
import { yearSummary } from '../../src-shared/records/meeting/meetingCalendar';
import { yearCalendar } from '../../src-shared/records/meeting/meetingRules';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';

const letterhead = { issuer: '中共三坊七巷社区委员会', issuerCode: '三坊七巷社党', year: 2026, number: 0, signer: '', attachments: [], signature: '中共三坊七巷社区委员会', date: '2026-11-27', note: '', copyTo: '', printedBy: '', printedOn: '' };
const asDocument = (key: (typeof TEMPLATE_KEYS)[number], values: Record<string, string>) => {
  const filled = fillDocumentTemplate(key, TEMPLATES[key].text, values);
  return { filled, content: officialContentOf({ ...letterhead, docType: filled.docType, title: filled.title, recipients: filled.recipients, body: filled.body }) };
};
const context = { communityName: '三坊七巷社区', phone: '0591-87654321', until: '2026-12-04' };

describe('official-document templates filled from the records', () => {
  it('every default template names only fields its records give', () => {
    for (const key of TEMPLATE_KEYS) expect(() => checkTemplateText(key, TEMPLATES[key].text)).not.toThrow();
  });

  it('a 会议通知 from a meeting: time, place, agenda one item a line, the 应到 list and its count; ready to print', () => {
    const values = meetingNoticeValues({ title: '11月支部党员大会', meetingType: '支部党员大会', orgName: '第一网格党支部', date: '2026-11-30', startTime: '14:30', place: '党群服务中心', host: '艾一', agenda: ['学习文件', '讨论发展党员'], expected: ['艾一', '白二', '陈三'] }, '三坊七巷社区');
    const { filled, content } = asDocument('会议通知', values);
    expect(filled.missing).toEqual([]);
    expect(filled.title).toBe('关于召开11月支部党员大会的通知');
    expect(filled.recipients).toBe('第一网格党支部全体党员');
    expect(filled.body).toContain('定于2026年11月30日 14:30在党群服务中心召开11月支部党员大会');
    expect(filled.body).toContain('\n1.学习文件\n2.讨论发展党员\n');
    expect(filled.body).toContain('艾一、白二、陈三，共3人。');
    expect(printProblems(content)).toEqual([]);
    expect(finalizeProblems(content, [], { id: 'x', issuerCode: '三坊七巷社党', year: 2026, number: 1 })).toEqual([]);
  });

  it('a field the record has no value for is listed and stops printing, never printed as written', () => {
    const values = meetingNoticeValues({ title: '支委会', meetingType: '支部委员会', orgName: '第一网格党支部', date: '2026-11-30', startTime: '', place: '', host: '', agenda: [], expected: [] }, '三坊七巷社区');
    const { filled, content } = asDocument('会议通知', values);
    expect(filled.missing).toEqual(['会议.地点', '会议.议程', '会议.应到名单', '会议.应到人数', '会议.主持人']);
    expect(filled.body).toContain('{会议.地点}');
    expect(printProblems(content).map((p) => p.label)).toContain('{会议.地点}');
  });

  it('公示 of points, of 民主评议 grades and of 责任区; a 反馈函 to an employer; a 吹哨 notice; a 三会一课 report', () => {
    const points = asDocument('积分公示', pointsPublicityValues('2026-11', [{ name: '张三', hours: 6, points: 12 }, { name: '李四', hours: 2.5, points: 5 }], context));
    expect(points.filled.title).toBe('三坊七巷社区2026年11月志愿服务积分公示');
    expect(points.filled.body).toContain('1.张三，服务6小时，积分12分\n2.李四，服务2.5小时，积分5分');
    expect(points.filled.body).toContain('公示期至2026年12月4日');
    expect(points.filled.missing).toEqual([]);

    const grades = asDocument('民主评议公示', gradesPublicityValues('2026', [{ name: '艾一', grade: '优秀' }, { name: '白二', grade: '合格' }, { name: '陈三', grade: '合格' }, { name: '丁四', grade: '' }], context));
    expect(grades.filled.body).toContain('共有3名党员参加评议');
    expect(grades.filled.body).toContain('评为优秀的党员：艾一。');
    expect(grades.filled.body).toContain('评为合格的党员：白二、陈三。');
    expect(grades.filled.body).toContain('评为不合格的党员：无。');

    const areas = asDocument('责任区公示', responsibilityValues([{ name: '艾一', area: '3号楼1-2单元', commitment: '每周巡查楼道' }, { name: '白二', area: '', commitment: '' }], context));
    expect(areas.filled.body).toContain('对1名党员的责任区划分如下');
    expect(areas.filled.body).toContain('1.艾一：3号楼1-2单元；承诺：每周巡查楼道');

    const letter = asDocument('反馈函', feedbackLetterValues({ employer: '福州市税务局', employerPartyOrg: '福州市税务局机关党委', periodLabel: '2026年下半年' }, [
      { name: '周六', reported: true, hours: 8, activities: 3, claims: [{ kind: '微心愿', title: '为独居老人修灯', done: true }] },
      { name: '吴七', reported: false, hours: 0, activities: 0, claims: [] },
    ], '三坊七巷社区'));
    expect(letter.filled.docType).toBe('函');
    expect(letter.filled.recipients).toBe('福州市税务局机关党委');
    expect(letter.filled.body).toContain('1.周六：已报到，参加服务3次，共8小时；认领微心愿“为独居老人修灯”（已完成）。');
    expect(letter.filled.body).toContain('2.吴七：未报到，参加服务0次，共0小时；未认领事项。');

    const whistle = asDocument('吹哨通知', whistleNoticeValues({ title: '雨污管道堵塞', place: '南后街12号', description: '化粪池外溢，影响居民出行。', deadline: '2026-12-01', urgency: '紧急', units: ['市政公司', '自来水公司'] }, '三坊七巷社区'));
    expect(whistle.filled.recipients).toBe('市政公司、自来水公司');
    expect(whistle.filled.body).toContain('于2026年12月1日前办结');
    expect(whistle.filled.body).toContain('南后街12号雨污管道堵塞（紧急）');
    // A title that already names the place is not prefixed with it again.
    const named = asDocument('吹哨通知', whistleNoticeValues({ title: '南营小区二期下水道堵塞', place: '南营小区二期', description: '', deadline: '', urgency: '一般', units: ['市政公司'] }, '三坊七巷社区'));
    expect(named.filled.body).toContain('南营小区二期下水道堵塞（一般）');
    expect(named.filled.body).not.toContain('南营小区二期南营小区二期');

    const meetings = [
      { id: 'a', meetingType: '支部党员大会' as const, date: '2026-03-10', status: '已定稿', orgNodeId: 'n' },
      { id: 'b', meetingType: '党课' as const, date: '2026-06-10', status: '已定稿', orgNodeId: 'n' },
      { id: 'c', meetingType: '支部党员大会' as const, date: '2026-06-20', status: '草稿', orgNodeId: 'n' },
    ];
    const months = yearCalendar(meetings, 'n', 2026, ['支部党员大会', '党课'], '2026-07-15', () => 'quarterly');
    const summary = yearSummary(months, ['支部党员大会', '党课'], () => 'quarterly');
    expect(summary.types).toEqual([{ type: '支部党员大会', required: '每季度一次，应开4次', held: 1 }, { type: '党课', required: '每季度一次，应开4次', held: 1 }]);
    expect(summary.missing).toEqual(['3月党课', '6月支部党员大会']);
    const report = asDocument('三会一课报告', meetingsReportValues({ year: 2026, orgName: '第一网格党支部', ...summary, rate: 92.5 }, '三坊七巷社区'));
    expect(report.filled.docType).toBe('报告');
    expect(report.filled.body).toContain('（一）支部党员大会：每季度一次，应开4次，全年召开1次。');
    expect(report.filled.body).toContain('全年党员参会出勤率92.5%。');
    expect(report.filled.body).toContain('3月党课、6月支部党员大会未按期召开');
  });

  it('a community edits its templates (a field no record gives is refused); two PCs editing different templates both keep theirs', () => {
    const base = new Y.Doc();
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    for (const d of [a, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
    const sa = new CommunitySettings(a);
    const sb = new CommunitySettings(b);
    expect(() => sa.setDocumentTemplate('会议通知', { title: '通知', recipients: '', body: '定于{会议.日期}开会' })).toThrow('没有名为 {会议.日期} 的字段');
    expect(sa.documentTemplate('会议通知')).toEqual(TEMPLATES.会议通知.text);
    sa.setDocumentTemplate('会议通知', { title: '{会议.名称}通知', recipients: '{会议.组织}', body: '定于{会议.时间}开会。' });
    sb.setDocumentTemplate('积分公示', { title: '积分公示', recipients: '', body: '{公示.名单}' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const s of [sa, sb]) {
      expect(s.documentTemplate('会议通知').body).toBe('定于{会议.时间}开会。');
      expect(s.documentTemplate('积分公示').body).toBe('{公示.名单}');
    }
    sa.setDocumentTemplate('会议通知', null);
    expect(sa.documentTemplate('会议通知')).toEqual(TEMPLATES.会议通知.text);
  });
});
