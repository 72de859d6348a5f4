import { ValidationError } from '../../errors';
import type { WishClaim, WishStage } from './wishSchema';

export interface WishFacts {
  title: string;
  stage: WishStage;
  residentName: string;
  claims: Record<string, WishClaim>;
}

/** Claims still standing (not withdrawn), earliest first. */
export function activeClaims(w: Pick<WishFacts, 'claims'>): [string, WishClaim][] {
  return Object.entries(w.claims).filter(([, c]) => !c.withdrawn).sort((a, b) => (a[1].at ?? 0) - (b[1].at ?? 0));
}

/** A wish claimed twice (two PCs offline): both claims stand until a person confirms one. */
export function isDoubleClaimed(w: Pick<WishFacts, 'claims'>): boolean {
  return activeClaims(w).length > 1;
}

const refuse = (message: string) => new ValidationError([{ field: 'stage', label: '微心愿', message }]);

/** The next stage of a wish, or the Chinese reason it cannot go there now. */
export function nextStage(w: WishFacts, action: '下单' | '不予受理' | '接单' | '完成'): WishStage {
  switch (action) {
    case '下单':
    case '不予受理':
      if (w.stage !== '待下单') throw refuse(`「${w.title}」现在是“${w.stage}”，只有待下单的心愿可以${action === '下单' ? '下单' : '不予受理'}`);
      return action === '下单' ? '已下单' : '不予受理';
    case '接单': {
      const [first] = activeClaims(w);
      if (first) throw refuse(`「${w.title}」已由${first[1].name}接单；如需换人，请先撤回原接单`);
      if (w.stage !== '已下单') throw refuse(`「${w.title}」现在是“${w.stage}”，社区下单后才能接单`);
      return '已接单';
    }
    case '完成':
      if (isDoubleClaimed(w)) throw refuse(`「${w.title}」有 ${activeClaims(w).length} 人接单，请先确认由谁办理`);
      if (activeClaims(w).length === 0) throw refuse(`「${w.title}」还没有人接单，不能办结`);
      return '已完成';
  }
}

/** What a printed 微心愿 board may show of a resident: the surname only (李某). */
export function boardName(name: string): string {
  const surname = /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|钟离|端木)/.exec(name)?.[0] ?? name.slice(0, 1);
  return `${surname}某`;
}
