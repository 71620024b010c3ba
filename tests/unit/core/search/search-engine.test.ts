import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import type { Library } from '../../../../src/core/search/library.ts';
import { LIBRARY_STATE_VERSION } from '../../../../src/library/library-state.ts';
import { loadLibrary } from '../../../../src/library/saved-library.ts';
import { SqliteStore } from '../../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog, shippedLibrary } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

const library = await shippedLibrary();
const topTitle = async (q: string, lib = library) => {
  const hit = (await lib.search(q)).hits[0];
  return hit ? lib.get(hit.episodeId)!.title : undefined;
};
const ids = async (q: string, lib: Library = library) => (await lib.search(q, 0, 50)).hits.map((h) => h.episodeId);

describe('queries no test list names', () => {
  it('counts two swapped letters as one typo', async () => {
    expect(await topTitle('kuberentes')).toBe('Jérôme Petazzoni');
    expect(await topTitle('hidlago')).toBe('Alex Hidalgo');
    expect(await topTitle('temproal')).toBe('Maxim Fateev and Samar Abbas');
  });

  it('finds guests by surname, misspelt or not', async () => {
    expect(await topTitle('pawlikowsky')).toBe('Mikolaj Pawlikowski');
    expect(await topTitle('dolezal')).toMatch(/^Taylor Dolezal/);
    expect(await topTitle('marrero')).toBe('Omar Marrero');
  });

  it('answers punctuation-only and emoji queries with nothing, and ignores emoji beside words', async () => {
    expect((await library.search('!!!')).total).toBe(0);
    expect((await library.search('🔥')).total).toBe(0);
    expect(await ids('🔥 chaos')).toEqual(await ids('chaos'));
  });

  it('searches a long pasted sentence by its words', async () => {
    const q = 'what is the episode where they talk about migrating from on prem to aws and the accidental sre journey';
    expect(await topTitle(q)).toBe('Paul Marsicovetere');
    expect((await library.search('a'.repeat(80))).total).toBe(0);
  });

  it('says which query words matched nothing', async () => {
    const page = await library.search('quantum kubernetes');
    expect(page.unmatched).toEqual(['quantum']);
    expect(library.get(page.hits[0]!.episodeId)!.title).toBe('Jérôme Petazzoni');
  });

  it('searches only the episodes a filter accepts (one show)', async () => {
    const all = await ids('chaos');
    const some = await library.search('chaos', 0, 50, (ep) => ep.id !== all[0]);
    expect(some.hits.map((h) => h.episodeId)).toEqual(all.slice(1));
    expect((await library.search('chaos', 0, 50, (ep) => ep.id === 'omar-marrero')).hits.map((h) => h.episodeId)).toEqual(['omar-marrero']);
  });
});

const quiet = (id: string, over: Partial<Episode>): Episode => ({
  ...shippedCatalog().episodes[16]!,
  id,
  guests: [],
  hosts: [],
  chapters: [],
  description: 'A conversation.',
  transcriptExcerpt: null,
  publishedAt: '2021-01-01',
  ...over,
});

describe('transcripts in the transcript store (SQLite FTS5)', () => {
  it('makes a fetched transcript searchable at once, quoted with its minute and speaker', async () => {
    const lib = await memoryLibrary(shippedCatalog());
    expect(await lib.transcripts.hasTranscript('veronica-lopez')).toBe(false);
    await lib.transcripts.replaceTranscript('veronica-lopez', [
      { startSeconds: 12, endSeconds: 40, speaker: 'Jason', text: 'Welcome back to the show.' },
      { startSeconds: 1394, endSeconds: 1420, speaker: 'Veronica', text: 'We moved our zanzibar authorization service to three regions.' },
    ]);
    expect(await lib.transcripts.hasTranscript('veronica-lopez')).toBe(true);
    const hit = (await lib.search('zanzibar')).hits[0]!;
    expect(hit.episodeId).toBe('veronica-lopez');
    expect(hit.fields).toEqual(['transcript']);
    expect(hit.snippet).toMatchObject({ source: 'transcript', startSeconds: 1394, speaker: 'Veronica' });
    const [s, e] = hit.snippet!.highlights[0]!;
    expect(hit.snippet!.text.slice(s, e)).toBe('zanzibar');
    expect((await lib.search('zanizbar')).hits[0]?.episodeId).toBe('veronica-lopez');
  });

  it('quotes each episode from its own transcript when a word is said in several', async () => {
    const lib = await memoryLibrary(shippedCatalog());
    await lib.transcripts.replaceTranscript('veronica-lopez', [
      { startSeconds: 10, endSeconds: null, speaker: 'Veronica', text: 'A runbook nobody has followed is fiction.' },
      { startSeconds: 276, endSeconds: null, speaker: 'Jason', text: 'Then we restored the wombat cluster.' },
    ]);
    await lib.transcripts.replaceTranscript('ryan-kitchens', [{ startSeconds: 760, endSeconds: null, speaker: 'Ryan', text: 'We deleted every wombat alert that nobody acted on.' }]);
    const hits = (await lib.search('nobody wombat', 0, 5)).hits.filter((h) => h.snippet?.source === 'transcript');
    const quoted = Object.fromEntries(hits.map((h) => [h.episodeId, [h.snippet!.speaker, h.snippet!.startSeconds]]));
    expect(quoted).toEqual({ 'veronica-lopez': ['Veronica', 10], 'ryan-kitchens': ['Ryan', 760] });
  });

  it('replaces an episode’s transcript, the catalog excerpt included', async () => {
    const lib = await memoryLibrary(shippedCatalog());
    expect(await ids('failover', lib)).toContain('omar-marrero');
    await lib.transcripts.replaceTranscript('omar-marrero', [{ startSeconds: 0, endSeconds: null, speaker: null, text: 'Only talk of zebras here.' }]);
    expect(await ids('failover', lib)).not.toContain('omar-marrero');
    expect(await ids('zebras', lib)).toEqual(['omar-marrero']);
  });

  it('finds words of transcripts stored after the first search with a typo, and forgets replaced ones', async () => {
    const lib = await memoryLibrary(shippedCatalog());
    await lib.search('chaos');
    await lib.transcripts.replaceTranscript('veronica-lopez', [{ startSeconds: 5, endSeconds: null, speaker: null, text: 'Our zanzibar service, zanzibar again.' }]);
    expect((await lib.search('zanizbar')).hits[0]?.episodeId).toBe('veronica-lopez');
    await lib.transcripts.replaceTranscript('veronica-lopez', [{ startSeconds: 5, endSeconds: null, speaker: null, text: 'Only quetzalcoatl now.' }]);
    expect(await ids('zanizbar', lib)).not.toContain('veronica-lopez');
    expect((await lib.search('quetzalcoatel')).hits[0]?.episodeId).toBe('veronica-lopez');
  });

  it('ranks a title match above an episode that only mentions the word', async () => {
    const chatter = 'We mentioned quokka once, and the quokka again, quokka quokka, while talking about other things. ';
    const catalog = {
      ...shippedCatalog(),
      episodes: [quiet('mentions', { title: 'Other things', transcriptExcerpt: chatter.repeat(5), publishedAt: '2022-01-01' }), quiet('about-it', { title: 'Quokka resilience' })],
    };
    expect(await ids('quokka', await memoryLibrary(catalog))).toEqual(['about-it', 'mentions']);
  });
});

describe('the saved index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'episode-bot-index-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const catalogPath = join(dir, 'episodes.json');
  copyFileSync(new URL('../../../../data/episodes.json', import.meta.url), catalogPath);
  const dbPath = join(dir, 'index.db');

  it('is saved at the first start and loaded at the next, with the same answers', async () => {
    const first = await loadLibrary(catalogPath, SqliteStore.open(dbPath));
    expect(first.ok && first.value.source).toBe('catalog');
    const second = await loadLibrary(catalogPath, SqliteStore.open(dbPath));
    if (!second.ok || !first.ok) throw new Error('not loaded');
    expect(second.value.source).toBe('saved');
    for (const q of ['database failover', 'kuberntes', 'terra', 'istio']) expect(await ids(q, second.value.library)).toEqual(await ids(q, first.value.library));
    expect(await second.value.library.similarTo('omar-marrero')).toEqual(await first.value.library.similarTo('omar-marrero'));
  });

  it('is refused when of another format version, and rebuilt', async () => {
    const store = SqliteStore.open(dbPath);
    store.db.prepare('UPDATE search_state SET version = ?').run(LIBRARY_STATE_VERSION + 1);
    const loaded = await loadLibrary(catalogPath, store);
    expect(loaded.ok && loaded.value.source).toBe('catalog');
    expect(loaded.ok && loaded.value.note).toContain(`format version ${LIBRARY_STATE_VERSION + 1}`);
    expect(loaded.ok && (await ids('database failover', loaded.value.library))[0]).toBe('omar-marrero');
  });

  it('is rebuilt when the catalog file changed', async () => {
    utimesSync(catalogPath, new Date(), new Date(Date.now() + 5_000));
    const loaded = await loadLibrary(catalogPath, SqliteStore.open(dbPath));
    expect(loaded.ok && loaded.value.source).toBe('catalog');
    expect(loaded.ok && loaded.value.note).toContain('another version of the catalog');
  });
});

describe('recommendation reasons', () => {
  it('never gives a vacuous reason: a topic only broad words share is no reason', async () => {
    const catalog = {
      ...shippedCatalog(),
      episodes: [
        quiet('a', { title: 'Technology at scale', description: 'Technology and lemurs.' }),
        quiet('b', { title: 'Technology for all', description: 'Technology and lemurs.' }),
        quiet('c', { title: 'Gardening', description: 'Technology and tulips.' }),
      ],
    };
    const lib = await memoryLibrary(catalog);
    const recs = await lib.similarTo('a');
    expect(recs[0]).toMatchObject({ episodeId: 'b', reason: 'Also about lemurs' });
    for (const r of recs) expect(r.reason).not.toMatch(/technology/i);
  });
});
