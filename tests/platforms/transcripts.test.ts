import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { podcastCommand } from '../../commands/podcast.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import { Dispatcher } from '../../commands/dispatcher.ts';
import { Announcer } from '../../src/announcing/announcer.ts';
import { FeedNetwork } from '../../src/following/feed-network.ts';
import { MemoryTranscriptSink } from '../helpers/memory-transcript-sink.ts';
import { StorePodcastService } from '../../src/podcast-admin/podcast-service.ts';
import { TranscriptQueue, type TranscriptProgress } from '../../src/following/transcripts/transcript-queue.ts';
import { Library } from '../../src/core/search/library.ts';
import { ShowDirectory } from '../../src/core/model/shows.ts';
import { fetchFeed } from '../../src/feed/fetch/fetch-feed.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { podcastFeed } from '../helpers/podcast-feed.ts';

const log = pino({ level: 'silent' });
const fixture = (name: string) => readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url));
const servers: FeedServer[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const day = (n: number) => new Date(Date.UTC(2030, 5, n, 10)).toISOString();

/** A library of no episodes yet, its transcripts in the store. */
const emptyLibrary = (store: SqliteStore) =>
  Library.create({ version: 1, podcast: { title: 'x', description: '', publisher: null, language: null, imageUrl: null, links: [] }, episodes: [] }, { transcripts: store.transcriptSegments });

/** Two podcasts whose items list transcripts in every format, and some broken ones. */
async function world() {
  const a = await startFeedServer();
  const b = await startFeedServer();
  servers.push(a, b);
  a.setFile('/t/ep1.vtt', fixture('ep1.vtt'), 'text/vtt');
  a.setFile('/t/ep3.json', fixture('ep3.json'), 'application/json');
  a.setFile('/t/ep5.txt', fixture('ep5.txt'), 'text/plain; charset=utf-8');
  a.setFile('/t/gone.vtt', null);
  a.setFile('/t/huge.vtt', `WEBVTT\n\n${'00:00:01.000 --> 00:00:02.000\nwords words words\n\n'.repeat(3000)}`, 'text/vtt');
  b.setFile('/t/ep2.srt', fixture('ep2.srt'), 'application/x-subrip');
  b.setFile('/t/ep4.html', fixture('ep4.html'), 'text/html');
  b.setFile('/t/login.vtt', '<!DOCTYPE html><html><body>Please sign in</body></html>', 'text/html');
  b.setFile('/t/fallback.html', fixture('ep4.html'), 'text/html');
  a.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [
    { guid: 'q5', title: 'Quokka five', date: day(5), transcripts: [{ url: a.urlFor('/t/huge.vtt'), type: 'text/vtt' }] },
    { guid: 'q4', title: 'Quokka four', date: day(4), transcripts: [{ url: a.urlFor('/t/gone.vtt'), type: 'text/vtt' }] },
    { guid: 'q3', title: 'Quokka three', date: day(3), transcripts: [{ url: a.urlFor('/t/ep5.txt'), type: 'text/plain' }] },
    { guid: 'q2', title: 'Quokka two', date: day(2), transcripts: [{ url: a.urlFor('/t/ep3.json'), type: 'application/json' }] },
    { guid: 'q1', title: 'Quokka one', date: day(1), transcripts: [{ url: a.urlFor('/t/ep5.txt'), type: 'text/plain' }, { url: a.urlFor('/t/ep1.vtt'), type: 'text/vtt' }] },
  ]));
  b.setFeed(podcastFeed({ title: 'Wombat Hour', link: 'https://wombat.example/' }, [
    { guid: 'w3', title: 'Wombat three', date: day(6), transcripts: [{ url: b.urlFor('/t/login.vtt'), type: 'text/vtt' }, { url: b.urlFor('/t/fallback.html'), type: 'text/html' }] },
    { guid: 'w2', title: 'Wombat two', date: day(2), transcripts: [{ url: b.urlFor('/t/ep4.html'), type: 'text/html' }] },
    { guid: 'w1', title: 'Wombat one', date: day(1), transcripts: [{ url: b.urlFor('/t/ep2.srt'), type: 'application/x-subrip' }] },
    { guid: 'w0', title: 'Wombat zero', date: day(1) },
  ]));
  const store = SqliteStore.open(':memory:');
  stores.push(store);
  const library = await emptyLibrary(store);
  const shows = new ShowDirectory();
  const feedUrls = [a.url, b.url];
  const network = new FeedNetwork(
    { feedUrls, intervalMs: 60_000, announceOnFirstPoll: 0, maxBacklog: 3 },
    { store, library, announcer: new Announcer(store, library, log), log, fetch: (s, v) => fetchFeed(s, v), onShow: (s) => shows.put({ ...s, followed: true }) },
  );
  const sink = new MemoryTranscriptSink();
  const progress: TranscriptProgress[] = [];
  const fetched: string[] = [];
  const queue = (s = sink) =>
    new TranscriptQueue({ concurrency: 1 }, {
      store, sink: s, log, isLeader: () => true, random: () => 0,
      fetch: (source, validators) => (fetched.push(new URL(source).pathname), fetchFeed(source, validators, { maxBytes: 64 * 1024 })),
      onProgress: (p) => progress.push(p),
    });
  const service = new StorePodcastService(store, library, feedUrls, undefined, shows);
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(() => shows.name(), [podcastCommand(service)]), library, shows, onError: (err) => { throw err; } });
  const idOf = (title: string) => library.latest(0, 20).find((e) => e.title === title)!.id;
  const transcriptRequests = () => [...a.requests, ...b.requests].filter((r) => r.url.startsWith('/t/')).map((r) => r.url);
  return { a, b, store, library, network, sink, queue, progress, fetched, dispatcher, idOf, transcriptRequests };
}

describe('transcripts from podcast:transcript', () => {
  it('fetches each episode’s best transcript in the background, newest first, into timed segments with speakers', async () => {
    const w = await world();
    await w.network.runOnce();
    await w.queue().drain();
    expect(w.fetched.slice(0, 5)).toEqual(['/t/login.vtt', '/t/fallback.html', '/t/huge.vtt', '/t/gone.vtt', '/t/ep5.txt']);
    expect(w.fetched.slice(5).sort()).toEqual(['/t/ep1.vtt', '/t/ep2.srt', '/t/ep3.json', '/t/ep4.html']);
    expect(w.transcriptRequests()).not.toContain('/t/ep5.txt?'); // the VTT of "Quokka one" was preferred to its plain text
    const one = w.sink.transcripts.get(w.idOf('Quokka one'))!;
    expect(one.at(-1)).toEqual({ startSeconds: 1394, endSeconds: 1398, speaker: 'Ana', text: 'We broke the database on purpose, and the marsupials noticed.' });
    expect(w.sink.transcripts.get(w.idOf('Wombat one'))!.map((s) => s.speaker)).toEqual(['MARIA', 'MARIA', 'TOM']);
    expect(w.sink.transcripts.get(w.idOf('Quokka two'))![0]).toMatchObject({ startSeconds: 0.5, speaker: 'Lee', text: 'Pangolins love idempotency.' });
    expect(w.sink.transcripts.get(w.idOf('Wombat two'))!.find((s) => s.speaker === 'Guest')).toMatchObject({ startSeconds: 330 });
    expect(w.sink.transcripts.get(w.idOf('Wombat three'))).toBeDefined();
    expect(w.progress.at(-1)).toMatchObject({ idle: true, listed: 8, done: 6, retrying: 2 });
  });

  it('reports failures in /podcast status with transcripts: N of M episodes, and keeps the episode searchable', async () => {
    const w = await world();
    await w.network.runOnce();
    await w.queue().drain();
    const status = await w.dispatcher.command('podcast', { action: 'status' }, { platform: 'console', userId: 'u', channelId: 'c', serverId: null, canManage: true });
    const quokka = status.sections.find((s) => s.title === 'Quokka Radio')!.lines.join('\n');
    expect(quokka).toContain('transcripts: 3 of 5 episodes (2 to retry)');
    expect(quokka).toMatch(/“Quokka four”: Transcript "http:\/\/127\.0\.0\.1:\d+\/t\/gone\.vtt" was not found \(HTTP 404 Not Found\)/);
    expect(quokka).toMatch(/“Quokka five”: Transcript "[^"]+huge\.vtt" is larger than 64 KiB/);
    const wombat = status.sections.find((s) => s.title === 'Wombat Hour')!.lines.join('\n');
    expect(wombat).toContain('transcripts: 3 of 3 episodes; 1 episode(s) publish none');
    expect((await w.library.search('quokka four')).total).toBeGreaterThan(0);
  });

  it('fetches nothing already stored after a restart, and retries failures only when due', async () => {
    const w = await world();
    await w.network.runOnce();
    await w.queue().drain();
    for (const s of [w.a, w.b]) s.clearRequests();
    const restarted = w.queue();
    await restarted.start();
    await restarted.drain();
    await restarted.stop();
    expect(w.transcriptRequests()).toEqual([]);
    w.a.setFile('/t/gone.vtt', fixture('ep1.vtt'), 'text/vtt');
    const later = new TranscriptQueue({}, { store: w.store, sink: w.sink, log, isLeader: () => true, fetch: (s, v) => fetchFeed(s, v), now: () => new Date(Date.now() + 3_600_000) });
    await later.drain();
    expect(w.transcriptRequests().sort()).toEqual(['/t/gone.vtt', '/t/huge.vtt']);
    expect(await w.sink.hasTranscript(w.idOf('Quokka four'))).toBe(true);
  });

  it('fetches again a transcript recorded as stored that the index lost', async () => {
    const w = await world();
    await w.network.runOnce();
    await w.queue().drain();
    for (const s of [w.a, w.b]) s.clearRequests();
    const empty = new MemoryTranscriptSink();
    const q = w.queue(empty);
    await q.start();
    await q.drain();
    await q.stop();
    expect(empty.transcripts.size).toBe(6);
  });
});

describe('transcript faults over HTTP', () => {
  async function single(setup: (s: FeedServer) => void, limits = {}) {
    const s = await startFeedServer();
    servers.push(s);
    s.setFeed(podcastFeed({ title: 'Okapi FM', link: 'https://okapi.example/' }, [{ guid: 'o1', title: 'Okapi one', date: day(1), transcripts: [{ url: s.urlFor('/t/o1.vtt'), type: 'text/vtt' }] }]));
    const store = SqliteStore.open(':memory:');
    stores.push(store);
    const library = await emptyLibrary(store);
    const network = new FeedNetwork({ feedUrls: [s.url], intervalMs: 60_000, announceOnFirstPoll: 0, maxBacklog: 3 }, { store, library, announcer: new Announcer(store, library, log), log, fetch: (u, v) => fetchFeed(u, v) });
    await network.runOnce();
    setup(s);
    const sink = new MemoryTranscriptSink();
    await new TranscriptQueue({}, { store, sink, log, isLeader: () => true, fetch: (u, v) => fetchFeed(u, v, limits) }).drain();
    return { store, sink, id: library.latest(0, 1)[0]!.id };
  }

  it('reports a transcript that times out, and retries it later', async () => {
    const r = await single((s) => s.setMode({ kind: 'hang' }, { times: 1 }), { timeoutMs: 300 });
    expect(await r.store.transcriptState.get(r.id)).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/^Transcript "[^"]+o1\.vtt" timed out after 300 ms\.$/) });
  });

  it('reads a transcript in another encoding when the server declares it', async () => {
    const latin1 = Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Zoé>Café crème à la plage.\n', 'latin1');
    const r = await single((s) => s.setFile('/t/o1.vtt', latin1, 'text/vtt; charset=iso-8859-1'));
    expect(r.sink.transcripts.get(r.id)).toEqual([{ startSeconds: 1, endSeconds: 3, speaker: 'Zoé', text: 'Café crème à la plage.' }]);
  });
});
