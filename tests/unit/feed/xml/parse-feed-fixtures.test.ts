import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { count, describeWellFormed, feedFolder, isMalformed } from '../../../helpers/feed-fixtures.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';

/**
 * Feeds written for this project (tests/fixtures/feeds, described by its manifest.json): one small
 * feed per edge case that real feeds have (the same cases as the team's ../shared/feeds, which
 * parse-feed-shared.test.ts reads when it is there), so a clone alone tests them all.
 */
const DIR = fileURLToPath(new URL('../../../fixtures/feeds/', import.meta.url));
const folder = feedFolder(DIR, 'manifest.json');
const { episodes, parsed, read } = folder;
const wellFormed = folder.manifest.filter((f) => !isMalformed(f));
const titles = (fragment: string) => episodes(fragment).map((e) => e.title);

describe('feed fixtures (tests/fixtures/feeds/manifest.json)', () => {
  it('describes every feed of the folder, one of them malformed', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'manifest.json').sort();
    expect(folder.manifest.map((f) => f.file).sort()).toEqual(files);
    expect(folder.manifest.filter(isMalformed).map((f) => f.file)).toEqual(['broken-channel.xml']);
  });

  describeWellFormed(wellFormed, folder);

  it('refuses the feed without its <channel> tag, naming the file, the problem and the line', () => {
    const result = parseFeed(read('broken-channel.xml'), { feedName: 'broken-channel.xml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('Feed "broken-channel.xml" is not valid XML');
    expect(result.error).toMatch(/closing tag <\/channel> .* at line 12/);
  });
});

describe('feed fixtures: specific behaviours', () => {
  it('reads every itunes:duration form, minutes over 59 included, and leaves 0, blank and impossible ones unknown', () => {
    expect(episodes('tidepool').map((e) => e.durationSeconds)).toEqual([3723, 4500, 4530, 2710, 2712, null, null, null]);
    expect(episodes('wombat').map((e) => e.durationSeconds)).toEqual([581, 750, 365]);
  });

  it('reads the iTunes namespace under any prefix, declared on the root or on the element', () => {
    expect(episodes('odd-prefix').map((e) => e.durationSeconds)).toEqual([2700, 1800, 1500]);
  });

  it('parses a feed with whitespace before the XML declaration and no artwork', () => {
    const feed = parsed('tidepool-talks.xml');
    expect(feed.podcast).toMatchObject({ title: 'Tidepool Talks', imageUrl: null });
    expect(feed.episodes.every((e) => e.imageUrl === null)).toBe(true);
    expect(parsed('wombat-radio.xml').podcast).toMatchObject({ imageUrl: 'https://wombat-radio.example.org/art.png', publisher: 'The Burrow Collective' });
  });

  it('keeps both items that share a guid, with distinct ids, and says so', () => {
    const kelp = episodes('tidepool').filter((e) => e.guid === 'tidepool-007');
    expect(kelp.map((e) => e.title)).toEqual(['The long one about kelp', 'The long one about kelp (re-upload)']);
    expect(kelp[1]!.id).toBe(`${kelp[0]!.id}-2`);
    expect(parsed('tidepool-talks.xml').warnings.join('\n')).toMatch(/item 4 .* repeats the identity of an earlier item/);
  });

  it('maps Podcasting 2.0 tags: people by role, transcripts, chapters, season and episode; a liveItem is no episode', () => {
    const feed = parsed('lighthouse-log.xml');
    const [latest, older] = feed.episodes;
    expect(feed.episodes.map((e) => e.title)).not.toContain('Live from the gallery');
    expect(latest).toMatchObject({ season: 2, episodeNumber: 5, transcriptUrl: 'https://lighthouse.example.com/ep2/transcript.txt' });
    expect(latest!.hosts.map((p) => p.name)).toEqual(['Mira Okafor']);
    expect(latest!.guests.map((p) => p.name)).toEqual(['Tomasz Wren']); // the cover-art credit is neither
    expect(older!.hosts.map((p) => p.name)).toEqual(['Mira Okafor']);
    expect(feed.chapterSources).toEqual({ [latest!.id]: 'https://lighthouse.example.com/ep2/chapters.json' });
    expect(feed.transcriptSources[latest!.id]!.map((s) => s.type)).toEqual(['text/plain', 'text/vtt']);
    expect(feed.transcriptSources[older!.id]!.map((s) => s.url)).toEqual(['https://lighthouse.example.com/ep1/transcript.srt']);
  });

  it('reads podcast:transcript with its namespace never declared', () => {
    expect(episodes('bare-transcript')[0]).toMatchObject({
      title: 'Trailer: spines and sockets',
      transcriptUrl: 'https://hedgehog.example.org/trailer/transcript.txt',
      audioUrl: 'https://hedgehog.example.org/trailer.mp3',
    });
  });

  it('reads Podlove chapters in every start-time form', () => {
    const [raft] = episodes('podlove');
    expect(raft!.chapters.map((c) => c.startSeconds)).toEqual([0, 5, 150, 3723, 3723]);
    expect(raft!.chapters.map((c) => c.title)).toEqual(['Cold open', 'Who holds whose paw', 'Kelp anchors', 'Drifting apart', 'Listener questions']);
  });

  it('gives guid-less items stable ids of their own, keyed on the audio or the link, and a fallback title', () => {
    const [untitled, silent] = episodes('no-guid');
    expect(untitled).toMatchObject({ guid: null, title: 'Untitled episode', audioUrl: 'https://badgers.example.com/audio/first-sett.ogg' });
    expect(untitled!.id).toMatch(/^ep-[0-9a-f]{16}$/);
    expect(silent).toMatchObject({ guid: null, title: 'Setts without audio', audioUrl: null, episodeUrl: 'https://badgers.example.com/episodes/no-audio' });
    expect(silent!.id).not.toBe(untitled!.id);
    expect(parsed('no-guid.rss').warnings.join('\n')).toMatch(/has no title; using "Untitled episode"/);
  });

  it('treats an empty guid as none: the id follows the audio, not the title', () => {
    const [twelve, eleven, ten] = episodes('empty-guid');
    expect([twelve!.guid, eleven!.guid, ten!.guid]).toEqual([null, null, 'salamander-10']);
    const retitled = parseFeed(read('empty-guid.xml').replace('Regenerating state', 'Regenerating state (remastered)'), { feedName: 'x' });
    expect(retitled.ok && retitled.feed.episodes[0]).toMatchObject({ id: twelve!.id, title: 'Episode 12: Regenerating state (remastered)' });
  });

  it('takes the audio of an enclosure that carries text', () => {
    expect(episodes('enclosure-text')[0]!.audioUrl).toBe('https://herons.example.org/minute-1.mp3');
  });

  it('keeps the audio of enclosures without a length or with a non-standard type', () => {
    expect(episodes('no-durations').map((e) => [e.guid === e.audioUrl, e.durationSeconds])).toEqual([[true, null], [true, null], [true, null]]);
  });

  it('turns entity-escaped HTML into text: line breaks, bullets, link texts without URLs, one decoding of &amp;amp;', () => {
    const [shiny, welcome] = episodes('escaped-html');
    expect(shiny!.description).toBe('Your saved articles, read aloud.\n\n• Save a link\n• Listen on the bus\n\nQuestions: the help page & the forum.');
    expect(welcome!.description).toBe('Hello & welcome.');
    expect(episodes('stylesheet-pi')[0]!.description).toBe('Why every moth finds the porch.\n\nLinks:\nporch');
  });

  it('reads pubDates with a zone name or an offset', () => {
    expect(episodes('escaped-html').map((e) => e.publishedAt)).toEqual(['2027-06-05T14:00:00Z', '2027-06-04T14:30:00Z']);
    expect(episodes('empty-guid')[0]!.publishedAt).toBe('2027-03-03T15:00:00Z');
  });

  it('keeps the undated item at its feed position', () => {
    const feedIndex = read('undated-item.rss').split(/<item[\s>]/).slice(1).findIndex((item) => !item.includes('<pubDate>'));
    expect(feedIndex).toBe(2);
    expect(episodes('undated-item')[feedIndex]).toMatchObject({ publishedAt: null, title: 'PHD-38: The ticket with no date' });
  });

  it('lists a serial newest first, whatever the feed order, with its seasons and episode numbers', () => {
    expect(titles('serial')).toEqual(['Part 4: Homing', 'Part 3: The loft', 'Part 2: Feathers on the wire', 'Part 1: A message unsent', 'Trailer']);
    expect(episodes('serial').map((e) => [e.season, e.episodeNumber])).toEqual([[1, 4], [1, 3], [1, 2], [1, 1], [null, null]]);
  });

  it('keeps text beyond ASCII exactly as written, in UTF-8 and in windows-1252', () => {
    expect(titles('accents')).toEqual(['Observabilidade: ação e reação', 'Grüße aus Köln: incidentes à distância', 'Café, pager e 日本語']);
    expect(episodes('accents')[0]!.description).toBe('Métricas, rastros e ênfase no que importa — com Inês Araújo.');
    expect(parsed('accents-utf8.xml').podcast).toMatchObject({ title: 'Conversas de Plantão', language: 'pt-BR' });
    const [second, first] = episodes('cafe-latin');
    expect([second!.title, first!.title]).toEqual(['“Épisode 2” – Les crêpes à 5 €', 'Épisode 1 : Ça commence']);
    expect(second!.description).toBe('Un entretien sur l’été, les pannes… et la reprise.');
    expect(parsed('cafe-latin.xml').podcast.description).toContain('« », € et ‘apostrophes’');
  });

  it('parses a large feed (800 items, about 1.5 MB, the namespace re-declared on every element) in reasonable time', { timeout: 120_000 }, () => {
    const items = Array.from({ length: 800 }, (_, i) => `
    <item>
      <title>Bombcast-style episode ${800 - i}</title>
      <guid isPermaLink="false">large-${800 - i}</guid>
      <pubDate>${new Date(Date.UTC(2027, 0, 1) - i * 86_400_000).toUTCString()}</pubDate>
      <enclosure url="https://large.example.com/${800 - i}.mp3" length="1" type="audio/mpeg"/>
      <itunes:duration xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">${i % 20 === 0 ? 0 : 3000 + i}</itunes:duration>
      <itunes:author xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">The Large Crew</itunes:author>
      <description>${'A long rambling description of the week in games and feeds. '.repeat(25)}</description>
    </item>`);
    const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Large</title>${items.join('')}</channel></rss>`;
    expect(xml.length).toBeGreaterThan(1_400_000);
    const started = performance.now();
    const result = parseFeed(xml, { feedName: 'large' });
    expect(performance.now() - started).toBeLessThan(30_000); // a guard against pathological parsing; speed is in npm run bench
    if (!result.ok) throw new Error(result.error);
    expect(result.feed.episodes).toHaveLength(800);
    expect(count(result.feed.episodes, (e) => e.durationSeconds === null)).toBe(40);
  });
});
