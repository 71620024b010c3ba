import { describe, expect, it } from 'vitest';
import type { Catalog, Episode } from '../../../../src/core/model/catalog-schema.ts';
import type { TranscriptSegment } from '../../../../src/core/model/transcript-segment.ts';
import type { Library, LibrarySettings } from '../../../../src/core/search/library.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

/**
 * A catalog big enough for the old caps: 300 episodes, each with a transcript of 40 timed
 * segments (12,000 in all), where "observability" is said in 3 segments of every episode
 * (900 segments: more than the 500 a word could be in before it was no longer looked up
 * in transcripts) and "cloud" is in every title (more than 30 % of 200+ episodes: it
 * used to be dropped from queries with other words).
 */
const EPISODES = 300;
const SEGMENTS = 40;
const shipped = shippedCatalog();
const template = shipped.episodes[0]!;
const filler = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);

function episode(i: number): Episode {
  const title = i === 5 ? 'Cloud talk about a flamingo' : i === 6 ? 'Cloud talk about flemingoz' : `Cloud talk number ${i}`;
  return { ...template, id: `ep-${i}`, title, description: `Talk ${i}.`, chapters: [], guests: [], transcriptExcerpt: null, publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString() };
}

function transcript(i: number): TranscriptSegment[] {
  return Array.from({ length: SEGMENTS }, (_, s) => {
    const words = Array.from({ length: 30 }, (_, k) => filler[(i * 7 + s * 13 + k) % filler.length]!);
    if (s % 13 === 3) words.splice(10, 0, 'observability', ...(s === 3 && i % 10 === 0 ? ['observability', 'observability'] : []));
    if (i === 7 && s === 20) words.splice(5, 0, 'we', 'flew', 'to', 'zanzibar', 'for', 'observability');
    if (i === 9 && s === 30) words.splice(5, 0, 'pink', 'flamingos', 'everywhere');
    return { startSeconds: s * 60 + 67, endSeconds: s * 60 + 120, speaker: 'Host', text: words.join(' ') };
  });
}

async function library(settings: LibrarySettings = {}): Promise<Library> {
  const catalog: Catalog = { ...shipped, episodes: Array.from({ length: EPISODES }, (_, i) => episode(i)) };
  const lib = await memoryLibrary(catalog, settings);
  for (let i = 0; i < EPISODES; i++) await lib.transcripts.replaceTranscript(`ep-${i}`, transcript(i));
  await lib.warmUp();
  return lib;
}

const big = await library();

describe('every typed word is looked for, at bounded cost, in a big catalog', () => {
  it('finds a word said in 900 segments, with its quote and minute', async () => {
    const page = await big.search('observability', 0, 5);
    expect(page.unmatched).toEqual([]);
    expect(page.total).toBeGreaterThan(0);
    for (const hit of page.hits) {
      expect(hit.fields).toContain('transcript');
      expect(hit.snippet?.source).toBe('transcript');
      expect(hit.snippet?.startSeconds).toEqual(expect.any(Number));
      expect(hit.snippet?.text).toContain('observability');
    }
    // ep-7 says it in 4 segments, every other episode in 3: ep-7 first, then the newest.
    expect(page.hits.map((h) => h.episodeId)).toEqual(['ep-7', 'ep-299', 'ep-298', 'ep-297', 'ep-296']);
  });

  it('scores a frequent word among the episodes the rarer words found: both words count, the quote shows both', async () => {
    const page = await big.search('observability zanzibar');
    const first = page.hits[0]!;
    expect(first.episodeId).toBe('ep-7');
    expect(first.matchedTerms).toEqual(['observability', 'zanzibar']);
    expect(first.snippet?.startSeconds).toBe(20 * 60 + 67);
    expect(first.snippet?.highlights.length).toBeGreaterThanOrEqual(2);
    expect(page.unmatched).toEqual([]);
  });

  it('keeps a word that is in most titles in a query with other words', async () => {
    const first = (await big.search('cloud zanzibar')).hits[0]!;
    expect(first.episodeId).toBe('ep-7');
    expect(first.matchedTerms).toEqual(['cloud', 'zanzibar']);
  });

  it('names as absent only a word in no metadata and no transcript', async () => {
    expect((await big.search('observability quantum')).unmatched).toEqual(['quantum']);
    expect((await big.search('cloud quantum')).unmatched).toEqual(['quantum']);
    expect((await big.search('quantum')).unmatched).toEqual(['quantum']);
  });

  it('finds a frequent word typed with a typo', async () => {
    const page = await big.search('observabilty', 0, 3);
    expect(page.unmatched).toEqual([]);
    expect(page.hits[0]?.snippet?.text).toContain('observability');
    expect(page.hits[0]?.snippet?.startSeconds).toEqual(expect.any(Number));
  });

  it('bounds a query of frequent words only to their last stored segments', async () => {
    const small = await library({ search: { frequentLatestSegments: 4 } });
    const page = await small.search('observability', 0, 10);
    expect(page.total).toBeGreaterThan(0);
    expect(page.total).toBeLessThanOrEqual(4);
    for (const hit of page.hits) expect(hit.snippet?.startSeconds).toEqual(expect.any(Number));
  });
});

describe('a transcript hit keeps its quote and minute whatever else matches the word', () => {
  it('shows the quote at its minute when other titles hold spellings one and two letters away', async () => {
    const page = await big.search('flamingos');
    expect(page.hits.map((h) => h.episodeId).sort()).toEqual(['ep-5', 'ep-6', 'ep-9']);
    const hit = page.hits.find((h) => h.episodeId === 'ep-9')!;
    expect(hit.fields).toEqual(['transcript']);
    expect(hit.snippet?.source).toBe('transcript');
    expect(hit.snippet?.startSeconds).toBe(30 * 60 + 67);
    expect(hit.snippet?.speaker).toBe('Host');
    expect(hit.snippet?.text).toContain('flamingos');
  });

  it('plans each word once: the transcript is searched for the word typed, not for the near spellings of titles', async () => {
    const [word] = (await big.plan('Flamingos!')).words;
    expect(word!.word).toBe('flamingos');
    expect(word!.inMetadata).toBe(false);
    expect([...word!.near.keys()].sort()).toEqual(['flamingo', 'flemingoz']);
    expect(word!.transcript?.terms).toEqual(['flamingos']);
  });
});
