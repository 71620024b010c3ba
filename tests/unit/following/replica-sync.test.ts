import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/search/library.ts';
import { ReplicaSync } from '../../../src/following/replica-sync.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { episode } from '../store/contract/use-store.ts';

// Two processes on one database, as two stores on one SQLite file: the leader writes, the replica follows.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(leading = () => false) {
  const file = join(mkdtempSync(join(tmpdir(), 'episode-bot-replica-')), 'bot.db');
  const leader = SqliteStore.open(file);
  const replicaStore = SqliteStore.open(file);
  const library = await Library.create({ ...shippedCatalog(), episodes: [] }, { transcripts: replicaStore.transcriptSegments });
  let syncs = 0;
  const sync = new ReplicaSync(
    { store: replicaStore, library, leading, showsChanged: async () => void syncs++, log: pino({ level: 'silent' }) },
    await replicaStore.changes.versions(),
  );
  sync.start({ intervalMs: 50 });
  cleanups.push(() => leader.close(), () => replicaStore.close(), () => sync.stop());
  return { leader, library, syncs: () => syncs };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ids = async (library: Library, query: string) => (await library.search(query)).hits.map((h) => h.episodeId);

describe('a replica keeps up with what the leader stores', () => {
  it('finds an episode the leader stored, and one stored later with an earlier time', async () => {
    const { leader, library } = await pair();
    await leader.episodes.save([episode('e-okapi', '2030-01-01T00:00:00Z', { title: 'Okapis at dusk' })], '2030-01-01T00:10:00Z');
    await until('the first episode', async () => (await ids(library, 'okapis')).includes('e-okapi'));
    await leader.episodes.save([episode('e-late', '2030-01-01T00:00:00Z', { title: 'Quokkas at dawn' })], '2030-01-01T00:05:00Z');
    await until('the episode stamped earlier', async () => (await ids(library, 'quokkas')).includes('e-late'));
  });

  it('finds words of a transcript the leader stored after the replica loaded its vocabulary', async () => {
    const { leader, library } = await pair();
    await leader.episodes.save([episode('e1', '2030-01-01T00:00:00Z', { title: 'Plain title' })], '2030-01-01T00:00:00Z');
    await until('the episode', () => library.get('e1') !== undefined);
    await library.warmUp(); // the vocabulary is loaded: without a reload it would never know the new word
    expect(await ids(library, 'zanzibar')).toEqual([]);
    await leader.transcriptSegments.replace([{ episodeId: 'e1', origin: 'feed', digest: null, segments: [{ startSeconds: 0, endSeconds: null, speaker: null, text: 'We sailed to Zanzibar.' }] }]);
    await until('the transcript word', async () => (await ids(library, 'zanzibar')).includes('e1'));
    expect(await ids(library, 'zanzibr')).toEqual(['e1']); // the typo-tolerant vocabulary knows it too
  });

  it('reads the followed feeds again when a show is followed or removed elsewhere, and only then', async () => {
    const { leader, syncs } = await pair();
    await until('the first read', () => syncs() === 0);
    await new Promise((r) => setTimeout(r, 200));
    const before = syncs();
    await leader.followedFeeds.add({ feedUrl: 'https://example.org/a.xml', showKey: 'example.org/a.xml', title: null, platform: 'slack', serverId: null, followedBy: 'U1', followedAt: '2030-01-01T00:00:00Z' });
    await until('a sync after the follow', () => syncs() === before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(syncs()).toBe(before + 1);
    await leader.followedFeeds.remove('example.org/a.xml');
    await until('a sync after the removal', () => syncs() === before + 2);
  });
});
