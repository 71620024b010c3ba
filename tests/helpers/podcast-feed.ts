/** An item of a Podcasting 2.0 test feed. */
export interface ShowItem {
  guid: string;
  title: string;
  /** ISO date. */
  date: string;
  description?: string;
  /** `podcast:transcript` tags, in feed order. */
  transcripts?: Array<{ url: string; type: string; language?: string }>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A small RSS 2.0 feed with iTunes and Podcasting 2.0 namespaces: one show, its items as given (newest first). */
export function podcastFeed(show: { title: string; link: string; author?: string }, items: readonly ShowItem[]): string {
  const body = items
    .map(
      (i) => `<item>
  <title>${esc(i.title)}</title>
  <guid isPermaLink="false">${esc(i.guid)}</guid>
  <pubDate>${new Date(i.date).toUTCString()}</pubDate>
  <link>${esc(show.link)}${encodeURIComponent(i.guid)}</link>
  <enclosure url="https://cdn.example/${encodeURIComponent(i.guid)}.mp3" length="1000" type="audio/mpeg"/>
  <itunes:duration>00:30:00</itunes:duration>
  <description><![CDATA[<p>${i.description ?? `About ${i.title}.`}</p>]]></description>
${(i.transcripts ?? []).map((t) => `  <podcast:transcript url="${esc(t.url)}" type="${esc(t.type)}"${t.language ? ` language="${t.language}"` : ''}/>`).join('\n')}
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
  <title>${esc(show.title)}</title>
  <link>${esc(show.link)}</link>
  <description>A podcast for tests.</description>
  <itunes:author>${esc(show.author ?? 'Test Publisher')}</itunes:author>
${body}
</channel>
</rss>`;
}
