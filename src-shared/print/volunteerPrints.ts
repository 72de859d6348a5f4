import type { ActivityFacts } from '../records/volunteer/pointsLedger';
import { maskPhone } from '../privacy/mask';
import { boardName as boardNameOf } from '../records/coBuilding/wishRules';
import { longDate, type PrintDocument } from './printDocument';

const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
/** Hours and points print without trailing zeros: 2, 1.5. */
const num = (n: number) => String(Math.round(n * 10) / 10);

/** An activity as its sign-in sheet prints it: the ledger's facts plus who organised it and its category. */
export type ActivityForPrint = Pick<ActivityFacts, 'id' | 'title' | 'date' | 'startTime' | 'endTime' | 'place'> & { organiser: string; category: string };

/**
 * 志愿服务签到表: the people expected (a team, or the chosen rosters) in a stable order, with blank 到达 / 离开 / 签名
 * columns, and blank rows for residents who join on the day; the clerk then enters it in one keyboard pass.
 */
export function serviceSignInSheet(communityName: string, activity: ActivityForPrint, people: readonly { name: string; phone: string }[], blankRows = 10): PrintDocument {
  const rows = [...people.map((p, i) => [String(i + 1), p.name, maskPhone(p.phone), '', '', '']), ...Array.from({ length: blankRows }, (_, i) => [String(people.length + i + 1), '', '', '', '', ''])];
  return {
    fileName: `志愿服务签到表-${activity.title}-${activity.date}.pdf`,
    title: '志愿服务签到表',
    subtitle: `${communityName} · ${activity.title}`,
    qrText: `service:${activity.id}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { paragraphs: [`时间：${longDate(activity.date)}${activity.startTime ? ` ${activity.startTime}—${activity.endTime}` : ''}\u3000地点：${activity.place || '＿＿＿＿＿＿'}`, `组织方：${activity.organiser}${activity.category ? `\u3000服务类别：${activity.category}` : ''}`] },
      { table: { columns: [{ header: '序号', width: 7 }, { header: '姓名', width: 16 }, { header: '联系电话', width: 17 }, { header: '到达时间', width: 15 }, { header: '离开时间', width: 15 }, { header: '签名', width: 30 }], rows } },
    ],
    footer: ['到达、离开时间请如实填写，往返路途时间不计入服务时长。', communityName],
  };
}

export interface PublicityRow {
  name: string;
  phone: string;
  hours: number;
  earned: number;
  redeemed: number;
  balance: number;
}

/** 道德银行积分月度公示: names and masked phones only (never an ID number), the month's hours and points, the balance. */
export function monthlyPublicity(communityName: string, month: string, rows: readonly PublicityRow[], supervisionPhone: string): PrintDocument {
  if (!supervisionPhone.trim()) throw new Error('公示须印监督电话：请先在“设置”中填写监督电话');
  return {
    fileName: `道德银行积分公示-${month}.pdf`,
    title: '道德银行积分公示',
    subtitle: `${communityName} · ${monthText(month)}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{
      table: {
        columns: [{ header: '序号', width: 8 }, { header: '姓名', width: 16 }, { header: '联系电话', width: 18 }, { header: '本月服务时长', width: 15 }, { header: '本月获得积分', width: 15 }, { header: '本月兑换', width: 12 }, { header: '积分余额', width: 16 }],
        // A balance below zero (points reversed after they were spent) is never posted without its note.
        rows: rows.map((r, i) => [String(i + 1), r.name, maskPhone(r.phone), num(r.hours), num(r.earned), num(r.redeemed), r.balance < 0 ? `${num(r.balance)}（注）` : num(r.balance)]),
      },
    }],
    footer: [
      `合计：服务 ${num(rows.reduce((s, r) => s + r.hours, 0))} 小时，获得积分 ${num(rows.reduce((s, r) => s + r.earned, 0))} 分。公示期 7 天，如有异议请联系社区：${supervisionPhone}`,
      ...(rows.some((r) => r.balance < 0) ? ['注：余额为负数，是已兑换后又冲正了错登的积分，将由以后获得的积分抵扣。'] : []),
      communityName,
    ],
  };
}

/** 积分兑换登记表 for a redemption day: each person's balance, and blank columns for the item, points and signature. */
export function redemptionDayList(communityName: string, date: string, rows: readonly { name: string; phone: string; balance: number }[]): PrintDocument {
  return {
    fileName: `积分兑换登记表-${date}.pdf`,
    title: '道德银行积分兑换登记表',
    subtitle: `${communityName} · ${longDate(date)}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{
      table: {
        columns: [{ header: '序号', width: 7 }, { header: '姓名', width: 14 }, { header: '联系电话', width: 16 }, { header: '可用积分', width: 12 }, { header: '兑换物品', width: 21 }, { header: '兑换积分', width: 12 }, { header: '领取人签名', width: 18 }],
        rows: rows.map((r, i) => [String(i + 1), r.name, maskPhone(r.phone), num(r.balance), '', '', '']),
      },
    }, { signatures: ['经手人（签字）'] }],
    footer: ['兑换后积分当场扣减，登记后录入系统。', communityName],
  };
}

/** 年度积分对账单: a person's lines of a year with the balance after each. */
export function yearStatement(communityName: string, name: string, year: string, opening: number, lines: readonly { date: string; kind: string; points: number; balance: number; detail: string }[]): PrintDocument {
  return {
    fileName: `积分对账单-${name}-${year}.pdf`,
    title: '道德银行年度积分对账单',
    subtitle: `${communityName} · ${name} · ${year}年`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { paragraphs: [`上年结余：${num(opening)} 分`] },
      { table: { columns: [{ header: '日期', width: 16 }, { header: '类别', width: 10 }, { header: '摘要', width: 44 }, { header: '积分', width: 14 }, { header: '余额', width: 16 }], rows: lines.map((l) => [l.date, l.kind, l.detail, l.points > 0 ? `+${num(l.points)}` : num(l.points), num(l.balance)]) } },
    ],
    footer: [`年末余额：${num(lines.length ? lines[lines.length - 1]!.balance : opening)} 分`, communityName],
  };
}

export interface CertificateFacts {
  number: string;
  name: string;
  idNumberMasked: string;
  from: string;
  to: string;
  rows: readonly { date: string; title: string; hours: number }[];
  issuedOn: string;
}

/** 志愿服务证明: numbered, the service by activity and the total, the issuing community and a seal area. */
export function serviceCertificate(communityName: string, c: CertificateFacts): PrintDocument {
  const total = c.rows.reduce((s, r) => s + r.hours, 0);
  return {
    fileName: `志愿服务证明-${c.name}-${c.number}.pdf`,
    title: '志愿服务证明',
    subtitle: `编号：${c.number}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { paragraphs: [`兹证明${c.name}${c.idNumberMasked ? `（公民身份号码：${c.idNumberMasked}）` : ''}于${longDate(c.from)}至${longDate(c.to)}在${communityName}参加志愿服务 ${c.rows.length} 次，累计服务时长 ${num(total)} 小时。具体如下：`] },
      { table: { columns: [{ header: '日期', width: 22 }, { header: '服务活动', width: 56 }, { header: '时长（小时）', width: 22 }], rows: [...c.rows.map((r) => [r.date, r.title, num(r.hours)]), ['合计', '', num(total)]] } },
      { paragraphs: ['特此证明。'] },
      { signatures: [`${communityName}（盖章）`] },
    ],
    footer: [longDate(c.issuedOn)],
  };
}

/** 服务队花名册: the team's members with their skills; phones masked. */
export function teamRoster(communityName: string, team: { name: string; service: string; leaderName: string }, members: readonly { name: string; phone: string; skills: string }[]): PrintDocument {
  return {
    fileName: `服务队花名册-${team.name}.pdf`,
    title: `${team.name}花名册`,
    subtitle: `${communityName}${team.service ? ` · ${team.service}` : ''}${team.leaderName ? ` · 队长：${team.leaderName}` : ''}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{ table: { columns: [{ header: '序号', width: 8 }, { header: '姓名', width: 20 }, { header: '联系电话', width: 22 }, { header: '特长', width: 50 }], rows: members.map((m, i) => [String(i + 1), m.name, maskPhone(m.phone), m.skills]) } }],
    footer: [`共 ${members.length} 人。`, communityName],
  };
}

export interface LetterMember {
  name: string;
  reported: boolean;
  hours: number;
  activities: number;
  claims: readonly { kind: string; title: string; done: boolean }[];
  sixOnesDone: readonly string[];
}

/**
 * 在职党员到社区报到服务情况反馈函 to one employer's Party organisation for a half-year: each member's reporting, service
 * hours, claims and six ones; signature and seal area, and a 回执 slip for the employer to return with its comment.
 */
export function feedbackLetter(communityName: string, letter: { employer: string; employerPartyOrg: string; periodLabel: string; issuedOn: string }, members: readonly LetterMember[]): PrintDocument {
  const to = letter.employerPartyOrg || `${letter.employer}党组织`;
  return {
    fileName: `双向反馈函-${letter.employer}-${letter.periodLabel}.pdf`,
    title: '在职党员到社区报到服务情况反馈函',
    subtitle: communityName,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { paragraphs: [`${to}：`, `根据在职党员到社区报到为群众服务的有关要求，现将贵单位 ${members.length} 名在职党员${letter.periodLabel}在${communityName}报到服务情况反馈如下：`] },
      {
        table: {
          columns: [{ header: '姓名', width: 12 }, { header: '报到', width: 8 }, { header: '服务次数', width: 10 }, { header: '服务时长', width: 10 }, { header: '认领事项及完成情况', width: 36 }, { header: '“六个一”完成', width: 24 }],
          rows: members.map((m) => [
            m.name, m.reported ? '已报到' : '未报到', String(m.activities), `${num(m.hours)} 小时`,
            m.claims.length ? m.claims.map((c) => `${c.kind}：${c.title}（${c.done ? '已完成' : '进行中'}）`).join('\n') : '未认领',
            m.sixOnesDone.length ? `${m.sixOnesDone.length} 项：${m.sixOnesDone.join('、')}` : '—',
          ]),
        },
      },
      { paragraphs: ['请贵单位将以上情况作为党员民主评议、评先评优的参考，并将意见填入回执后反馈社区。'] },
      { signatures: [`${communityName}党组织（盖章）`] },
      { paragraphs: [longDate(letter.issuedOn), '- - - - - - - - - - - - - - - - - - - - - - （沿此线剪下）- - - - - - - - - - - - - - - - - - - - - -'] },
      { heading: `回执（${letter.employer}）`, paragraphs: [`${communityName}：反馈函已收到。单位意见：`], signatures: ['单位党组织（盖章）', '日期'] },
    ],
    footer: [`${letter.employer} · ${letter.periodLabel}`],
  };
}

/** 微心愿墙 for the notice board: each wish published and not yet claimed, the resident named by surname only. */
export function wishBoard(communityName: string, wishes: readonly { title: string; residentName: string; date: string }[]): PrintDocument {
  return {
    fileName: `微心愿墙-${communityName}.pdf`,
    title: '微心愿墙',
    subtitle: `${communityName} · 欢迎党员、在职党员、志愿服务队和驻区单位认领`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{ table: { columns: [{ header: '编号', width: 10 }, { header: '心愿', width: 60 }, { header: '居民', width: 14 }, { header: '点单日期', width: 16 }], rows: wishes.map((w, i) => [String(i + 1), w.title, boardNameOf(w.residentName), w.date]) } }],
    footer: ['认领请到党群服务中心前台登记，或联系社区工作人员。', communityName],
  };
}
