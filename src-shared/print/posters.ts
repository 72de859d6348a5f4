import { ValidationError } from '../errors';
import { maskPhone } from '../privacy/mask';
import type { Orientation, PaperSize, PrintDocument } from './printDocument';

/** A public 公示 names the number residents call to report a member: without it the poster is not printed at all. */
function requireSupervisionPhone(context: PosterContext): void {
  if (context.supervisionPhone.trim() === '') {
    throw new ValidationError([{
      field: 'supervisionPhone',
      label: '监督电话',
      message: '公示须印有社区监督电话。请先在「设置」→「公示牌监督电话」中填写并保存，再打印。',
    }]);
  }
}

export interface PosterMember {
  name: string;
  post: string;
  responsibilityArea: string;
  commitment: string;
  phone: string;
}

export interface PosterContext {
  communityName: string;
  supervisionPhone: string;
  paper: PaperSize;
  orientation: Orientation;
  printedOn: string;
}

/**
 * 党员公示牌 (党员公示责任制, seed 001) for one building or grid: each member's post, responsibility area, commitment and
 * masked phone, with the community's 监督电话. ID numbers never appear; phones are always masked on public posters.
 */
export function memberResponsibilityPoster(unitName: string, members: readonly PosterMember[], context: PosterContext): PrintDocument {
  requireSupervisionPhone(context);
  return {
    fileName: `党员公示牌-${unitName}.pdf`,
    title: '党员公示牌',
    subtitle: `${context.communityName} · ${unitName}`,
    paper: context.paper,
    orientation: context.orientation,
    sections: [
      {
        table: {
          columns: [{ header: '姓名', width: 12 }, { header: '设岗定责岗位', width: 18 }, { header: '党员责任区', width: 18 }, { header: '承诺事项', width: 34 }, { header: '联系电话', width: 18 }],
          rows: members.map((m) => [m.name, m.post || '—', m.responsibilityArea || '—', m.commitment || '—', maskPhone(m.phone) || '—']),
        },
      },
    ],
    footer: [
      `共 ${members.length} 名党员。亮身份、亮承诺、亮职责，接受群众监督。`,
      `监督电话：${context.supervisionPhone}`,
      `${context.communityName}党组织 ${context.printedOn}`,
    ],
  };
}

export interface InServiceNoticeMember {
  name: string;
  employer: string;
  claimedPost: string;
  serviceTeam: string;
  reportDate: string;
  phone: string;
}

/** 在职党员报到 公示 list: who reported in, from which employer, and what they took on. */
export function inServiceReportNotice(members: readonly InServiceNoticeMember[], context: PosterContext): PrintDocument {
  requireSupervisionPhone(context);
  return {
    fileName: `在职党员报到公示-${context.communityName}.pdf`,
    title: '在职党员到社区报到情况公示',
    subtitle: context.communityName,
    paper: context.paper,
    orientation: context.orientation,
    sections: [
      {
        table: {
          columns: [{ header: '序号', width: 6 }, { header: '姓名', width: 10 }, { header: '工作单位', width: 28 }, { header: '认领岗位', width: 16 }, { header: '参加服务队', width: 14 }, { header: '报到日期', width: 12 }, { header: '联系电话', width: 14 }],
          rows: members.map((m, i) => [String(i + 1), m.name, m.employer, m.claimedPost || '—', m.serviceTeam || '—', m.reportDate || '—', maskPhone(m.phone) || '—']),
        },
      },
    ],
    footer: [`以上共 ${members.length} 名在职党员到社区报到，现予公示。`, `监督电话：${context.supervisionPhone}`, `${context.communityName}党组织 ${context.printedOn}`],
  };
}
