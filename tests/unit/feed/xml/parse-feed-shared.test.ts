import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSchema, CATALOG_FORMAT_VERSION } from '../../../../src/core/model/catalog-schema.ts';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';
import type { ParsedFeed } from '../../../../src/feed/xml/parse-feed.ts';

/** The shared fixture directory, /work/shared/feeds (read by tests only, never by runtime code). */
const FEEDS_DIR = new URL('../../../../../shared/feeds/', import.meta.url);

interface ManifestEntry {
  file: string;
  notes: string;
  items: number;
  itunes_duration_formats: Record<string, number>;
  items_without_guid: number;
  items_without_enclosure: number;
  items_without_pubDate: number;
  html_in_description: boolean;
  podcast_namespace_tags: string[];
  well_formed_xml_etree: string;
}

const manifest = JSON.parse(readFileSync(new URL('MANIFEST.json', FEEDS_DIR), 'utf8')) as ManifestEntry[];
const read = (file: string): string => readFileSync(new URL(file, FEEDS_DIR), 'utf8');

/**
 * A fixture is malformed when its notes say so. Two other files fail Python's
 * ElementTree but are not malformed for us: itunes-missing-image (whitespace
 * before `<?xml`, which the manifest says to strip) and
 * episode_podcast_transcript (prefixes used without xmlns declarations: a
 * namespace error, not an XML 1.0 well-formedness error).
 */
const isMalformed = (entry: ManifestEntry): boolean => /malformed/i.test(entry.notes);

/**
 * Where the manifest's census disagrees with what a feed actually says:
 * - itunes_duration.rss binds the iTunes namespace to the prefix `it:`
 *   (`<it:duration>00:20:00`); the census missed it, a namespace-aware parser reads it.
 * - se-radio.xml has 166 items with an empty `<guid isPermaLink="false"/>`; the
 *   census counts them as having a guid, but an empty guid identifies nothing,
 *   so those episodes get guid null and an id keyed on the enclosure URL.
 */
const MANIFEST_CORRECTIONS: Record<string, Partial<ManifestEntry>> = {
  'gpodder__podcastparser__tests__data__itunes_duration.rss': { itunes_duration_formats: { 'HH:MM:SS': 1 } },
  'akupila__node-podcast-parser__test__fixtures__se-radio.xml': { items_without_guid: 166 },
};

const corrected = (entry: ManifestEntry): ManifestEntry => ({ ...entry, ...MANIFEST_CORRECTIONS[entry.file] });

const parsedCache = new Map<string, ParsedFeed>();
function parsed(entry: ManifestEntry): ParsedFeed {
  const cached = parsedCache.get(entry.file);
  if (cached) return cached;
  const result = parseFeed(read(entry.file), { feedName: entry.file });
  if (!result.ok) throw new Error(result.error);
  parsedCache.set(entry.file, result.feed);
  return result.feed;
}

const count = (episodes: Episode[], test: (e: Episode) => boolean): number => episodes.filter(test).length;
const wellFormed = manifest.filter((e) => !isMalformed(e)).map(corrected);
const malformed = manifest.filter(isMalformed);

describe('feed fixtures (MANIFEST.json)', () => {
  it('lists both well-formed and malformed fixtures', () => {
    expect(wellFormed.length).toBeGreaterThan(10);
    expect(malformed.map((e) => e.file)).toEqual(['jbierfeldt__podcast-feed-parser__test__testfiles__bc-sample-bad.xml']);
  });

  describe.each(wellFormed.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
    it('turns every item into an episode', () => {
      expect(parsed(entry).episodes).toHaveLength(entry.items);
    });

    it('yields unique slug ids that form a valid catalog', () => {
      const { podcast, episodes } = parsed(entry);
      expect(new Set(episodes.map((e) => e.id)).size).toBe(episodes.length);
      expect(catalogSchema.safeParse({ version: CATALOG_FORMAT_VERSION, podcast, episodes }).success).toBe(true);
    });

    it('reads durations in the forms the manifest counts (0 means unknown)', () => {
      const formats = entry.itunes_duration_formats;
      const known = Object.entries(formats).filter(([form]) => form !== 'zero').reduce((sum, [, n]) => sum + n, 0);
      expect(count(parsed(entry).episodes, (e) => e.durationSeconds !== null)).toBe(known);
    });

    it('leaves guid, pubDate and audio empty exactly where the feed lacks them', () => {
      const { episodes } = parsed(entry);
      expect(count(episodes, (e) => e.guid === null)).toBe(entry.items_without_guid);
      expect(count(episodes, (e) => e.publishedAt === null)).toBe(entry.items_without_pubDate);
      expect(count(episodes, (e) => e.audioUrl === null)).toBe(entry.items_without_enclosure);
    });

    it('gives the same ids on a second parse', () => {
      const again = parseFeed(read(entry.file), { feedName: entry.file });
      expect(again.ok && again.feed.episodes.map((e) => e.id)).toEqual(parsed(entry).episodes.map((e) => e.id));
    });

    it('lists dated episodes newest first', () => {
      const times = parsed(entry).episodes.filter((e) => e.publishedAt !== null).map((e) => Date.parse(e.publishedAt!));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('produces plain-text descriptions without markup or leftover entities', () => {
      for (const e of parsed(entry).episodes) expect(e.description).not.toMatch(/<\/?[a-z][^>]*>|&(?:lt|gt|amp|nbsp|#\d+);/i);
    });
  });

  describe.each(malformed.map((e) => [e.file, e] as const))('%s (malformed)', (file) => {
    it('fails with an error naming the file, the problem and the line', () => {
      const result = parseFeed(read(file), { feedName: file });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toContain(`Feed "${file}" is not valid XML`);
      expect(result.error).toMatch(/closing tag <\/channel> .* at line 109/);
    });
  });
});

describe('feed fixtures: specific behaviours', () => {
  const entry = (fragment: string): ManifestEntry => manifest.find((e) => e.file.includes(fragment))!;
  const episodes = (fragment: string): Episode[] => parsed(entry(fragment)).episodes;

  it('reads minutes over 59 ("92:20") and treats 0 durations as unknown', () => {
    expect(episodes('itunes-missing-image').some((e) => e.durationSeconds === 92 * 60 + 20)).toBe(true);
    expect(count(episodes('giantbomb'), (e) => e.durationSeconds === null)).toBe(34);
    expect(episodes('apple-example').map((e) => e.durationSeconds)).toContain(7 * 60 + 4);
  });

  it('reports the repeated guid in the Taverncast feed and still keeps both items', () => {
    expect(parsed(entry('itunes-missing-image')).warnings.join('\n')).toMatch(/repeats the identity/);
  });

  it('maps the Podcasting 2.0 example: people, transcript and chapters URLs', () => {
    const feed = parsed(entry('Podcastindex-org'));
    const latest = feed.episodes[0]!;
    expect(latest.hosts.map((p) => p.name)).toEqual(['Adam Curry']);
    expect(latest.guests.map((p) => p.name)).toEqual(['Dave Jones']);
    expect(latest.transcriptUrl).toBe('https://example.com/ep3/transcript.txt');
    expect(feed.chapterSources[latest.id]).toBe('https://example.com/ep3_chapters.json');
  });

  it('reads an undeclared podcast:transcript and Podlove chapters', () => {
    expect(episodes('episode_podcast_transcript')[0]!.transcriptUrl).toBe('https://example.com/1/transcript.txt');
    expect(episodes('chapters.rss')[0]!.chapters.map((c) => c.startSeconds)).toEqual([0, 1, 62, 3723, 3723]);
  });

  it('gives guid-less items stable ids and a fallback title', () => {
    const [ep] = episodes('no_guid');
    expect(ep).toMatchObject({ guid: null, title: 'Untitled episode', audioUrl: 'http://example.com/test.ogg' });
    expect(ep!.id).toMatch(/^ep-[0-9a-f]{16}$/);
  });

  it('turns entity-escaped HTML into text (Narro)', () => {
    expect(episodes('narro')[0]!.description).toBe(
      'Listen to your reading list anywhere. Narro will take your bookmarked articles and read them back to you as a podcast.\nhttp://www.narro.co/faq',
    );
  });

  it('keeps the undated item at its feed position', () => {
    const e = entry('episode-with-no-pub-date');
    const feedIndex = read(e.file).split(/<item[\s>]/).slice(1).findIndex((item) => !item.includes('<pubDate>'));
    const list = episodes('episode-with-no-pub-date');
    expect(list[feedIndex]!.publishedAt).toBeNull();
    expect(list[feedIndex]!.title).toMatch(/PHD151/);
  });

  it('parses the 1.6 MB Giant Bombcast feed in reasonable time', () => {
    const started = performance.now();
    expect(parseFeed(read(entry('giantbomb').file), { feedName: 'giantbomb' }).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
