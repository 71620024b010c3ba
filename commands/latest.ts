import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { clampPage, episodesAnswer } from './answer-kit.ts';
import { inShow, inShowTitle, readShow, showOption } from './show-option.ts';
import { PAGE_SIZE, type CommandContext, type CommandDefinition } from './types.ts';

/** A page of the newest episodes (of one show, when `showName` names one). */
export function latestAnswer(ctx: CommandContext, requestedPage: number, showName?: string): Answer {
  const show = readShow(showName, ctx);
  if (!show.ok) return show.error;
  const listing = show.value ? ctx.library.latest(0, ctx.library.size).filter(inShow(ctx, show.value)) : null;
  const total = listing ? listing.length : ctx.library.size;
  if (total === 0) return emptyAnswer('notice', `There are no episodes${inShowTitle(show.value)} yet`);
  const page = clampPage(requestedPage, total);
  const shown = listing ? listing.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) : ctx.library.latest(page * PAGE_SIZE, PAGE_SIZE);
  const episodes = shown.map((ep, i) => toAnswerEpisode(ep, page * PAGE_SIZE + i + 1));
  const within = show.value ? { show: show.value.key } : {};
  return episodesAnswer(`Latest episodes${inShowTitle(show.value)}`, episodes, total, { command: 'latest', arg: '', page, ...within });
}

/** `/latest`: the newest episodes. */
export const latestCommand: CommandDefinition = {
  name: 'latest',
  description: 'The newest episodes',
  options: [showOption],
  examples: ['/latest'],
  run: (input, ctx) => latestAnswer(ctx, input.page, input.options.show),
};
