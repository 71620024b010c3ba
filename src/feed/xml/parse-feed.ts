import { episodeSchema, podcastSchema } from '../../core/model/catalog-schema.ts';
import type { Episode, EpisodeInput, Podcast } from '../../core/model/catalog-schema.ts';
import { channelImage, channelToPodcast } from './channel-to-podcast.ts';
import { newestFirst } from '../../core/model/episode-order.ts';
import { readFeedXml } from './feed-xml.ts';
import { itemToEpisode } from './item-to-episode.ts';
import type { ItemContext } from './item-to-episode.ts';
import { podcastPeople } from './podcast-people.ts';
import type { TranscriptSource } from '../../core/model/transcript-source.ts';
import { child, children, isNode } from './xml-node.ts';
import type { XmlNode, XmlValue } from './xml-node.ts';
import { fail, ok, type Result } from '../../core/model/result.ts';

/** A parsed podcast feed. */
export interface ParsedFeed {
  podcast: Podcast;
  /** Newest first by pubDate; an episode without a date keeps its feed position. */
  episodes: Episode[];
  /** Items skipped or repaired, in plain words. */
  warnings: string[];
  /** `podcast:chapters` URL per episode id, for a later fetch (JSON chapters live elsewhere). */
  chapterSources: Record<string, string>;
  /** `podcast:transcript` files per episode id, for the background transcript fetch. */
  transcriptSources: Record<string, TranscriptSource[]>;
}

/** Result of `parseFeed`: expected failures are values, never exceptions. */
export type FeedParseResult = { ok: true; feed: ParsedFeed } | { ok: false; error: string };

/** Options for `parseFeed`. */
export interface ParseFeedOptions {
  /** Names the feed in errors and warnings (a file name or URL). */
  feedName: string;
  /** Most references to DOCTYPE-declared entities to expand before refusing the feed (default 1000, minimum 1). */
  maxEntityExpansions?: number;
}

const ROOT_PROBLEMS: Readonly<Record<string, string>> = {
  html: 'is an HTML page, not RSS',
  feed: 'is an Atom feed, not RSS',
  'rdf:RDF': 'is an RSS 1.0 (RDF) feed, which is not supported',
};

/** The RSS `<channel>`, or what the document is instead. */
function findChannel(document: XmlNode): Result<XmlValue> {
  const rootName = Object.keys(document).find((key) => !key.startsWith('?') && key !== '#text');
  if (rootName === undefined) return fail('has no root element');
  if (rootName.toLowerCase() !== 'rss') {
    const known = ROOT_PROBLEMS[rootName] ?? ROOT_PROBLEMS[rootName.toLowerCase()];
    return fail(known ?? `has a <${rootName}> root element, not <rss>`);
  }
  const channel = child(document[rootName], 'channel');
  return channel === undefined ? fail('has no <channel>') : ok(channel);
}

function describeItem(index: number, episode: EpisodeInput | null): string {
  return episode === null ? `item ${index + 1}` : `item ${index + 1} ("${episode.title}")`;
}

/** Gives a repeated id a numbered suffix so ids stay unique within the feed. */
function uniqueId(id: string, seen: Set<string>): string {
  let candidate = id;
  for (let n = 2; seen.has(candidate); n++) candidate = `${id}-${n}`;
  seen.add(candidate);
  return candidate;
}

interface Collected {
  episodes: Episode[];
  chapterSources: Record<string, string>;
  transcriptSources: Record<string, TranscriptSource[]>;
  warnings: string[];
}

function collectEpisode(item: XmlValue, index: number, context: ItemContext, out: Collected, seen: Set<string>): void {
  const mapped = itemToEpisode(item, context);
  const label = describeItem(index, mapped.episode);
  for (const note of mapped.notes) out.warnings.push(`${label} ${note}`);
  const id = uniqueId(mapped.episode.id, seen);
  if (id !== mapped.episode.id) out.warnings.push(`${label} repeats the identity of an earlier item; id set to "${id}"`);
  const result = episodeSchema.safeParse({ ...mapped.episode, id });
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    out.warnings.push(`${label} skipped: ${issues}`);
    return;
  }
  out.episodes.push(result.data);
  if (mapped.chaptersUrl !== null) out.chapterSources[id] = mapped.chaptersUrl;
  if (mapped.transcripts.length > 0) out.transcriptSources[id] = mapped.transcripts;
}

function collectEpisodes(channel: XmlValue, context: ItemContext): Collected {
  const out: Collected = { episodes: [], chapterSources: {}, transcriptSources: {}, warnings: [] };
  const seen = new Set<string>();
  children(channel, 'item').forEach((item, index) => {
    if (!isNode(item)) {
      out.warnings.push(`${describeItem(index, null)} skipped: it is empty`);
      return;
    }
    try {
      collectEpisode(item, index, context, out, seen);
    } catch (error) {
      out.warnings.push(`${describeItem(index, null)} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return out;
}

function buildFeed(channel: XmlValue, feedName: string): FeedParseResult {
  const notes: string[] = [];
  const podcast = podcastSchema.safeParse(channelToPodcast(channel, feedName, notes));
  if (!podcast.success) {
    return { ok: false, error: `Feed "${feedName}" has unusable channel details: ${podcast.error.issues[0]?.message ?? 'invalid'}` };
  }
  const context: ItemContext = { imageUrl: channelImage(channel), people: podcastPeople(channel) };
  const collected = collectEpisodes(channel, context);
  const warnings = [...notes, ...collected.warnings];
  const episodes = newestFirst(collected.episodes);
  return { ok: true, feed: { podcast: podcast.data, episodes, warnings, chapterSources: collected.chapterSources, transcriptSources: collected.transcriptSources } };
}

/**
 * Parses an RSS 2.0 podcast feed (with iTunes and Podcasting 2.0 tags) into
 * catalog `Podcast` and `Episode` objects. Pure: no I/O. Malformed input
 * (not XML, an HTML page, no `<channel>`, empty, truncated, an entity bomb)
 * yields `{ ok: false, error }` naming the feed; items that cannot become a
 * valid episode are skipped and reported in `warnings`.
 */
export function parseFeed(xml: string, opts: ParseFeedOptions): FeedParseResult {
  const refused = (problem: string): FeedParseResult => ({ ok: false, error: `Feed "${opts.feedName}" ${problem}` });
  if (typeof xml !== 'string') return refused('is not text');
  try {
    const read = readFeedXml(xml, opts.maxEntityExpansions);
    if (!read.ok) return refused(read.error);
    const found = findChannel(read.value);
    return found.ok ? buildFeed(found.value, opts.feedName) : refused(found.error);
  } catch (error) {
    return refused(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
