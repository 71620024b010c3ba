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
 * Episodes whose transcripts talk about this episode's guests or its most
 * distinctive topic words (`topics`, heaviest first), with what they say;
 * `exclude` (the episode itself) never. A few store look-ups, one per word.
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
  const note = (episodeId: string, kind: keyof Mentions, what: string) => {
    if (episodeId === exclude) return;
    const m = out.get(episodeId) ?? { guests: [], topics: [] };
    if (!m[kind].includes(what)) m[kind].push(what);
    out.set(episodeId, m);
  };
  for (const g of guests) {
    const words = [...new Set(tokenizeWithOffsets(g.name).map((t) => t.term).filter((w) => w.length >= 2))];
    if (words.length < 2) continue; // A first name alone is said of too many people.
    const segments = await Promise.all(words.map(lookUp));
    if (segments.some((s) => s === null)) continue;
    const [first, ...rest] = segments as Array<Map<number, string>>;
    for (const [segment, episodeId] of first!) if (rest.every((s) => s.has(segment))) note(episodeId, 'guests', g.name);
  }
  for (const word of topics.slice(0, TOPIC_WORDS)) {
    for (const episodeId of new Set((await lookUp(word))?.values() ?? [])) note(episodeId, 'topics', word);
  }
  return out;
}
