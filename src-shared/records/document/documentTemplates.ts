import { ValidationError } from '../../errors';
import type { DocumentType } from '../../print/officialLayout';
import { longDate } from '../../print/printDocument';
import { fillTemplate } from './documentRules';

/**
 * The notices other records need, as templates of text with fields ({会议.时间}) filled from a record: each template
 * is editable by the community (kept in its settings), a field without a value is listed, never printed as written.
 */
export const TEMPLATE_KEYS = ['会议通知', '积分公示', '民主评议公示', '责任区公示', '反馈函', '吹哨通知', '三会一课报告'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface TemplateText {
  title: string;
  recipients: string;
  body: string;
}

export interface TemplateDefinition {
  key: TemplateKey;
  docType: DocumentType;
  /** What the clerk picks to fill it (shown in the dialog). */
  source: string;
  /** The fields a record gives, with what each holds (shown beside the editor). */
  fields: Readonly<Record<string, string>>;
  text: TemplateText;
}

const MEETING_FIELDS = {
  '会议.名称': '会议名称', '会议.类型': '会议类型（支部党员大会…）', '会议.组织': '召开会议的党组织', '会议.时间': '日期和开始时间', '会议.地点': '会议地点',
  '会议.主持人': '主持人', '会议.议程': '议程，每项一行', '会议.应到名单': '应到人员姓名', '会议.应到人数': '应到人数', '社区': '社区名称',
};

export const TEMPLATES: Record<TemplateKey, TemplateDefinition> = {
  会议通知: {
    key: '会议通知', docType: '通知', source: '一次会议', fields: MEETING_FIELDS,
    text: {
      title: '关于召开{会议.名称}的通知',
      recipients: '{会议.组织}全体党员',
      body: [
        '经研究，定于{会议.时间}在{会议.地点}召开{会议.名称}。现将有关事项通知如下：',
        '一、会议议程', '{会议.议程}',
        '二、参会人员', '{会议.应到名单}，共{会议.应到人数}人。',
        '三、有关要求', '请参会人员准时参加，不得无故缺席。因故不能参加的，请于会前向{会议.主持人}请假。',
      ].join('\n'),
    },
  },
  积分公示: {
    key: '积分公示', docType: '公示', source: '一个月份',
    fields: { '公示.月份': '月份（2026年11月）', '公示.名单': '姓名、服务时长和积分，每人一行', '公示.人数': '人数', '公示.截止日期': '公示截止日期', '监督电话': '设置中的监督电话', '社区': '社区名称' },
    text: {
      title: '{社区}{公示.月份}志愿服务积分公示',
      recipients: '',
      body: [
        '根据志愿服务积分管理办法，现将{公示.月份}{公示.人数}名志愿者的服务时长和所得积分公示如下：',
        '{公示.名单}',
        '公示期至{公示.截止日期}。如有异议，请在公示期内向社区党委反映。监督电话：{监督电话}。',
      ].join('\n'),
    },
  },
  民主评议公示: {
    key: '民主评议公示', docType: '公示', source: '一个年度',
    fields: { '评议.年度': '年度', '评议.优秀': '评为优秀的党员', '评议.合格': '评为合格的党员', '评议.基本合格': '评为基本合格的党员', '评议.不合格': '评为不合格的党员', '评议.人数': '参评人数', '公示.截止日期': '公示截止日期', '监督电话': '设置中的监督电话', '社区': '社区名称' },
    text: {
      title: '关于{评议.年度}年度民主评议党员结果的公示',
      recipients: '',
      body: [
        '根据民主评议党员工作安排，经个人自评、党员互评和民主测评，{评议.年度}年度共有{评议.人数}名党员参加评议，现将结果公示如下：',
        '评为优秀的党员：{评议.优秀}。',
        '评为合格的党员：{评议.合格}。',
        '评为基本合格的党员：{评议.基本合格}。',
        '评为不合格的党员：{评议.不合格}。',
        '公示期至{公示.截止日期}。如有异议，请向社区党委反映。监督电话：{监督电话}。',
      ].join('\n'),
    },
  },
  责任区公示: {
    key: '责任区公示', docType: '公示', source: '名册中的党员责任区',
    fields: { '责任区.名单': '姓名、责任区和承诺事项，每人一行', '责任区.人数': '人数', '公示.截止日期': '公示截止日期', '监督电话': '设置中的监督电话', '社区': '社区名称' },
    text: {
      title: '{社区}党员责任区划分公示',
      recipients: '',
      body: [
        '为发挥党员先锋模范作用，经社区党委研究，对{责任区.人数}名党员的责任区划分如下，接受群众监督：',
        '{责任区.名单}',
        '公示期至{公示.截止日期}。欢迎居民群众监督，监督电话：{监督电话}。',
      ].join('\n'),
    },
  },
  反馈函: {
    key: '反馈函', docType: '函', source: '一家单位和半年度',
    fields: { '单位.名称': '在职党员的工作单位', '单位.党组织': '单位党组织（主送）', '反馈.期间': '半年度（2026年上半年）', '反馈.人数': '在职党员人数', '反馈.情况': '每人的报到、服务次数、时长和认领事项，每人一行', '社区': '社区名称' },
    text: {
      title: '关于{单位.名称}在职党员{反馈.期间}到社区报到服务情况的函',
      recipients: '{单位.党组织}',
      body: [
        '根据在职党员到社区报到为群众服务的有关要求，现将贵单位{反馈.人数}名在职党员{反馈.期间}在{社区}报到服务情况函告如下：',
        '{反馈.情况}',
        '请贵单位将以上情况作为党员民主评议、评先评优的参考。',
        '特此函告。',
      ].join('\n'),
    },
  },
  吹哨通知: {
    key: '吹哨通知', docType: '通知', source: '一件吹哨事项',
    fields: { '吹哨.事项': '事项名称', '吹哨.地点': '地点', '吹哨.地点和事项': '地点和事项（事项已写明地点时只写事项）', '吹哨.情况': '情况说明', '吹哨.期限': '办结期限', '吹哨.单位': '报到单位', '吹哨.紧急程度': '一般、紧急或特急', '社区': '社区名称' },
    text: {
      title: '关于{吹哨.事项}的吹哨报到通知',
      recipients: '{吹哨.单位}',
      body: [
        '{吹哨.地点和事项}（{吹哨.紧急程度}），需要驻区单位协同处置。有关情况如下：',
        '{吹哨.情况}',
        '请接到通知后及时到社区报到，明确责任人，于{吹哨.期限}前办结，并将办理情况反馈社区党委。',
      ].join('\n'),
    },
  },
  三会一课报告: {
    key: '三会一课报告', docType: '报告', source: '一个党组织和年度',
    fields: { '报告.年度': '年度', '报告.组织': '党组织', '报告.情况': '每种会议应开、已开次数，每种一行', '报告.出勤率': '全年党员出勤率', '报告.缺项': '未按期召开的会议', '社区': '社区名称' },
    text: {
      title: '关于{报告.组织}{报告.年度}年“三会一课”开展情况的报告',
      recipients: '街道党工委',
      body: [
        '现将{报告.组织}{报告.年度}年落实“三会一课”制度情况报告如下：',
        '一、开展情况', '{报告.情况}', '全年党员参会出勤率{报告.出勤率}。',
        '二、存在不足', '{报告.缺项}',
        '三、下一步打算', '严格落实“三会一课”制度，按期召开会议，提高党员参会率和组织生活质量。',
        '特此报告。',
      ].join('\n'),
    },
  },
};

/** A community's own text of a template, else the default; fields the clerk may use are the template's. */
export function templateText(key: TemplateKey, overrides: Readonly<Record<string, unknown>>): TemplateText {
  const own = overrides[key] as Partial<TemplateText> | undefined;
  const base = TEMPLATES[key].text;
  return { title: own?.title ?? base.title, recipients: own?.recipients ?? base.recipients, body: own?.body ?? base.body };
}

/** A template's edited text, refused in Chinese when it names a field no record gives (a typo would never fill). */
export function checkTemplateText(key: TemplateKey, text: TemplateText): TemplateText {
  const known = TEMPLATES[key].fields;
  const unknown = [...`${text.title}\n${text.recipients}\n${text.body}`.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.trim()).filter((f) => !(f in known));
  if (unknown.length > 0) {
    throw new ValidationError([{ field: 'body', label: `模板「${key}」`, message: `没有名为 {${unknown[0]}} 的字段；可用的字段：${Object.keys(known).map((f) => `{${f}}`).join('、')}` }]);
  }
  if (!text.title.trim()) throw new ValidationError([{ field: 'title', label: `模板「${key}」`, message: '标题不能为空' }]);
  return { title: text.title.trim(), recipients: text.recipients.trim(), body: text.body.trim() };
}

export interface FilledTemplate extends TemplateText {
  docType: DocumentType;
  /** Fields with no value in the record: listed for the clerk, left as {字段} in the text so printing refuses. */
  missing: string[];
}

export function fillDocumentTemplate(key: TemplateKey, text: TemplateText, values: Readonly<Record<string, string>>): FilledTemplate {
  const parts = [text.title, text.recipients, text.body].map((t) => fillTemplate(t, values));
  return { docType: TEMPLATES[key].docType, title: parts[0]!.text, recipients: parts[1]!.text, body: parts[2]!.text, missing: [...new Set(parts.flatMap((p) => p.missing))] };
}

// ——— Field values from the records ———

const CN_NUMBERS = '一二三四五六七八九十';
const numbered = (lines: readonly string[]) => lines.map((l, i) => `${i + 1}.${l}`).join('\n');
const names = (list: readonly string[]) => list.join('、');
const hours = (n: number) => String(Math.round(n * 10) / 10);

export interface MeetingForNotice {
  title: string;
  meetingType: string;
  orgName: string;
  date: string;
  startTime: string;
  place: string;
  host: string;
  agenda: readonly string[];
  expected: readonly string[];
}

export function meetingNoticeValues(m: MeetingForNotice, communityName: string): Record<string, string> {
  return {
    '会议.名称': m.title, '会议.类型': m.meetingType, '会议.组织': m.orgName, '会议.时间': `${longDate(m.date)}${m.startTime ? ` ${m.startTime}` : ''}`,
    '会议.地点': m.place, '会议.主持人': m.host, '会议.议程': numbered(m.agenda), '会议.应到名单': names(m.expected),
    '会议.应到人数': m.expected.length ? String(m.expected.length) : '', 社区: communityName,
  };
}

export function pointsPublicityValues(month: string, rows: readonly { name: string; hours: number; points: number }[], context: { communityName: string; phone: string; until: string }): Record<string, string> {
  return {
    '公示.月份': month.replace(/^(\d+)-0?(\d+)$/, '$1年$2月'), '公示.名单': numbered(rows.map((r) => `${r.name}，服务${hours(r.hours)}小时，积分${r.points}分`)),
    '公示.人数': rows.length ? String(rows.length) : '', '公示.截止日期': longDate(context.until), 监督电话: context.phone, 社区: context.communityName,
  };
}

export function gradesPublicityValues(year: string, rows: readonly { name: string; grade: string }[], context: { communityName: string; phone: string; until: string }): Record<string, string> {
  const of = (grade: string) => names(rows.filter((r) => r.grade === grade).map((r) => r.name)) || '无';
  const graded = rows.filter((r) => r.grade);
  return {
    '评议.年度': year, '评议.优秀': of('优秀'), '评议.合格': of('合格'), '评议.基本合格': of('基本合格'), '评议.不合格': of('不合格'),
    '评议.人数': graded.length ? String(graded.length) : '', '公示.截止日期': longDate(context.until), 监督电话: context.phone, 社区: context.communityName,
  };
}

export function responsibilityValues(rows: readonly { name: string; area: string; commitment: string }[], context: { communityName: string; phone: string; until: string }): Record<string, string> {
  const assigned = rows.filter((r) => r.area.trim());
  return {
    '责任区.名单': numbered(assigned.map((r) => `${r.name}：${r.area}${r.commitment ? `；承诺：${r.commitment}` : ''}`)), '责任区.人数': assigned.length ? String(assigned.length) : '',
    '公示.截止日期': longDate(context.until), 监督电话: context.phone, 社区: context.communityName,
  };
}

export interface MemberForLetter {
  name: string;
  reported: boolean;
  hours: number;
  activities: number;
  claims: readonly { kind: string; title: string; done: boolean }[];
}

export function feedbackLetterValues(letter: { employer: string; employerPartyOrg: string; periodLabel: string }, members: readonly MemberForLetter[], communityName: string): Record<string, string> {
  const line = (m: MemberForLetter) =>
    `${m.name}：${m.reported ? '已报到' : '未报到'}，参加服务${m.activities}次，共${hours(m.hours)}小时${m.claims.length ? `；认领${m.claims.map((c) => `${c.kind}“${c.title}”（${c.done ? '已完成' : '进行中'}）`).join('、')}` : '；未认领事项'}。`;
  return {
    '单位.名称': letter.employer, '单位.党组织': letter.employerPartyOrg, '反馈.期间': letter.periodLabel, '反馈.人数': members.length ? String(members.length) : '',
    '反馈.情况': numbered(members.map(line)), 社区: communityName,
  };
}

export function whistleNoticeValues(w: { title: string; place: string; description: string; deadline: string; urgency: string; units: readonly string[] }, communityName: string): Record<string, string> {
  return {
    // "南营小区二期南营小区二期…" never: a title that already names the place is not prefixed with it again.
    '吹哨.事项': w.title, '吹哨.地点': w.place, '吹哨.地点和事项': !w.place.trim() || w.title.includes(w.place.trim()) ? w.title : `${w.place.trim()}${w.title}`, '吹哨.情况': w.description.trim(), '吹哨.期限': w.deadline ? longDate(w.deadline) : '', '吹哨.单位': names(w.units),
    '吹哨.紧急程度': w.urgency, 社区: communityName,
  };
}

export function meetingsReportValues(r: { year: number; orgName: string; types: readonly { type: string; required: string; held: number }[]; rate: number | null; missing: readonly string[] }, communityName: string): Record<string, string> {
  return {
    '报告.年度': String(r.year), '报告.组织': r.orgName,
    '报告.情况': r.types.map((t, i) => `（${CN_NUMBERS[i] ?? i + 1}）${t.type}：${t.required}，全年召开${t.held}次。`).join('\n'),
    '报告.出勤率': r.rate === null ? '' : `${r.rate}%`, '报告.缺项': r.missing.length ? `${names(r.missing)}未按期召开，已督促补开。` : '全年各类会议均按期召开。', 社区: communityName,
  };
}
