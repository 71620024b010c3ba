import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import { NO_VALIDATORS, type FeedValidators, type FetchOutcome } from '../fetch/fetch-feed.ts';
import { parseTranscript } from './parse-transcript.ts';
import { rankTranscripts, type TranscriptFormat } from './transcript-format.ts';
import type { TranscriptSource } from '../../core/model/transcript-source.ts';

/** Fetches one file with the feed's limits (timeout, size cap, redirects; http(s) and local files). */
export type TranscriptFetcher = (source: string, validators: FeedValidators) => Promise<FetchOutcome>;

/** A transcript fetched and read; or why none of an item's files could be. */
export type FetchedTranscript =
  | { ok: true; url: string; format: TranscriptFormat; segments: TranscriptSegment[]; notes: string[] }
  | { ok: false; error: string };

/** Fetch messages name a "Feed"; here the file is a transcript. */
const asTranscript = (message: string) => message.replace(/^Feed( file)? "/, (_m, file: string | undefined) => `Transcript${file ?? ''} "`);

/**
 * The best transcript of an item: its files tried in order of format
 * (timed first, see transcript-format.ts) until one is fetched and read.
 * Every failure is a value naming the file and the problem, e.g.
 * `Transcript "https://…/12.vtt" returned HTTP 404 Not Found.`
 */
export async function fetchTranscript(sources: readonly TranscriptSource[], fetch: TranscriptFetcher): Promise<FetchedTranscript> {
  const problems: string[] = [];
  for (const source of rankTranscripts(sources)) {
    const fetched = await fetch(source.url, NO_VALIDATORS);
    if (fetched.kind === 'failed') {
      problems.push(asTranscript(fetched.error));
      continue;
    }
    if (fetched.kind === 'not-modified') {
      problems.push(`Transcript "${source.url}" answered "not modified" to a plain request.`);
      continue;
    }
    // Parsing an hour of captions takes tens of milliseconds: let waiting answers go first.
    await new Promise((resolve) => setImmediate(resolve));
    const parsed = parseTranscript(fetched.body, source.format);
    if (!parsed.ok) {
      problems.push(`Transcript "${source.url}" ${parsed.error}.`);
      continue;
    }
    return { ok: true, url: source.url, ...parsed.value };
  }
  return { ok: false, error: problems.length > 0 ? problems.join(' ') : 'The item lists no transcript file with an http(s) URL.' };
}
