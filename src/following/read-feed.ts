import type { Logger } from 'pino';
import type { Episode, Podcast } from '../core/model/catalog-schema.ts';
import type { TranscriptSource } from '../core/model/transcript-source.ts';
import type { FeedValidators, FetchOutcome } from '../feed/fetch/fetch-feed.ts';
import { reconcileWithCatalog } from '../feed/overlay/reconcile.ts';
import { resolveTranscriptUrl } from '../feed/transcripts/resolve-transcript-url.ts';
import { parseFeed, type ParsedFeed } from '../feed/xml/parse-feed.ts';
import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { EpisodeRepository } from '../store/ports/episodes.ts';
import { assignShow } from './assign-show.ts';
import { withJsonChapters } from './fetch-json-chapters.ts';

/** Fetches the feed, given the validators of the last fetch. */
export type FeedFetcher = (source: string, validators: FeedValidators) => Promise<FetchOutcome>;

/**
 * The curated overlay for a feed's podcast: the catalog's episode with a
 * title, when the catalog describes this podcast (see src/feed/overlay/); null otherwise.
 */
export type CatalogOverlay = (podcast: Podcast) => ((title: string) => Episode | undefined) | null;

/** What a feed says, ready to store: its show's identity, its episodes (with their show and final ids) and their transcript files. */
export interface FeedContent {
  podcast: Podcast;
  episodes: Episode[];
  /** Transcript files per episode id. */
  transcripts: Record<string, TranscriptSource[]>;
  validators: FeedValidators;
}

/** What reading a feed found: nothing new, a failure, or its content. */
export type FeedReading =
  | { kind: 'not-modified'; validators: FeedValidators }
  | { kind: 'failed'; error: string; retryable: boolean; retryAfterMs?: number }
  | { kind: 'read'; feed: FeedContent };

/** What reading a feed needs, passed in. */
export interface ReadFeedDeps {
  fetch: FeedFetcher;
  /** Fetches URLs found inside the feed (JSON chapters): never trusted (default: `fetch`). */
  fetchLinked?: FeedFetcher;
  /** The stored episodes: their chapters and their shows. */
  episodes: Pick<EpisodeRepository, 'get' | 'showOf'>;
  log: Logger;
  overlay?: CatalogOverlay;
}

/**
 * Reads a feed: fetches it (conditionally), parses it, fetches JSON
 * chapters of new episodes, takes the curated catalog's version of
 * episodes it describes, and marks each episode with its show. Stores
 * nothing; an expected failure is a value, never thrown.
 */
export async function readFeed(feed: { url: string; showKey: string }, validators: FeedValidators, deps: ReadFeedDeps): Promise<FeedReading> {
  const outcome = await deps.fetch(feed.url, validators);
  if (outcome.kind === 'not-modified') return { kind: 'not-modified', validators: outcome.validators };
  if (outcome.kind === 'failed') {
    return { kind: 'failed', error: outcome.error, retryable: outcome.retryable, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
  }
  const parsed = parseFeed(outcome.body, { feedName: safeUrl(feed.url) });
  if (!parsed.ok) return { kind: 'failed', error: parsed.error, retryable: true };
  for (const warning of parsed.feed.warnings.slice(0, 20)) deps.log.warn({ feed: safeUrl(feed.url) }, warning);
  const inCatalog = deps.overlay?.(parsed.feed.podcast) ?? (() => undefined);
  const withChapters = await withJsonChapters(parsed.feed.episodes, parsed.feed.chapterSources, { ...deps, fetch: deps.fetchLinked ?? deps.fetch });
  const reconciled = reconcileWithCatalog(withChapters, inCatalog);
  const assigned = await assignShow(reconciled, feed.showKey, transcriptFiles(feed.url, parsed.feed, reconciled), deps.episodes, (id, owner) =>
    deps.log.warn({ feed: safeUrl(feed.url), id, otherShow: owner }, 'an item shares its guid with an episode of another show; stored under its own id'),
  );
  return { kind: 'read', feed: { podcast: parsed.feed.podcast, episodes: assigned.episodes, transcripts: assigned.transcripts, validators: outcome.validators } };
}

/** The transcript files of each item, by its reconciled episode's id, URLs resolved against the feed's (unusable ones dropped). */
function transcriptFiles(feedUrl: string, parsed: ParsedFeed, reconciled: readonly Episode[]): Record<string, TranscriptSource[]> {
  const sources: Record<string, TranscriptSource[]> = {};
  parsed.episodes.forEach((ep, i) => {
    const files = (parsed.transcriptSources[ep.id] ?? []).flatMap((f) => {
      const url = resolveTranscriptUrl(feedUrl, f.url);
      return url ? [{ ...f, url }] : [];
    });
    if (files.length > 0) sources[reconciled[i]!.id] = files;
  });
  return sources;
}
