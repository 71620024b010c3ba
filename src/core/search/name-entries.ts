/** What the name index keeps of each name and person (see name-index.ts). */
import { foldTerm, tokenizeWithOffsets } from '../model/text.ts';
import type { Suggestion } from './name-index.ts';

/** A name as the minisearch index holds it (`id`: the entry's place). */
export interface NameDoc {
  id: number;
  label: string;
}

/** One name to complete: an episode's title, or a guest's name. */
export interface Entry {
  label: string;
  kind: Suggestion['kind'];
  /** Episode id, or the person's key. */
  key: string;
}

/** Every word of a name, single letters kept ("J Paul Reed"). */
export const nameWords = (text: string) => tokenizeWithOffsets(text).map((t) => t.term);

/** A guest or host as the index keeps them: their episodes, and how each names them. */
export interface Person {
  /** Episode id → the name as that episode writes it. */
  names: Map<string, string>;
  /** Episodes where they are a guest. */
  guestOf: Set<string>;
  /** Their newest episode and their place among its people (guests, then hosts), which orders guests among equals. */
  newest: { episodeId: string; place: number } | null;
}

/** The same person however an episode writes their name ("Jérôme" and "Jerome"). */
export function personKey(name: string): string {
  return foldTerm(name).replace(/[^\p{L}\p{N}]+/gu, '-');
}
