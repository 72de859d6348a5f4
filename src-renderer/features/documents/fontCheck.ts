import { FONT_STACKS, type FontRole } from '../../../src-shared/print/officialLayout';

export interface FontChoice {
  role: FontRole;
  /** The font this PC draws the role in: the first of the stack that is installed. */
  used: string;
  /** Whether that is the official font (the stack's first names) rather than a fallback. */
  official: boolean;
}

/** The official fonts of each role: the names before the first fallback (GB2312 and its common spellings). */
const OFFICIAL_COUNT: Record<FontRole, number> = { 小标宋: 3, 仿宋: 4, 黑体: 2, 楷体: 4, 宋体: 2 };

const PROBE = 'mmmmmmmmmlliWQ@#中国共产党永远年轻，。';

/**
 * Whether a font is installed, by drawing a probe text in it with two different generic fallbacks: an installed font
 * draws both the same (its own glyphs); a missing one draws each fallback's widths.
 */
function installed(context: CanvasRenderingContext2D, family: string): boolean {
  const width = (fallback: string) => {
    context.font = `40px '${family}', ${fallback}`;
    return context.measureText(PROBE).width;
  };
  const base = (fallback: string) => {
    context.font = `40px ${fallback}`;
    return context.measureText(PROBE).width;
  };
  return width('monospace') !== base('monospace') || width('serif') !== base('serif') || width('monospace') === width('serif');
}

let cached: FontChoice[] | null = null;

/** The font each role is drawn in on this PC, found once. */
export function fontChoices(): FontChoice[] {
  if (cached) return cached;
  const context = document.createElement('canvas').getContext('2d');
  cached = (Object.keys(FONT_STACKS) as FontRole[]).map((role) => {
    const stack = FONT_STACKS[role];
    const index = context ? stack.findIndex((f) => installed(context, f)) : -1;
    return { role, used: index === -1 ? '系统默认字体' : stack[index]!, official: index !== -1 && index < OFFICIAL_COUNT[role] };
  });
  return cached;
}

/** 'where it fell back', in Chinese, for the preview: 仿宋（正文）用 Noto Sans CJK SC 代替… or '' when every font is official. */
export function fallbackNotice(choices: readonly FontChoice[]): string {
  const fallen = choices.filter((c) => !c.official);
  if (fallen.length === 0) return '';
  return `本机未安装公文标准字体，以下用替代字体排版（位置和字数不变）：${fallen.map((c) => `${c.role}用「${c.used}」`).join('；')}。安装方正小标宋、仿宋_GB2312、楷体_GB2312、黑体后即为标准字体。`;
}
