import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogSchema, CATALOG_FORMAT_VERSION } from '../../src/core/model/catalog-schema.ts';
import type { Episode } from '../../src/core/model/catalog-schema.ts';
import { decodeFeedBytes } from '../../src/feed/fetch/decode-feed-bytes.ts';
import { parseFeed } from '../../src/feed/xml/parse-feed.ts';
import type { ParsedFeed } from '../../src/feed/xml/parse-feed.ts';

/**
 * One feed of a fixture folder, as its manifest describes it (the census of what the file holds):
 * tests/fixtures/feeds/manifest.json, and ../shared/feeds/MANIFEST.json in the same shape.
 */
export interface FeedFixture {
  file: string;
  /** What the feed is a case of; "malformed" in it marks a feed that must be refused. */
  notes: string;
  items: number;
  /** How many items write their itunes:duration in each form ("HH:MM:SS": 3); zero, empty and invalid ones mean unknown. */
  itunes_duration_formats: Record<string, number>;
  items_without_guid: number;
  items_without_enclosure: number;
  items_without_pubDate: number;
}

/** Duration forms that say nothing about the length: the episode's duration is unknown (null). */
const UNKNOWN_DURATION_FORMS = ['zero', 'empty', 'invalid'];

export const isMalformed = (fixture: FeedFixture): boolean => /malformed/i.test(fixture.notes);
export const count = (episodes: Episode[], test: (e: Episode) => boolean): number => episodes.filter(test).length;

/** A fixture folder: its manifest, each file's text (decoded as a fetched feed is) and its parse, cached. */
export function feedFolder(dir: string, manifestName: string) {
  const manifest = JSON.parse(readFileSync(join(dir, manifestName), 'utf8')) as FeedFixture[];
  const read = (file: string): string => decodeFeedBytes(readFileSync(join(dir, file)), null);
  const cache = new Map<string, ParsedFeed>();
  const parsed = (file: string): ParsedFeed => {
    const cached = cache.get(file);
    if (cached) return cached;
    const result = parseFeed(read(file), { feedName: file });
    if (!result.ok) throw new Error(result.error);
    cache.set(file, result.feed);
    return result.feed;
  };
  const find = (fragment: string): FeedFixture => {
    const fixture = manifest.find((f) => f.file.includes(fragment));
    if (!fixture) throw new Error(`no fixture named like "${fragment}" in ${dir}`);
    return fixture;
  };
  return { manifest, read, parsed, find, episodes: (fragment: string) => parsed(find(fragment).file).episodes };
}

/** What every well-formed feed must give, checked against the manifest's census of each file. */
export function describeWellFormed(fixtures: FeedFixture[], folder: ReturnType<typeof feedFolder>): void {
  describe.each(fixtures.map((f) => [f.file, f] as const))('%s', (file, fixture) => {
    it('turns every item into an episode', () => {
      expect(folder.parsed(file).episodes).toHaveLength(fixture.items);
    });

    it('yields unique slug ids that form a valid catalog', () => {
      const { podcast, episodes } = folder.parsed(file);
      expect(new Set(episodes.map((e) => e.id)).size).toBe(episodes.length);
      expect(catalogSchema.safeParse({ version: CATALOG_FORMAT_VERSION, podcast, episodes }).success).toBe(true);
    });

    it('reads durations in the forms the manifest counts (0, blank or impossible means unknown)', () => {
      const known = Object.entries(fixture.itunes_duration_formats)
        .filter(([form]) => !UNKNOWN_DURATION_FORMS.includes(form))
        .reduce((sum, [, n]) => sum + n, 0);
      expect(count(folder.parsed(file).episodes, (e) => e.durationSeconds !== null)).toBe(known);
    });

    it('leaves guid, pubDate and audio empty exactly where the feed lacks them', () => {
      const { episodes } = folder.parsed(file);
      expect(count(episodes, (e) => e.guid === null)).toBe(fixture.items_without_guid);
      expect(count(episodes, (e) => e.publishedAt === null)).toBe(fixture.items_without_pubDate);
      expect(count(episodes, (e) => e.audioUrl === null)).toBe(fixture.items_without_enclosure);
    });

    it('gives the same ids on a second parse', () => {
      const again = parseFeed(folder.read(file), { feedName: file });
      expect(again.ok && again.feed.episodes.map((e) => e.id)).toEqual(folder.parsed(file).episodes.map((e) => e.id));
    });

    it('lists dated episodes newest first', () => {
      const times = folder.parsed(file).episodes.filter((e) => e.publishedAt !== null).map((e) => Date.parse(e.publishedAt!));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('produces plain-text descriptions without markup or leftover entities', () => {
      for (const e of folder.parsed(file).episodes) expect(e.description).not.toMatch(/<\/?[a-z][^>]*>|&(?:lt|gt|amp|nbsp|#\d+);/i);
    });
  });
}
