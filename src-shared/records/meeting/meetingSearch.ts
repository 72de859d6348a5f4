import { namePinyin } from '../../search/personSearch';

export interface SearchableMeeting {
  id: string;
  title: string;
  place: string;
  host: string;
  recorder: string;
  minutes: string;
  itemTexts: Record<string, string>;
  agendaItems: { title: string }[];
  attendance: Record<string, { name: string }>;
}

/**
 * Full-text search over meetings: Chinese substrings of the title, minutes, agenda, decisions and follow-ups; people
 * (host, recorder, attendees) also by pinyin or initials (lh finds 林华). Returns the ids of matching meetings.
 */
export function searchMeetings(meetings: readonly SearchableMeeting[], extraText: ReadonlyMap<string, string>, query: string): string[] {
  const text = query.trim();
  if (!text) return meetings.map((m) => m.id);
  const letters = /^[a-z]+$/i.test(text) ? text.toLowerCase() : '';
  return meetings
    .filter((m) => {
      const names = [m.host, m.recorder, ...Object.values(m.attendance).map((a) => a.name)];
      if (letters) return names.some((n) => n && (namePinyin(n).initials.startsWith(letters) || namePinyin(n).full.startsWith(letters)));
      return (
        m.title.includes(text) || m.place.includes(text) || m.minutes.includes(text) || names.some((n) => n.includes(text)) ||
        m.agendaItems.some((i) => i.title.includes(text)) || Object.values(m.itemTexts).some((t) => t.includes(text)) || (extraText.get(m.id) ?? '').includes(text)
      );
    })
    .map((m) => m.id);
}
