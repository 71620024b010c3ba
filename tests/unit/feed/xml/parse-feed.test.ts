import { describe, expect, it } from 'vitest';
import { episodeSchema } from '../../../../src/core/model/catalog-schema.ts';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';
import type { ParsedFeed } from '../../../../src/feed/xml/parse-feed.ts';

const NS = [
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
  'xmlns:podcast="https://podcastindex.org/namespace/1.0"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
].join(' ');

function rss(channelInner: string, channelTitle = '<title>Test Show</title>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}>\n<channel>${channelTitle}\n${channelInner}\n</channel>\n</rss>\n`;
}

function parseOk(xml: string, feedName = 'test.xml'): ParsedFeed {
  const result = parseFeed(xml, { feedName });
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result.feed;
}

/** The single episode of a feed with one item (a guid is added unless the item sets its own). */
function episodeOf(itemInner: string, channelInner = ''): Episode {
  const guid = itemInner.includes('<guid') ? '' : '<guid>g-1</guid>';
  const feed = parseOk(rss(`${channelInner}<item><title>Ep</title>${guid}${itemInner}</item>`));
  expect(feed.episodes).toHaveLength(1);
  return feed.episodes[0]!;
}

function errorOf(xml: string, feedName = 'bad.xml', maxEntityExpansions?: number): string {
  const result = parseFeed(xml, { feedName, maxEntityExpansions });
  if (result.ok) throw new Error('expected a failure');
  expect(result.error).toContain(`Feed "${feedName}"`);
  expect(result.error).not.toMatch(/\n\s+at /); // no stack trace
  return result.error;
}

describe('parseFeed: channel', () => {
  it('maps title, plain description, publisher, language, image and link', () => {
    const feed = parseOk(rss(`<link>https://show.example/</link><language>en-gb</language>
      <description><![CDATA[<p>About <b>the</b> show</p>]]></description>
      <itunes:owner><itunes:name>Owner Name</itunes:name></itunes:owner>
      <itunes:image href="https://show.example/art.jpg"/>`));
    expect(feed.podcast).toEqual({
      title: 'Test Show', description: 'About the show', publisher: 'Owner Name', language: 'en-gb',
      imageUrl: 'https://show.example/art.jpg', links: [{ label: 'Website', url: 'https://show.example/' }],
    });
  });

  it('prefers itunes:author as publisher and falls back to <image><url> for artwork', () => {
    const feed = parseOk(rss(`<itunes:author>Author</itunes:author><itunes:owner><itunes:name>Owner</itunes:name></itunes:owner>
      <image><url>http://show.example/rss.png</url></image>`));
    expect(feed.podcast.publisher).toBe('Author');
    expect(feed.podcast.imageUrl).toBe('http://show.example/rss.png');
  });

  it('uses the feed name as title when the channel has none, with a warning', () => {
    const feed = parseOk(rss('<item><guid>a</guid><title>x</title></item>', ''), 'my-feed.xml');
    expect(feed.podcast.title).toBe('my-feed.xml');
    expect(feed.warnings.join('\n')).toMatch(/channel has no title/);
  });
});

describe('parseFeed: item fields', () => {
  it('maps the core RSS fields of an item to a schema-valid episode', () => {
    const ep = episodeOf(`<guid isPermaLink="false"> abc-123 </guid><pubDate>Tue, 05 Oct 2021 12:00:00 GMT</pubDate>
      <enclosure url="https://cdn.example/ep1.mp3" length="1" type="audio/mpeg"/><link>https://show.example/ep1</link>
      <itunes:episode>7</itunes:episode><itunes:season>2</itunes:season><itunes:image href="https://show.example/ep1.jpg"/>`);
    expect(episodeSchema.safeParse(ep).success).toBe(true);
    expect(ep).toMatchObject({
      guid: 'abc-123', title: 'Ep', publishedAt: '2021-10-05T12:00:00Z', audioUrl: 'https://cdn.example/ep1.mp3',
      episodeUrl: 'https://show.example/ep1', episodeNumber: 7, season: 2, imageUrl: 'https://show.example/ep1.jpg',
    });
  });

  it('trims and entity-decodes titles, including CDATA titles', () => {
    expect(episodeOf('').title).toBe('Ep');
    const feed = parseOk(rss(`<item><guid>1</guid><title>  Q&amp;A &#8212; Part&#x20;1 </title></item>
      <item><guid>2</guid><title><![CDATA[ Tom & Jerry ]]></title></item>`));
    expect(feed.episodes.map((e) => e.title)).toEqual(['Q&A — Part 1', 'Tom & Jerry']);
  });

  it('gives an untitled item a fallback title instead of dropping it', () => {
    const feed = parseOk(rss('<item><guid>x</guid><pubDate>2021-10-05</pubDate></item>'));
    expect(feed.episodes[0]!.title).toBe('Untitled episode (2021-10-05)');
    expect(feed.warnings.join('\n')).toMatch(/has no title/);
  });

  it('keeps only http(s) links as episodeUrl and audioUrl', () => {
    const ep = episodeOf('<link>javascript:alert(1)</link><enclosure url="ftp://x.example/a.mp3"/>');
    expect(ep.episodeUrl).toBeNull();
    expect(ep.audioUrl).toBeNull();
  });

  it('reads a scheme-relative enclosure URL as https', () => {
    expect(episodeOf('<enclosure url="//cdn.example/a.mp3"/>').audioUrl).toBe('https://cdn.example/a.mp3');
  });

  it('falls back to the channel image and to podcast:season/episode', () => {
    const ep = episodeOf('<podcast:season name="Arc">3</podcast:season><podcast:episode>4</podcast:episode>',
      '<itunes:image href="https://show.example/art.jpg"/>');
    expect(ep).toMatchObject({ imageUrl: 'https://show.example/art.jpg', season: 3, episodeNumber: 4, series: 'Arc' });
  });

  it('turns non-integer season and episode numbers into null', () => {
    const ep = episodeOf('<itunes:episode>7b</itunes:episode><itunes:season>-1</itunes:season>');
    expect([ep.episodeNumber, ep.season]).toEqual([null, null]);
  });
});

describe('parseFeed: itunes:duration', () => {
  it.each([
    ['3600', 3600], ['74', 74], ['7:04', 424], ['12:34', 754], ['92:20', 5540], ['1:02:03', 3723],
    ['01:02:03', 3723], ['00:60:05', 3605], ['1234.5', 1235], ['1:02:03.4', 3723],
  ])('reads %s as %i seconds', (raw, seconds) => {
    expect(episodeOf(`<itunes:duration>${raw}</itunes:duration>`).durationSeconds).toBe(seconds);
  });

  it.each(['0', '00:00', '', 'abc', '1:2:3:4', '10:75', '-5', '1h20m'])('reads %j as unknown (null)', (raw) => {
    expect(episodeOf(`<itunes:duration>${raw}</itunes:duration>`).durationSeconds).toBeNull();
  });

  it('is null when the item has no duration', () => {
    expect(episodeOf('').durationSeconds).toBeNull();
  });
});

describe('parseFeed: pubDate', () => {
  it.each([
    ['Tue, 05 Oct 2021 12:00:00 GMT', '2021-10-05T12:00:00Z'],
    ['Tue, 05 Oct 2021 12:00:00 +0200', '2021-10-05T10:00:00Z'],
    ['Tue, 05 Oct 2021 05:00:00 PDT', '2021-10-05T12:00:00Z'],
    ['Fri, 20 Feb 2015 09:51:15 UTC', '2015-02-20T09:51:15Z'],
    ['Wed 5 Oct 2021 12:00:00 GMT', '2021-10-05T12:00:00Z'],
    ['Fri, 05 June 2020 12:00:00 EST', '2020-06-05T17:00:00Z'],
    ['05 Oct 21 12:00 Z', '2021-10-05T12:00:00Z'],
    ['2021-10-05T12:00:00Z', '2021-10-05T12:00:00Z'],
    ['2021-10-05T14:00:00+02:00', '2021-10-05T12:00:00Z'],
    ['2021-10-05', '2021-10-05T00:00:00Z'],
  ])('reads %j', (raw, iso) => {
    expect(episodeOf(`<pubDate>${raw}</pubDate>`).publishedAt).toBe(iso);
  });

  it.each(['yesterday', '31 Feb 2021 10:00:00 GMT', '2021-13-01', ''])('turns %j into null', (raw) => {
    expect(episodeOf(`<pubDate>${raw}</pubDate>`).publishedAt).toBeNull();
  });
});

describe('parseFeed: descriptions become plain text', () => {
  it('prefers content:encoded, then description, then itunes:summary', () => {
    expect(episodeOf('<description>D</description><content:encoded>C</content:encoded>').description).toBe('C');
    expect(episodeOf('<itunes:summary>S</itunes:summary><description>D</description>').description).toBe('D');
    expect(episodeOf('<itunes:summary>S</itunes:summary>').description).toBe('S');
  });

  it('removes tags, turns blocks and <br> into line breaks, list items into bullets, and decodes entities in CDATA', () => {
    const ep = episodeOf(`<description><![CDATA[<p>Hello&nbsp;<b>world</b> &amp; friends&#33;</p>
      <ul><li>One</li><li>Two</li></ul>Line<br/>break <script>alert(1)</script><a href="x">link</a>]]></description>`);
    expect(ep.description).toBe('Hello world & friends!\n\n• One\n• Two\n\nLine\nbreak link');
  });

  it('treats entity-escaped HTML as HTML', () => {
    const ep = episodeOf('<description>First&lt;br/&gt;Second &lt;ul class=&#34;x&#34;&gt;&lt;/ul&gt;</description>');
    expect(ep.description).toBe('First\nSecond');
  });

  it('never leaves a tag even in doubly escaped HTML', () => {
    const ep = episodeOf('<description>A &amp;lt;i&amp;gt;B&amp;lt;/i&amp;gt; &lt;&lt;b&gt;c&gt;</description>');
    expect(ep.description).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(ep.description).toContain('A B');
  });

  it('drops declarations of an HTML document pasted into CDATA', () => {
    const ep = episodeOf('<description><![CDATA[<!DOCTYPE html><html><body><p>hi</p></body></html>]]></description>');
    expect(ep.description).toBe('hi');
  });

  it('handles hostile markup like "<a<a<a..." in linear time', { timeout: 120_000 }, () => {
    const started = performance.now();
    for (const junk of ['<a'.repeat(100_000), '<div '.repeat(40_000), '<script>'.repeat(20_000), '<!--'.repeat(40_000)]) {
      expect(episodeOf(`<description><![CDATA[${junk}]]></description>`).description).not.toMatch(/<\/?[a-z][^>]*>/i);
    }
    expect(performance.now() - started).toBeLessThan(30_000); // quadratic would take hours; room for a busy machine
  });

  it('keeps the line structure of plain-text notes and collapses extra whitespace', () => {
    expect(episodeOf('<description>  one   two\n\n\n\nthree  </description>').description).toBe('one two\n\nthree');
  });
});

describe('parseFeed: Podcasting 2.0 tags', () => {
  it('sorts podcast:person into hosts and guests by role, host by default', () => {
    const ep = episodeOf(`<itunes:author>Show Author</itunes:author>
      <podcast:person href="https://x.example" img="https://x.example/i.jpg">Default Host</podcast:person>
      <podcast:person role="Guest">A Guest</podcast:person><podcast:person role="host">Named Host</podcast:person>
      <podcast:person role="cover art designer">Artist</podcast:person>`);
    expect(ep.hosts.map((p) => p.name)).toEqual(['Default Host', 'Named Host']);
    expect(ep.guests).toEqual([{ name: 'A Guest', role: 'guest', org: null, handle: null }]);
  });

  it('does not treat itunes:author as a guest', () => {
    const ep = episodeOf('<itunes:author>Someone</itunes:author>');
    expect([ep.guests, ep.hosts]).toEqual([[], []]);
  });

  it('keeps the transcript URL and reports the chapters URL by episode id', () => {
    const feed = parseOk(rss(`<item><guid>g</guid><title>t</title>
      <podcast:transcript url="https://x.example/t.vtt" type="text/vtt"/>
      <podcast:chapters url="https://x.example/c.json" type="application/json+chapters"/></item>`));
    const ep = feed.episodes[0]!;
    expect(ep.transcriptUrl).toBe('https://x.example/t.vtt');
    expect(feed.chapterSources).toEqual({ [ep.id]: 'https://x.example/c.json' });
  });
});

describe('parseFeed: chapters in show notes', () => {
  it('reads the three timestamp styles, one per line, in ascending order', () => {
    const ep = episodeOf(`<description><![CDATA[<p>Topics</p><p>00:00:00 - Intro<br>Deep dive: 00:04:25<br>
      Wrap up (1:01:41)<br>News: 00:01:27</p>]]></description>`);
    expect(ep.chapters).toEqual([
      { title: 'Intro', startSeconds: 0 }, { title: 'News', startSeconds: 87 },
      { title: 'Deep dive', startSeconds: 265 }, { title: 'Wrap up', startSeconds: 3701 },
    ]);
  });

  it('ignores a single timestamp mention', () => {
    expect(episodeOf('<description>We met at 10:30 - great fun</description>').chapters).toEqual([]);
  });
});

describe('parseFeed: ids', () => {
  const item = (title: string, extra = '<guid>tag:show,2021:1</guid>') => rss(`<item><title>${title}</title>${extra}</item>`);
  const idOf = (xml: string) => parseOk(xml).episodes[0]!.id;

  it('derives a slug id from the guid that survives re-parsing and title edits', () => {
    const id = idOf(item('Original title'));
    expect(id).toMatch(/^ep-[0-9a-f]{16}$/);
    expect(idOf(item('Original title'))).toBe(id);
    expect(idOf(item('Edited title!'))).toBe(id);
  });

  it('without a guid, keys the id on the enclosure URL, then the link', () => {
    const enclosure = '<enclosure url="https://cdn.example/a.mp3"/>';
    expect(idOf(item('A', enclosure))).toBe(idOf(item('B', enclosure)));
    expect(idOf(item('A', '<link>https://show.example/a</link>'))).toBe(idOf(item('B', '<link>https://show.example/a</link>')));
    expect(parseOk(item('A', enclosure)).episodes[0]!.guid).toBeNull();
  });

  it('treats an empty guid as no guid', () => {
    const enclosure = '<enclosure url="https://cdn.example/a.mp3"/>';
    const ep = parseOk(item('A', `<guid isPermaLink="false"/>${enclosure}`)).episodes[0]!;
    expect(ep.guid).toBeNull();
    expect(ep.id).toBe(idOf(item('A', enclosure)));
  });

  it('keeps ids unique when two items share a guid', () => {
    const feed = parseOk(rss('<item><guid>same</guid><title>A</title></item><item><guid>same</guid><title>B</title></item>'));
    const ids = feed.episodes.map((e) => e.id);
    expect(new Set(ids).size).toBe(2);
    expect(feed.warnings.join('\n')).toMatch(/repeats the identity/);
  });
});

describe('parseFeed: namespaces and input quirks', () => {
  it('resolves a non-standard prefix and per-element namespace declarations', () => {
    const xml = `<rss xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>t</title><item><guid>a</guid>
      <it:duration>00:20:00</it:duration><ns1:episode xmlns:ns1="http://www.itunes.com/dtds/podcast-1.0.dtd">5</ns1:episode>
      </item></channel></rss>`;
    expect(parseOk(xml).episodes[0]).toMatchObject({ durationSeconds: 1200, episodeNumber: 5 });
  });

  it('accepts undeclared itunes:/podcast: prefixes', () => {
    const xml = '<rss><channel><title>t</title><item><guid>a</guid><itunes:duration>61</itunes:duration></item></channel></rss>';
    expect(parseOk(xml).episodes[0]!.durationSeconds).toBe(61);
  });

  it('strips a byte-order mark and whitespace before the XML declaration', () => {
    expect(parseOk(`\uFEFF\n\n  ${rss('')}`).podcast.title).toBe('Test Show');
  });

  it('orders episodes newest first and keeps an undated item right after the item listed above it', () => {
    const items = [['a', '2020-01-01'], ['b', ''], ['c', '2022-01-01'], ['d', '2021-01-01']]
      .map(([t, d]) => `<item><guid>${t}</guid><title>${t}</title><pubDate>${d}</pubDate></item>`).join('');
    expect(parseOk(rss(items)).episodes.map((e) => e.title)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('skips an empty item with a warning instead of failing', () => {
    const feed = parseOk(rss('<item></item><item><guid>a</guid><title>ok</title></item>'));
    expect(feed.episodes.map((e) => e.title)).toEqual(['ok']);
    expect(feed.warnings.join('\n')).toMatch(/item 1 skipped/);
  });
});

describe('parseFeed: malformed input is a value, not an exception', () => {
  it.each([
    ['an empty string', '', /is empty/],
    ['plain text', 'Service Unavailable', /is not XML/],
    ['an HTML page', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>404</body></html>', /is an HTML page, not RSS/],
    ['an Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', /is an Atom feed, not RSS/],
    ['RSS without a channel', '<rss version="2.0"></rss>', /has no <channel>/],
    ['a bare ampersand', '<rss><channel><title>A & B</title></channel></rss>', /not valid XML: a bare "&".* at line 1, column \d+/],
    ['a mismatched tag', '<rss>\n<channel>\n<item></channel>\n</rss>', /not valid XML: closing tag <\/channel> does not match <item>.* at line 3/],
  ])('reports %s', (_label, xml, pattern) => {
    expect(errorOf(xml)).toMatch(pattern);
  });

  it('names the unclosed tag and its line when the file is truncated', () => {
    const xml = rss('<item><guid>a</guid><title>one</title></item>\n<item><guid>b</guid>\n<title>two</title>');
    expect(errorOf(xml.slice(0, xml.lastIndexOf('</channel>')))).toMatch(/unclosed tag <item> at line 5/);
  });

  it('refuses a billion-laughs entity bomb quickly', { timeout: 60_000 }, () => {
    const decls = Array.from({ length: 10 }, (_, i) => (i === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`));
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${decls.join('\n')}\n]>\n<rss><channel><title>&lol9;</title></channel></rss>`;
    const started = performance.now();
    expect(errorOf(bomb)).toMatch(/entity bomb/);
    expect(performance.now() - started).toBeLessThan(10_000); // expanding it would build a gigabyte
    const hidden = `<rss><!DOCTYPE lolz [${decls.join('')}]><channel><title>&lol9;</title></channel></rss>`;
    expect(errorOf(hidden)).toMatch(/DOCTYPE inside the document/);
  });

  it('refuses too many DOCTYPE entities and external entities', () => {
    const many = Array.from({ length: 50 }, (_, i) => `<!ENTITY e${i} "x">`).join('');
    expect(errorOf(`<!DOCTYPE r [${many}]><rss><channel/></rss>`)).toMatch(/more than 20 entities/);
    expect(errorOf('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel/></rss>')).toMatch(/external entity/);
  });

  it('limits expansions of a declared entity to maxEntityExpansions', () => {
    const doc = (uses: number) => `<!DOCTYPE r [<!ENTITY s "Show">]><rss><channel><title>${'&s;'.repeat(uses)}</title></channel></rss>`;
    expect(parseFeed(doc(3), { feedName: 'e.xml', maxEntityExpansions: 5 })).toMatchObject({ ok: true, feed: { podcast: { title: 'ShowShowShow' } } });
    expect(errorOf(doc(10), 'e.xml', 5)).toMatch(/more than 5 times/);
  });

  // Linear, not quadratic: 5 MB parsed quadratically would take hours; 30 s leaves room for a busy CI machine.
  it('rejects 5 MB of junk promptly', { timeout: 120_000 }, () => {
    let seed = 42;
    const chars = 'ab<>/&;"= \n[]!?é';
    const junk = Array.from({ length: 5_000_000 }, () => chars[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % chars.length]).join('');
    for (const input of [junk, `<${junk}`, '<a>'.repeat(1_700_000)]) {
      const started = performance.now();
      expect(errorOf(input)).toMatch(/not (valid )?XML/);
      expect(performance.now() - started).toBeLessThan(30_000);
    }
  });
});
