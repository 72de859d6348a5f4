import type { HistoryEntry } from '../repository/docLayout';

/** The shapes of the street server's answers that the street's pages read (the server writes them). */

/** One change of the street's feed, newest first. */
export interface FeedRow {
  row: number;
  code: string;
  community: string;
  collection: string;
  recordId: string;
  title: string;
  action: HistoryEntry['action'];
  by: string;
  at: number;
  fields: string[];
}

/** How each community's figures stand in a street answer: when last brought up to date, whether behind, or why missing. */
export interface CommunityStanding {
  code: string;
  community: string;
  /** ms; 0 before the community was first read. */
  asOf: number;
  /** The community has stored changes its figures do not show yet (being brought up to date). */
  updating: boolean;
  /** Why its figures are missing, in Chinese (its data could not be read). */
  problem: string;
}
