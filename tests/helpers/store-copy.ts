/** `npm run store:copy` as a process, and the SQLite store the tests copy (tests/process/store-copy*.test.ts). */
import { execFile } from 'node:child_process';
import type { TranscriptSegment } from '../../src/core/model/transcript-segment.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { at, episode } from '../unit/store/contract/use-store.ts';
import { shippedCatalog } from './bot.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** How a run ended. */
export type Run = { code: number; stdout: string; stderr: string };

/** Runs `npm run store:copy`'s script as a process; resolves with its exit code and output. */
export function storeCopy(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/app/cli/store-copy.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const segment = (startSeconds: number | null, text: string, speaker: string | null = null): TranscriptSegment => ({ startSeconds, endSeconds: null, speaker, text });

/**
 * A SQLite store at `path`, written through its repositories as a running bot would, and closed:
 * two subscriptions (one with a show and a shape), a followed feed, a show, episodes e1–e3 (e1 and e2
 * announced, e1 delivered to both channels), feed state, a fetched transcript of e1 (3 segments) and a
 * catalog excerpt of e2 replaced once (2 segments), the saved index. Resolves to `path`.
 */
export async function writeSqliteSource(path: string): Promise<string> {
  const store = SqliteStore.open(path);
  try {
    await store.subscriptions.add({ platform: 'discord', channelId: 'c1', serverId: 'g1', createdBy: 'u1' }, at(0));
    await store.subscriptions.add({ platform: 'slack', channelId: 'C2', serverId: 'T2', createdBy: null }, at(1));
    await store.subscriptionShows.set('discord', 'c1', ['show-a']);
    await store.subscriptionShapes.set('discord', 'c1', { only: 'kubernetes', mention: '<@&42>' });
    await store.followedFeeds.add({ feedUrl: 'https://a.example/feed', showKey: 'show-a', title: 'Show A', platform: 'discord', serverId: 'g1', followedBy: 'u1', followedAt: at(2) });
    await store.shows.save({ key: 'show-a', feedUrl: 'https://a.example/feed', podcast: shippedCatalog().podcast }, at(2));
    await store.episodes.save([episode('e1', '2030-01-01'), episode('e2', '2030-01-02'), episode('e3', '2030-01-03')], at(3));
    await store.episodes.markAnnounced(['e1', 'e2']);
    await store.randomDecks.record('discord:c1', 'e2', true, 100);
    await store.randomDecks.record('discord:c1', 'e1', false, 100);
    const channels = [{ platform: 'discord' as const, channelId: 'c1' }, { platform: 'slack' as const, channelId: 'C2' }];
    await store.deliveries.plan(['e1', 'e2'], channels, at(4));
    for (const c of channels) {
      await store.deliveries.markSending({ episodeId: 'e1', ...c }, at(5));
      await store.deliveries.finish({ episodeId: 'e1', ...c }, { state: 'delivered', messageId: `m-${c.channelId}` }, at(5));
    }
    await store.feedState.put({
      feedUrl: 'https://a.example/feed', etag: '"abc"', lastModified: null, initialized: true, lastAttemptAt: at(6), lastSuccessAt: at(6),
      lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextPollAt: at(20), lastEpisodeId: 'e3',
    });
    await store.transcriptState.track({ episodeId: 'e1', showKey: 'show-a', publishedAt: '2030-01-01', sources: [{ url: 'https://a.example/e1.vtt', type: 'text/vtt', language: 'en', rel: null }] }, at(7));
    await store.transcriptState.markDone('e1', { url: 'https://a.example/e1.vtt', format: 'vtt', segments: 3 }, at(8));
    await store.transcriptSegments.replace([
      { episodeId: 'e1', origin: 'feed', digest: null, segments: [segment(0, 'Welcome to the show.', 'Host'), segment(61.5, 'Kubernetes operators at Café Zürich'), segment(125, 'and more kubernetes talk')] },
      { episodeId: 'e2', origin: 'catalog', digest: 'd2', segments: [segment(null, 'An excerpt about latency')] },
    ]);
    // Replaced: the first rows of e2 are gone, so FTS5 rowids have a hole the copy must not trip on.
    await store.transcriptSegments.replace([{ episodeId: 'e2', origin: 'catalog', digest: 'd2b', segments: [segment(null, 'An excerpt about tail latency'), segment(null, 'and outages')] }]);
    await store.savedLibrary.put('episodes', { version: 3, stamp: 'stamp-1', body: '{"index":true}' });
  } finally {
    await store.close();
  }
  return path;
}
