import type { Person } from '../model/catalog-schema.ts';
import { tokenizeWithOffsets } from '../model/text.ts';
import type { TermMatch } from '../model/transcript-store.ts';

/** Where transcripts say a word: the part of the transcript store recommendations read. */
export interface MentionSource {
  matches(term: string): Promise<TermMatch[]>;
}

/** What another episode's transcript says of an episode's guests and topics. */
export interface Mentions {
  /** The episode's guests named in the other's conversation (every word of the name in one segment). */
  guests: string[];
  /** The episode's topic words said in the other's conversation. */
  topics: string[];
}

/** A word said in more segments than this is too common to link two episodes (and is not read further). */
const MAX_SEGMENTS = 2_000;
/** Topic words looked up in transcripts: the episode's most distinctive ones. */
const TOPIC_WORDS = 3;

/**
 * Episodes whose transcripts talk about this episode's guests, its guests'
 * organisations or its most distinctive topic words (`topics`, heaviest
 * first), with what they say: a name is said when all its words are in one
 * segment. `exclude` (the episode itself) never. One store look-up per word.
 */
export async function transcriptMentions(
  store: MentionSource,
  guests: readonly Person[],
  topics: readonly string[],
  exclude: string,
): Promise<Map<string, Mentions>> {
  const segmentsOf = new Map<string, Map<number, string> | null>();
  const lookUp = async (word: string) => {
    if (!segmentsOf.has(word)) {
      const found = await store.matches(word);
      segmentsOf.set(word, found.length > MAX_SEGMENTS ? null : new Map(found.map((m) => [m.segmentId, m.episodeId])));
    }
    return segmentsOf.get(word)!;
  };
  const out = new Map<string, Mentions>();
  const said = async (phrase: string, kind: keyof Mentions, minWords: number) => {
    const words = [...new Set(tokenizeWithOffsets(phrase).map((t) => t.term).filter((w) => w.length >= 2))];
    if (words.length < minWords) return;
    const segments = await Promise.all(words.map(lookUp));
    if (segments.some((s) => s === null)) return;
    const [first, ...rest] = segments as Array<Map<number, string>>;
    for (const [segment, episodeId] of first!) {
      if (episodeId === exclude || !rest.every((s) => s.has(segment))) continue;
      const m = out.get(episodeId) ?? { guests: [], topics: [] };
      if (!m[kind].includes(phrase)) m[kind].push(phrase);
      out.set(episodeId, m);
    }
  };
  // A first name alone is said of too many people: a guest's name counts from two words.
  for (const g of guests) await said(g.name, 'guests', 2);
  for (const org of new Set(guests.map((g) => g.org?.trim() ?? '').filter(Boolean))) await said(org, 'topics', 1);
  for (const word of topics.slice(0, TOPIC_WORDS)) await said(word, 'topics', 1);
  return out;
}
