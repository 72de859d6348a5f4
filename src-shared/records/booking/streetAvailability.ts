import { z } from '../../schema/zod';
import { byVenue, freeVenues, type AvailabilityQuery, type BookingFacts, type VenueFacts } from './bookingRules';
import { compareChinese } from '../../text/chineseOrder';

/** What the street's server keeps of a community for the availability search. */
export interface CommunityVenues {
  code: string;
  community: string;
  venues: (VenueFacts & { ownerName: string })[];
  bookings: BookingFacts[];
}

export interface StreetFreeVenue {
  code: string;
  community: string;
  venueId: string;
  name: string;
  /** 本社区 for a community's own venue, else the resident unit's name. */
  owner: string;
  capacity: number;
  equipment: readonly string[];
  lacks: string[];
  /** Bookings that hold the venue in the span (by whom, until when): a taken venue is listed, not left out. */
  taken: string[];
}

const hourParam = (label: string) => z.coerce.number(`${label}须为 0–24 的整点`).int(`${label}须为整点`).min(0, `${label}不能早于 0 点`).max(24, `${label}不能晚于 24 点`);

/** The search as the street's screen sends it (URL parameters), checked with a Chinese message per field. */
export const availabilityQuery = z
  .object({
    date: z.string('请选择日期').regex(/^\d{4}-\d{2}-\d{2}$/, '日期请写成 2026-05-09'),
    start: hourParam('开始时间'),
    end: hourParam('结束时间'),
    headcount: z.coerce.number().int().min(0, '人数不能为负数').default(0),
    equipment: z.string().default('').transform((s) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean)),
  })
  .refine((q) => q.end > q.start, { message: '结束时间应晚于开始时间', path: ['end'] })
  .transform((q): AvailabilityQuery => ({ date: q.date, startHour: q.start, endHour: q.end, headcount: q.headcount, equipment: q.equipment }));

/**
 * 全街道查空闲场地: every community's venues free for the whole span, with what each lacks; communities' own venues
 * first, then resident units', then those that lack nothing, then by community and name.
 */
export function streetFreeVenues(communities: readonly CommunityVenues[], query: AvailabilityQuery): StreetFreeVenue[] {
  const out: StreetFreeVenue[] = [];
  for (const c of communities) {
    for (const { venue, lacks, taken } of freeVenues(c.venues, byVenue(c.bookings), query)) {
      out.push({ code: c.code, community: c.community, venueId: venue.id, name: venue.name, owner: venue.ownerUnitId ? venue.ownerName || '驻区单位' : '本社区', capacity: venue.capacity, equipment: venue.equipment, lacks, taken });
    }
  }
  return out.sort((a, b) => Number(a.taken.length > 0) - Number(b.taken.length > 0) || Number(a.owner !== '本社区') - Number(b.owner !== '本社区') || a.lacks.length - b.lacks.length || compareChinese(a.community, b.community) || compareChinese(a.name, b.name));
}
