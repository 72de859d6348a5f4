import { UNIT_ITEMS, type CoBuildingSettings } from '../records/coBuilding/coBuildingSettings';
import { unitAssessmentTable, type UnitAssessmentRow } from '../records/coBuilding/unitAssessment';
import { periodLabel } from '../records/period';
import { longDate, type PrintDocument } from './printDocument';

/** 驻区单位共驻共建考核表: every unit's figures and score for a period, with how each item is scored. */
/** Items shown as a share or a time ("100%（3/3）"): they get wider columns than counts. */
const WIDE_ITEMS = new Set<string>(['whistlesAnswered', 'responseTime', 'satisfaction', 'jointMeetings', 'inServiceActive']);

/** A column's share of the landscape page: the unit's name 18, shares and times 38 between them, counts 33, then 报到在职党员 6 and 得分 5. */
function widthOf(index: number, enabled: readonly (typeof UNIT_ITEMS)[number][]): number {
  if (index === 0) return 18;
  const item = enabled[index - 1];
  if (!item) return index === enabled.length + 1 ? 6 : 5;
  const wide = enabled.filter((e) => WIDE_ITEMS.has(e.key)).length;
  return WIDE_ITEMS.has(item.key) ? 38 / wide : 33 / Math.max(1, enabled.length - wide);
}

export function unitAssessmentPrint(communityName: string, period: string, rows: readonly UnitAssessmentRow[], settings: Pick<CoBuildingSettings, 'unitItems'>, printedOn: string): PrintDocument {
  const table = unitAssessmentTable(rows, settings);
  const enabled = UNIT_ITEMS.filter(({ key }) => settings.unitItems[key].enabled);
  // Counts and hours have a standard for full marks; rates and the agreement do not.
  const standard = (item: (typeof UNIT_ITEMS)[number]) => ('unit' in item ? `（满分标准：${settings.unitItems[item.key].standard} ${item.unit}）` : '');
  return {
    fileName: `驻区单位考核-${communityName}-${periodLabel(period)}.pdf`,
    title: '驻区单位共驻共建考核表',
    subtitle: `${communityName} · ${periodLabel(period)}`,
    paper: 'A4',
    orientation: 'landscape',
    sections: [
      // Weights are in 评分办法 below, so the headers stay short enough for a landscape page.
      // Widths by what a column holds (a share in %, a count, a name), so no figure is broken letter by letter.
      { table: { columns: table.headers.map((header, i) => ({ header: header.replace(/（权重\d+(\.\d+)?）$/, ''), width: widthOf(i, enabled) })), rows: table.rows.map((r) => r.map(String)), fontSizePt: 10 } },
      { heading: '评分办法', paragraphs: [...enabled.map((item) => `${item.label}（权重 ${settings.unitItems[item.key].weight}）：${item.how}${standard(item)}。`), '不适用的项目（如考核期内没有吹哨、没有联席会议）不计入，得分按适用项目的权重折算为百分制。'] },
      { signatures: ['审核人（签字）', '社区党组织（盖章）'] },
    ],
    footer: [`${communityName} · 打印于 ${longDate(printedOn)}`],
  };
}
