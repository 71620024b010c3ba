import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import type { Answer } from '../src/core/answers/answer.ts';
import type { Episode } from '../src/core/model/catalog-schema.ts';
import { foldTerm, queryTerms } from '../src/core/model/text.ts';
import { episodesAnswer, noMatch, readText } from './answer-kit.ts';
import { catalogExamples, commandExamples } from './catalog-examples.ts';
import { correctedQuery } from './did-you-mean.ts';
import { MAX_TEXT_LENGTH, type CommandContext, type CommandDefinition } from './types.ts';

/** Up to three episodes like this one, each with its reason. */
export async function similarAnswer(ctx: CommandContext, source: Episode, intro: string | null): Promise<Answer> {
  const recs = await ctx.library.similarTo(source.id, 3);
  const episodes = recs.map((r, i) => toAnswerEpisode(ctx.library.get(r.episodeId)!, i + 1, { reason: r.reason }));
  if (episodes.length === 0) {
    return noMatch(`Nothing else is quite like “${source.title}”`, ['Try /random for something different.'], '', ctx);
  }
  const answer = episodesAnswer(`If you liked “${source.title}”`, episodes, episodes.length, {
    command: 'similar',
    arg: source.id,
    page: 0,
  });
  if (intro) answer.body.push(intro);
  return answer;
}

/** The episode a person means: an id, an exact title, or the best search hit for a topic. */
async function resolveEpisode(ctx: CommandContext, text: string): Promise<{ episode: Episode; byTopic: boolean } | null> {
  const byId = ctx.library.get(text);
  if (byId) return { episode: byId, byTopic: false };
  const folded = foldTerm(text);
  const byTitle = ctx.library.latest(0, ctx.library.size).find((e) => foldTerm(e.title) === folded);
  if (byTitle) return { episode: byTitle, byTopic: false };
  const top = (await ctx.library.search(text, 0, 1)).hits[0];
  const episode = top ? ctx.library.get(top.episodeId) : undefined;
  return episode ? { episode, byTopic: true } : null;
}

/** `/recommend <episode title or topic>`: what to listen to next. */
export const recommendCommand: CommandDefinition = {
  name: 'recommend',
  description: 'What to listen to next, given an episode or a topic',
  options: [
    {
      name: 'episode',
      description: 'An episode title or a topic',
      type: 'string',
      required: true,
      maxLength: MAX_TEXT_LENGTH,
      autocomplete: ['episode'],
    },
  ],
  examples: ['/recommend <an episode title or a topic>'],
  async run(input, ctx) {
    const example = () => commandExamples('recommend', catalogExamples(ctx.library))![0]!;
    const text = readText(input.options.episode, 'title or topic', example);
    if (!text.ok) return text.error;
    if (text.value === '') {
      return noMatch('Like which episode?', [example().includes('<') ? 'Give a title or a topic.' : `Give a title or a topic, like “${example()}”.`], '', ctx);
    }
    const found = await resolveEpisode(ctx, text.value);
    if (!found) {
      const terms = queryTerms(text.value);
      const corrected = await correctedQuery(ctx.library, terms, terms);
      const body = [corrected ? `Did you mean “${corrected}”?` : 'No title, guest or topic comes close.'];
      return noMatch(`No episode or topic matches “${text.value}”`, body, text.value, ctx, corrected ? [`/recommend ${corrected}`] : []);
    }
    const intro = found.byTopic
      ? `The best match for “${text.value}” is “${found.episode.title}”; listen to it, then these:`
      : null;
    return similarAnswer(ctx, found.episode, intro);
  },
};
