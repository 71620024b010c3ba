import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import { TRANSCRIPTS_UNAVAILABLE_NOTICE } from '../../../src/core/answers/unavailable.ts';
import { Library } from '../../../src/core/search/library.ts';
import { Dispatcher } from '../../../commands/dispatcher.ts';
import { podcastCommand } from '../../../commands/podcast.ts';
import { StorePodcastService } from '../../../src/podcast-admin/podcast-service.ts';
import { RandomDeck } from '../../../commands/random-deck.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { storeDeckMemory } from '../../../src/app/store-deck.ts';
import { StoreError } from '../../../src/store/store-error.ts';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { CONSOLE, shippedCatalog, testDispatcher } from '../../helpers/bot.ts';
import { describePostgres, useTestDatabase } from '../../helpers/postgres/database.ts';
import { startTcpProxy, type TcpProxy } from '../../helpers/postgres/tcp-proxy.ts';

/** "pronounce" is said only in a transcript excerpt (Maxim Fateev's episode); "Fateev" is in its title too. */
const QUERY = 'Fateev pronounce';
const text = (a: Answer) => [a.headline, ...a.body].join('\n');

async function episodeAnswer(library: Library, query: string): Promise<Answer> {
  const { dispatcher, errors } = await testDispatcher(library);
  const answer = await dispatcher.command('episode', { query }, CONSOLE);
  expect(errors).toEqual([]);
  return answer;
}

function expectMetadataOnly(answer: Answer): void {
  expect(answer.kind).toBe('episodes');
  expect(answer.episodes[0]!.title).toMatch(/Fateev/);
  expect(answer.body).toContain(TRANSCRIPTS_UNAVAILABLE_NOTICE);
  expect(text(answer)).not.toMatch(/not in any episode|No episode mentions/);
  expect(answer.episodes.every((e) => e.snippet?.text.includes('pronounce') !== true)).toBe(true);
}

describePostgres('transcript search while PostgreSQL is away', () => {
  const db = useTestDatabase();
  let proxy: TcpProxy;
  let store: PostgresStore;
  let library: Library;
  let cut = false;
  const away = async () => {
    await proxy.away();
    cut = true;
  };
  const back = async () => {
    if (cut) await proxy.back();
    cut = false;
  };
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(db.url).port));
    store = await PostgresStore.open(proxy.through(db.url), { connectTimeoutMs: 1_000, startupRetryMs: 2_000 });
    library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
    await library.warmUp();
  });
  afterEach(back);
  afterAll(async () => {
    await store?.close();
    await proxy?.close();
  });

  it('answers /episode from metadata with the notice while cut, with the transcript quote once restored', async () => {
    const before = await episodeAnswer(library, QUERY);
    expect(before.body).not.toContain(TRANSCRIPTS_UNAVAILABLE_NOTICE);
    expect(before.episodes[0]!.snippet?.text).toMatch(/pronounce/);
    await away();
    const page = await library.search(QUERY);
    expect(page.transcripts).toBe('unavailable');
    expect(page.unmatched).toEqual([]);
    expectMetadataOnly(await episodeAnswer(library, QUERY));
    await back();
    const after = await episodeAnswer(library, QUERY);
    expect(after.body).not.toContain(TRANSCRIPTS_UNAVAILABLE_NOTICE);
    expect(after.episodes[0]!.snippet?.text).toMatch(/pronounce/);
    expect((await library.search(QUERY)).transcripts).toBe('searched');
  });

  it('never says a word it could not look up is in no episode: a transcript-only word while cut', async () => {
    await away();
    const answer = await episodeAnswer(library, 'pronounce');
    expect(answer.kind).toBe('notice');
    expect(answer.headline).toBe('No title, guest or topic matches “pronounce”');
    expect(answer.body).toEqual([TRANSCRIPTS_UNAVAILABLE_NOTICE]);
    await back();
    const found = await episodeAnswer(library, 'pronounce');
    expect(found.episodes[0]!.title).toMatch(/Fateev/);
  });

  it('still answers /latest, /show, autocomplete and /recommend from memory while cut', async () => {
    await away();
    const { dispatcher, errors } = await testDispatcher(library);
    const latest = await dispatcher.command('latest', {}, CONSOLE);
    expect(latest.episodes.length).toBeGreaterThan(0);
    const recommend = await dispatcher.command('recommend', { episode: latest.episodes[0]!.title }, CONSOLE);
    expect(recommend.kind).toBe('episodes');
    expect(dispatcher.suggest('Fat', ['episode', 'guest']).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

describePostgres('commands that need PostgreSQL while it is away', () => {
  const db = useTestDatabase();
  it('answers /random (its deck is in the store) and /podcast status with “database unreachable”, not the apology, and draws again once back', async () => {
    const proxy = await startTcpProxy(Number(new URL(db.url).port));
    const store = await PostgresStore.open(proxy.through(db.url), { connectTimeoutMs: 1_000, startupRetryMs: 2_000 });
    try {
      const library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
      const errors: unknown[] = [];
      const outages: unknown[] = [];
      const events: string[] = [];
      const dispatcher = new Dispatcher({
        registry: new CommandRegistry(() => library.podcast.title, [podcastCommand(new StorePodcastService(store, library, []), null)]),
        library,
        deck: new RandomDeck(storeDeckMemory(store)),
        random: () => 0,
        onError: (err) => errors.push(err),
        isUnavailable: (err) => err instanceof StoreError,
        onUnavailable: (err) => outages.push(err),
        observe: (e) => events.push(`${e.command}:${e.outcome}`),
      });
      expect((await dispatcher.command('random', {}, CONSOLE)).kind).toBe('episodes');
      await proxy.away();
      const cut = await dispatcher.command('random', {}, CONSOLE);
      expect(cut.kind).toBe('notice');
      expect(cut.headline).toBe('I can’t do that right now: the bot’s database is unreachable');
      expect(cut.body.join(' ')).toMatch(/try again in a minute/);
      const admin = { ...CONSOLE, canManage: true };
      const status = await dispatcher.command('podcast', { action: 'status' }, admin);
      expect(status.headline).toBe('I can’t do that right now: the bot’s database is unreachable');
      const search = await dispatcher.command('episode', { query: QUERY }, CONSOLE);
      expect(search.body).toContain(TRANSCRIPTS_UNAVAILABLE_NOTICE);
      expect(outages).toHaveLength(2);
      expect(outages[0]).toBeInstanceOf(StoreError);
      await proxy.back();
      expect((await dispatcher.command('random', {}, CONSOLE)).kind).toBe('episodes');
      expect(errors).toEqual([]);
      expect(events).toEqual(['random:answered', 'random:unavailable', 'podcast:unavailable', 'episode:answered', 'random:answered']);
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});

describe('transcript search over a store that throws (SQLite, closed)', () => {
  it('gives the same notice after the store closes under a warm library', async () => {
    const store = SqliteStore.open(':memory:');
    const library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
    expect((await episodeAnswer(library, QUERY)).episodes[0]!.snippet?.text).toMatch(/pronounce/);
    await store.close();
    expectMetadataOnly(await episodeAnswer(library, QUERY));
  });

  it('gives the same notice when the vocabulary was never read (the first search finds the store closed)', async () => {
    const store = SqliteStore.open(':memory:');
    const library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
    await store.close();
    expectMetadataOnly(await episodeAnswer(library, QUERY));
    expect((await library.plan(QUERY)).transcripts).toBe('unavailable');
  });
});
