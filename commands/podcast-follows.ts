import type { Invocation } from './types.ts';

/** A podcast a directory offers for a name. */
export interface DirectoryMatch {
  title: string;
  author: string | null;
  /** The feed, as shown (credentials masked). */
  feedUrl: string;
  /** What `/podcast follow` takes to follow exactly this one: its feed URL, or `id:<directory id>` when the URL is long. */
  value: string;
}

/** What `/podcast follow` did. Nothing is stored unless `followed`. */
export type FollowOutcome =
  | { kind: 'followed'; title: string; episodes: number; newest: string | null; transcripts: number; feedUrl: string }
  | { kind: 'choose'; term: string; matches: DirectoryMatch[] }
  | { kind: 'no-match'; term: string; problem: string | null }
  | { kind: 'not-a-url'; text: string; why: string }
  | { kind: 'fetch-failed'; error: string; refused: boolean }
  | { kind: 'not-a-feed'; what: string; detail: string }
  | { kind: 'already'; title: string; origin: 'setting' | 'chat'; since: string | null; by: string | null }
  | { kind: 'limit'; max: number };

/** What `/podcast unfollow` did. */
export type UnfollowOutcome =
  | { kind: 'unfollowed'; title: string }
  | { kind: 'confirm'; title: string; code: string; episodes: number; transcripts: number; subscriptions: number }
  | { kind: 'removed'; title: string; episodes: number; transcripts: number; subscriptions: number }
  | { kind: 'operator'; title: string }
  | { kind: 'unknown'; text: string; followed: string[] };

/** Following feeds from chat (see src/podcast-admin/follow-service.ts); the commands' side of it. */
export interface FollowService {
  follow(invocation: Invocation, text: string): Promise<FollowOutcome>;
  unfollow(invocation: Invocation, show: string, remove: boolean, confirm: string | null): Promise<UnfollowOutcome>;
  /** Directory matches for what is typed so far (Discord autocomplete); empty on any failure. */
  suggest(typed: string): Promise<DirectoryMatch[]>;
}
