import { toAnswerEpisode } from '../src/core/answer-episode.ts';
import { emptyAnswer, type Answer } from '../src/core/answer.ts';
import { clampPage, episodesAnswer } from './answer-kit.ts';
import { PAGE_SIZE, type CommandContext, type CommandDefinition } from './types.ts';

/** A page of the newest episodes. */
export function latestAnswer(ctx: CommandContext, requestedPage: number): Answer {
  const total = ctx.library.size;
  if (total === 0) return emptyAnswer('notice', 'There are no episodes yet');
  const page = clampPage(requestedPage, total);
  const episodes = ctx.library.latest(page * PAGE_SIZE, PAGE_SIZE).map((ep, i) => toAnswerEpisode(ep, page * PAGE_SIZE + i + 1));
  return episodesAnswer('Latest episodes', episodes, total, { command: 'latest', arg: '', page });
}

/** `/latest`: the newest episodes. */
export const latestCommand: CommandDefinition = {
  name: 'latest',
  description: 'The newest episodes',
  options: [],
  examples: ['/latest'],
  run: (input, ctx) => latestAnswer(ctx, input.page),
};
