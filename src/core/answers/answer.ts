import type { Chapter } from '../model/catalog-schema.ts';
import type { Snippet } from '../model/snippet.ts';

/**
 * How to produce an answer again: a command, its argument and a page. Buttons
 * carry one (encoded by `encodeActionRef`), so they work after a restart.
 */
export interface ActionRef {
  command: 'episode' | 'latest' | 'guest' | 'recommend' | 'similar' | 'show' | 'random';
  /** The query, name or episode id the command was given ("" for none). */
  arg: string;
  /** The show the command was limited to (its key), if any. */
  show?: string;
  /** Zero-based page. */
  page: number;
}

/** A button under an answer. */
export interface AnswerAction {
  kind: 'previous' | 'next' | 'similar' | 'another' | 'share';
  label: string;
  ref: ActionRef;
}

/** An episode as an answer shows it: plain text fields, nothing platform-specific. */
export interface AnswerEpisode {
  id: string;
  title: string;
  url: string | null;
  /** What `url` is when it is not the episode's own page but a link from its show notes ("LinkedIn", "Kessel Run"); absent otherwise. */
  urlLabel?: string;
  guests: string[];
  /** Each guest's role and organisation ("Senior Developer Advocate, HashiCorp"), in the order of `guests`; null where unknown. */
  guestAbout?: Array<string | null>;
  hosts: string[];
  publishedAt: string | null;
  durationSeconds: number | null;
  /** A short plain-text summary. */
  summary: string;
  /** The chapter that matched the query, if any. */
  chapter: Chapter | null;
  /** Text around the matched words, if any. */
  snippet: Snippet | null;
  /** Why this episode is here, in one line ("Also about Terraform, HashiCorp"). */
  reason: string | null;
  /** 1-based rank in the whole result list. */
  rank: number;
  /** The audio file, for a link that starts playing at a quote's minute (see transcript-quote.ts). */
  audioUrl?: string | null;
  /** The show the episode is from, set only when the bot follows several. */
  show?: string | null;
  /** Every chapter, for answers that show an episode in full (announcements); empty otherwise. */
  chapters: Chapter[];
  /** The episode's artwork, else its show's (an http(s) URL), when there is one. */
  imageUrl?: string;
}

/** Where a page of results stands among all of them. */
export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

/** A titled block of help text. */
export interface HelpSection {
  title: string;
  lines: string[];
}

/**
 * What the bot answers to a command, independent of any chat platform.
 * Renderers turn it into console text, Discord embeds or Slack blocks. All
 * strings are plain text: renderers escape them for their platform.
 */
export interface Answer {
  kind: 'episodes' | 'help' | 'notice' | 'error' | 'announcement';
  /** One line: what this answer is ("Episodes matching “chaos”"). */
  headline: string;
  /** Plain-text paragraphs shown under the headline. */
  body: string[];
  episodes: AnswerEpisode[];
  paging: Paging | null;
  actions: AnswerAction[];
  /** Example commands worth trying next. */
  suggestions: string[];
  sections: HelpSection[];
  /** How to produce this answer again (for "post to channel"), when it can be. */
  ref: ActionRef | null;
}

/** An answer with every list empty, to fill in. */
export function emptyAnswer(kind: Answer['kind'], headline: string): Answer {
  return { kind, headline, body: [], episodes: [], paging: null, actions: [], suggestions: [], sections: [], ref: null };
}
