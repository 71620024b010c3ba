import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bestLink, toAnswerEpisode } from '../../../../src/core/answers/answer-episode.ts';
import { episodeSchema, type Episode } from '../../../../src/core/model/catalog-schema.ts';
import { feedFolder, isMalformed } from '../../../helpers/feed-fixtures.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';

const folder = feedFolder(fileURLToPath(new URL('../../../fixtures/feeds/', import.meta.url)), 'manifest.json');

function episode(fields: Partial<Episode>): Episode {
  return episodeSchema.parse({ id: 'ep', title: 'An episode', description: 'About things.', publishedAt: null, durationSeconds: null, ...fields });
}

describe('the link of an episode’s title', () => {
  it('is the audio, never the transcript file, for a feed episode without a web page', () => {
    const [trailer] = folder.episodes('bare-transcript');
    expect(trailer!.transcriptUrl).toBe('https://hedgehog.example.org/trailer/transcript.txt');
    expect(toAnswerEpisode(trailer!, 1).url).toBe('https://hedgehog.example.org/trailer.mp3');
  });

  it('is never a transcript file for any episode of the fixture feeds', () => {
    const all = folder.manifest.filter((f) => !isMalformed(f)).flatMap((f) => folder.parsed(f.file).episodes);
    expect(all.filter((e) => e.transcriptUrl !== null).length).toBeGreaterThan(1);
    for (const e of all) expect(bestLink(e)?.url ?? '', e.id).not.toMatch(/\.(?:vtt|srt|json|txt)(?:[?#]|$)/);
  });

  it.each([
    ['a WebVTT file', 'https://host.example/ep/captions.vtt'],
    ['a SubRip file', 'https://host.example/ep/transcript.SRT?v=2'],
    ['a JSON transcript', 'https://host.example/ep/transcript.json'],
  ])('is nothing when the only URL is %s', (_, transcriptUrl) => {
    expect(bestLink(episode({ transcriptUrl }))).toBeNull();
    expect(toAnswerEpisode(episode({ transcriptUrl }), 1).url).toBeNull();
  });

  it('prefers the web page, then the audio, then a transcript that is a web page', () => {
    const page = 'https://show.example/ep-1';
    const audio = 'https://cdn.example/ep-1.mp3';
    const vtt = 'https://cdn.example/ep-1.vtt';
    expect(bestLink(episode({ episodeUrl: page, audioUrl: audio, transcriptUrl: vtt }))).toEqual({ url: page });
    expect(bestLink(episode({ audioUrl: audio, transcriptUrl: vtt }))).toEqual({ url: audio });
    expect(bestLink(episode({ audioUrl: audio, transcriptUrl: 'https://show.example/ep-1/transcript' }))).toEqual({ url: audio });
    expect(bestLink(episode({ transcriptUrl: 'https://show.example/ep-1/transcript' }))).toEqual({ url: 'https://show.example/ep-1/transcript' });
  });

  it('skips a transcript file among the show notes’ links', () => {
    const links = [{ label: 'Transcript', url: 'https://host.example/ep.vtt' }, { label: 'Slides', url: 'https://slides.example/talk' }];
    expect(bestLink(episode({ links }))).toEqual({ url: 'https://slides.example/talk', label: 'Slides' });
  });

  it('keeps the shipped catalog’s gremlin.com pages (its transcript pages are web pages)', () => {
    const reed = shippedCatalog().episodes.find((e) => e.id === 'j-paul-reed')!;
    expect(bestLink(reed)?.url).toBe('https://www.gremlin.com/blog/podcast-break-things-on-purpose-j-paul-reed-sr-applied-resilience-engineer-at-netflix');
  });
});
