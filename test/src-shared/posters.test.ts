import { describe, expect, it } from 'vitest';
import { pageSizeMm } from '../../src-shared/print/printDocument';
import { inServiceReportNotice, memberResponsibilityPoster } from '../../src-shared/print/posters';

const context = { communityName: '三坊七巷社区', supervisionPhone: '0591-87000000', paper: 'A3' as const, orientation: 'landscape' as const, printedOn: '2026年11月23日' };

describe('posters', () => {
  it('lists every member with a masked phone and the supervision phone', () => {
    const doc = memberResponsibilityPoster('3号楼党小组', [
      { name: '张三', post: '政策宣传岗', responsibilityArea: '3号楼1单元', commitment: '每月走访', phone: '13812345678' },
      { name: '李四', post: '', responsibilityArea: '', commitment: '', phone: '' },
    ], context);
    expect(doc.subtitle).toBe('三坊七巷社区 · 3号楼党小组');
    expect(doc.sections[0]!.table!.rows).toEqual([
      ['张三', '政策宣传岗', '3号楼1单元', '每月走访', '138****5678'],
      ['李四', '—', '—', '—', '—'],
    ]);
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect(doc.footer).toContain('监督电话：0591-87000000');
  });
  it('builds the in-service report notice', () => {
    const doc = inServiceReportNotice([{ name: '王五', employer: '市某局', claimedPost: '文明劝导岗', serviceTeam: '法律援助', reportDate: '2026-03-01', phone: '13900001111' }], context);
    expect(doc.sections[0]!.table!.rows[0]).toEqual(['1', '王五', '市某局', '文明劝导岗', '法律援助', '2026-03-01', '139****1111']);
  });
  it('refuses a public poster without the supervision phone instead of printing a placeholder', () => {
    const members = [{ name: '张三', post: '', responsibilityArea: '', commitment: '', phone: '' }];
    expect(() => memberResponsibilityPoster('3号楼党小组', members, { ...context, supervisionPhone: ' ' })).toThrow(/请先在「设置」→「公示牌监督电话」中填写/);
    expect(() => inServiceReportNotice([], { ...context, supervisionPhone: '' })).toThrow(/监督电话/);
  });
  it('turns paper and orientation into page millimetres', () => {
    expect(pageSizeMm('A4', 'portrait')).toEqual({ width: 210, height: 297 });
    expect(pageSizeMm('A3', 'landscape')).toEqual({ width: 420, height: 297 });
  });
});
