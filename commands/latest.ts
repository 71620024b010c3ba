import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { episodesAnswer } from './answer-kit.ts';
import { pageItems, pageSlice, rankOn } from './paging.ts';
import { inShow, inShowTitle, readShow, showOption } from './show-option.ts';
import type { CommandContext, CommandDefinition } from './types.ts';

/** A page of the newest episodes (of one show, when `showName` names one). */
export function latestAnswer(ctx: CommandContext, requestedPage: number, showName?: string): Answer {
  const show = readShow(showName, ctx);
  if (!show.ok) return show.error;
  const listing = show.value ? ctx.library.latest(0, ctx.library.size).filter(inShow(ctx, show.value)) : null;
  const total = listing ? listing.length : ctx.library.size;
  if (total === 0) return emptyAnswer('notice', `There are no episodes${inShowTitle(show.value)} yet`);
  const slice = pageSlice(requestedPage, total);
  const shown = listing ? pageItems(listing, slice) : ctx.library.latest(slice.offset, slice.size);
  const episodes = shown.map((ep, i) => toAnswerEpisode(ep, rankOn(slice, i)));
  const within = show.value ? { show: show.value.key } : {};
  return episodesAnswer(`Latest episodes${inShowTitle(show.value)}`, episodes, total, { command: 'latest', arg: '', page: slice.page, ...within });
}

/** `/latest`: the newest episodes. */
export const latestCommand: CommandDefinition = {
  name: 'latest',
  description: 'The newest episodes',
  options: [showOption],
  examples: ['/latest'],
  run: (input, ctx) => latestAnswer(ctx, input.page, input.options.show),
};
