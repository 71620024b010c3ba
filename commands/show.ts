import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import { emptyAnswer, type Answer, type AnswerAction } from '../src/core/answers/answer.ts';
import type { Episode } from '../src/core/model/catalog-schema.ts';
import { episodesAnswer } from './answer-kit.ts';
import type { CommandContext } from './types.ts';

/** One episode on its own, with "Similar episodes" and any extra buttons. */
export function showEpisodeAnswer(episode: Episode, headline: string, extra: AnswerAction[] = []): Answer {
  const answer = episodesAnswer(headline, [toAnswerEpisode(episode, 1)], 1, { command: 'show', arg: episode.id, page: 0 });
  answer.actions.push(...extra);
  return answer;
}

/** The episode with this id, or a polite answer when it is gone. */
export function showById(ctx: CommandContext, id: string): Answer {
  const episode = ctx.library.get(id);
  if (episode) return showEpisodeAnswer(episode, episode.title);
  const answer = emptyAnswer('notice', 'That episode is no longer in the catalog');
  answer.suggestions = ['/latest', '/episode'];
  return answer;
}
