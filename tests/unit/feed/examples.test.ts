import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fetchFeed } from '../../../src/feed/fetch/fetch-feed.ts';
import { parseFeed } from '../../../src/feed/xml/parse-feed.ts';
import { fetchTranscript } from '../../../src/feed/transcripts/fetch-transcript.ts';
import { resolveTranscriptUrl } from '../../../src/feed/transcripts/resolve-transcript-url.ts';

const feedPath = fileURLToPath(new URL('../../../examples/sample-feed.xml', import.meta.url));

describe('the sample show under examples/ (the README demo)', () => {
  it('is a valid feed whose every transcript is read, with speakers and times', async () => {
    const parsed = parseFeed(readFileSync(feedPath, 'utf8'), { feedName: feedPath });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.feed.podcast.title).toBe('Quokka Ops');
    expect(parsed.feed.warnings).toEqual([]);
    const formats: string[] = [];
    for (const ep of parsed.feed.episodes) {
      const sources = parsed.feed.transcriptSources[ep.id]!.map((s) => ({ ...s, url: resolveTranscriptUrl(feedPath, s.url)! }));
      const got = await fetchTranscript(sources, (source, validators) => fetchFeed(source, validators));
      if (!got.ok) throw new Error(got.error);
      formats.push(got.format);
      expect(got.segments.every((s) => s.speaker !== null && s.startSeconds !== null)).toBe(true);
    }
    expect(formats).toEqual(['vtt', 'srt', 'json']);
  });

  it('never lets a feed on the web point the bot at local files', () => {
    expect(resolveTranscriptUrl('https://x.example/feed.xml', 'file:///etc/passwd')).toBeNull();
    expect(resolveTranscriptUrl('https://x.example/feed.xml', '/etc/passwd')).toBe('https://x.example/etc/passwd');
    expect(resolveTranscriptUrl('https://x.example/a/feed.xml', 't/1.vtt')).toBe('https://x.example/a/t/1.vtt');
  });
});
