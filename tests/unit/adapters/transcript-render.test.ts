import { describe, expect, it } from 'vitest';
import { PLAIN, renderText } from '../../../src/adapters/console/render-text.ts';
import { renderAnswer as renderDiscord } from '../../../src/adapters/discord/render-embeds.ts';
import { renderAnswer as renderSlack } from '../../../src/adapters/slack/render-blocks.ts';
import { emptyAnswer, type Answer, type AnswerEpisode } from '../../../src/core/answers/answer.ts';
import type { Snippet } from '../../../src/core/model/snippet.ts';
import { timedEpisodeUrl } from '../../../src/core/answers/transcript-quote.ts';

const QUOTE = '…we broke the database on purpose…';

function answerWith(snippet: Snippet, extra: Partial<AnswerEpisode> = {}): Answer {
  const answer = emptyAnswer('episodes', 'Episodes matching “database”');
  answer.episodes = [{
    id: 'ep-1', title: 'Breaking databases', url: 'https://show.example/ep-1', audioUrl: 'https://cdn.example/ep-1.mp3',
    guests: [], hosts: [], publishedAt: '2030-06-01', durationSeconds: 3600, summary: 'About databases.',
    chapter: null, snippet, reason: null, rank: 1, chapters: [], ...extra,
  }];
  return answer;
}

const timed: Snippet = { source: 'transcript', text: QUOTE, highlights: [[14, 22]], startSeconds: 1394, speaker: 'Jason' };

describe('a transcript hit shows the minute and the speaker, with a link at that time', () => {
  it('in the console', () => {
    const text = renderText(answerWith(timed), PLAIN);
    expect(text).toContain(`▶ 23:14 — Jason: “${QUOTE}”`);
    expect(text).toContain('listen from 23:14: https://cdn.example/ep-1.mp3#t=1394');
  });

  it('on Discord, the time linked and the speaker escaped', () => {
    const msg = renderDiscord(answerWith({ ...timed, speaker: '**Jason** @everyone' }), { shareable: false });
    const description = msg.embeds[0]!.description!;
    expect(description).toContain('> ▶ [23:14](https://cdn.example/ep-1.mp3#t=1394) — \\*\\*Jason\\*\\* @\u200beveryone: “…we broke the **database** on purpose…”');
    expect(msg.allowedMentions).toEqual({ parse: [] });
  });

  it('on Slack, the time linked and the speaker escaped', () => {
    const msg = renderSlack(answerWith({ ...timed, speaker: '<!channel> Jason' }), { shareable: false });
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain('▶ <https://cdn.example/ep-1.mp3#t=1394|23:14> — &lt;!channel&gt; Jason: “…we broke the \u200b*database*\u200b on purpose…”');
  });

  it('shows the time unlinked where no player supports it, and only the speaker for an untimed transcript', () => {
    const noAudio = answerWith(timed, { audioUrl: null });
    expect(renderText(noAudio, PLAIN)).toContain(`▶ 23:14 — Jason: “${QUOTE}”`);
    expect(renderText(noAudio, PLAIN)).not.toContain('listen from');
    expect(renderDiscord(noAudio, { shareable: false }).embeds[0]!.description).toContain('> ▶ 23:14 — Jason: “');
    const untimed = answerWith({ ...timed, startSeconds: null });
    expect(renderText(untimed, PLAIN)).toContain(`   Jason: “${QUOTE}”`);
    const description = answerWith({ source: 'description', text: 'About databases.', highlights: [] });
    expect(renderText(description, PLAIN)).toContain('   “About databases.”');
  });

  it('links YouTube and Overcast pages at the time, and audio files with a media fragment', () => {
    expect(timedEpisodeUrl({ url: 'https://www.youtube.com/watch?v=abc', audioUrl: null }, 1394)).toBe('https://www.youtube.com/watch?v=abc&t=1394s');
    expect(timedEpisodeUrl({ url: 'https://youtu.be/abc', audioUrl: null }, 61)).toBe('https://youtu.be/abc?t=61s');
    expect(timedEpisodeUrl({ url: 'https://overcast.fm/+AbC123', audioUrl: null }, 1394)).toBe('https://overcast.fm/+AbC123/23:14');
    expect(timedEpisodeUrl({ url: 'https://show.example/ep', audioUrl: 'https://cdn.example/a.mp3?x=1' }, 5)).toBe('https://cdn.example/a.mp3?x=1#t=5');
    expect(timedEpisodeUrl({ url: 'https://show.example/ep', audioUrl: null }, 5)).toBeNull();
  });
});
