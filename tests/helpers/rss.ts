/** An item of a test feed. */
export interface TestItem {
  guid: string;
  title: string;
  date: string; // ISO
  description?: string;
  duration?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Builds a small RSS 2.0 + iTunes feed, items listed as given (newest first, like real feeds). */
export function rssFeed(items: TestItem[], title = 'Test Podcast'): string {
  const body = items
    .map(
      (i) => `<item>
  <title>${esc(i.title)}</title>
  <guid isPermaLink="false">${esc(i.guid)}</guid>
  <pubDate>${new Date(i.date).toUTCString()}</pubDate>
  <link>https://podcast.example/${encodeURIComponent(i.guid)}</link>
  <enclosure url="https://cdn.podcast.example/${encodeURIComponent(i.guid)}.mp3" length="1000" type="audio/mpeg"/>
  <itunes:duration>${i.duration ?? '00:25:00'}</itunes:duration>
  <description><![CDATA[<p>${i.description ?? `All about ${i.title}.`}</p>]]></description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
  <title>${esc(title)}</title>
  <link>https://podcast.example/</link>
  <description>A podcast for tests.</description>
  <itunes:author>Test Publisher</itunes:author>
${body}
</channel>
</rss>`;
}

/** `n` items, newest first, one a week back from `newest`. */
export function weeklyItems(n: number, newest = '2030-06-01T10:00:00Z', prefix = 'ep'): TestItem[] {
  return Array.from({ length: n }, (_, i) => ({
    guid: `${prefix}-${n - i}`,
    title: `Episode ${n - i}: quokka resilience part ${n - i}`,
    date: new Date(Date.parse(newest) - i * 7 * 86_400_000).toISOString(),
  }));
}
