import { describe, expect, it } from 'vitest';
import { count, describeWellFormed, feedFolder, isMalformed, type FeedFixture } from '../../../helpers/feed-fixtures.ts';
import { describeShared } from '../../../helpers/shared-material.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';

/**
 * Real feeds collected beside the repository (../shared/feeds, read by tests only, never by runtime
 * code). A clone alone skips this file; tests/fixtures/feeds (parse-feed-fixtures.test.ts) covers
 * the same behaviours with feeds written for this project.
 */
describeShared('feed fixtures (../shared/feeds/MANIFEST.json)', 'feeds', (dir) => {
  const folder = feedFolder(dir, 'MANIFEST.json');

  /**
   * Where the manifest's census disagrees with what a feed actually says:
   * - itunes_duration.rss binds the iTunes namespace to the prefix `it:`
   *   (`<it:duration>00:20:00`); the census missed it, a namespace-aware parser reads it.
   * - se-radio.xml has 166 items with an empty `<guid isPermaLink="false"/>`; the
   *   census counts them as having a guid, but an empty guid identifies nothing,
   *   so those episodes get guid null and an id keyed on the enclosure URL.
   */
  const MANIFEST_CORRECTIONS: Record<string, Partial<FeedFixture>> = {
    'gpodder__podcastparser__tests__data__itunes_duration.rss': { itunes_duration_formats: { 'HH:MM:SS': 1 } },
    'akupila__node-podcast-parser__test__fixtures__se-radio.xml': { items_without_guid: 166 },
  };
  const corrected = (entry: FeedFixture): FeedFixture => ({ ...entry, ...MANIFEST_CORRECTIONS[entry.file] });

  /**
   * A fixture is malformed when its notes say so. Two other files fail Python's
   * ElementTree but are not malformed for us: itunes-missing-image (whitespace
   * before `<?xml`, which the manifest says to strip) and
   * episode_podcast_transcript (prefixes used without xmlns declarations: a
   * namespace error, not an XML 1.0 well-formedness error).
   */
  const wellFormed = folder.manifest.filter((e) => !isMalformed(e)).map(corrected);
  const malformed = folder.manifest.filter(isMalformed);

  it('lists both well-formed and malformed fixtures', () => {
    expect(wellFormed.length).toBeGreaterThan(10);
    expect(malformed.map((e) => e.file)).toEqual(['jbierfeldt__podcast-feed-parser__test__testfiles__bc-sample-bad.xml']);
  });

  describeWellFormed(wellFormed, folder);

  describe.each(malformed.map((e) => [e.file, e] as const))('%s (malformed)', (file) => {
    it('fails with an error naming the file, the problem and the line', () => {
      const result = parseFeed(folder.read(file), { feedName: file });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toContain(`Feed "${file}" is not valid XML`);
      expect(result.error).toMatch(/closing tag <\/channel> .* at line 109/);
    });
  });

  describe('specific behaviours', () => {
    const { episodes, find, parsed, read } = folder;

    it('reads minutes over 59 ("92:20") and treats 0 durations as unknown', () => {
      expect(episodes('itunes-missing-image').some((e) => e.durationSeconds === 92 * 60 + 20)).toBe(true);
      expect(count(episodes('giantbomb'), (e) => e.durationSeconds === null)).toBe(34);
      expect(episodes('apple-example').map((e) => e.durationSeconds)).toContain(7 * 60 + 4);
    });

    it('reports the repeated guid in the Taverncast feed and still keeps both items', () => {
      expect(parsed(find('itunes-missing-image').file).warnings.join('\n')).toMatch(/repeats the identity/);
    });

    it('maps the Podcasting 2.0 example: people, transcript and chapters URLs', () => {
      const feed = parsed(find('Podcastindex-org').file);
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
      const e = find('episode-with-no-pub-date');
      const feedIndex = read(e.file).split(/<item[\s>]/).slice(1).findIndex((item) => !item.includes('<pubDate>'));
      const list = episodes('episode-with-no-pub-date');
      expect(list[feedIndex]!.publishedAt).toBeNull();
      expect(list[feedIndex]!.title).toMatch(/PHD151/);
    });

    it('parses the 1.6 MB Giant Bombcast feed in reasonable time', { timeout: 120_000 }, () => {
      const started = performance.now();
      expect(parseFeed(read(find('giantbomb').file), { feedName: 'giantbomb' }).ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(30_000); // a guard against pathological parsing; speed is in npm run bench
    });
  });
});
