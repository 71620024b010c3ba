import type { Episode } from '../model/catalog-schema.ts';
import { queryTerms } from '../model/text.ts';
import { MetadataIndex } from './metadata-index.ts';
import { DEFAULT_SEARCH_OPTIONS, type MetaField, type SearchOptions } from './search-types.ts';

/** The fields a subscription's `only` words are looked for in. */
const FILTER_FIELDS: ReadonlySet<MetaField> = new Set(['title', 'guests', 'description', 'chapters']);

/**
 * Whether an episode's title, guests or description (show notes and their
 * chapters) match any of `words`, by search's own matching: the episode index
 * ({@link MetadataIndex}) with its prefixes and forgiven typos, over this one
 * episode. Empty or stop-words-only `words` match every episode.
 */
export function episodeMatches(episode: Episode, words: string, options: SearchOptions = DEFAULT_SEARCH_OPTIONS): boolean {
  const terms = queryTerms(words);
  if (terms.length === 0) return true;
  const index = new MetadataIndex(options);
  index.upsert([episode]);
  const match = index.search(terms.map((t) => index.planWord(t))).get(episode.id);
  return match !== undefined && Object.values(match.fields).some((fields) => fields.some((f) => FILTER_FIELDS.has(f)));
}
