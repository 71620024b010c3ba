import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import type { Episode } from '../src/core/model/catalog-schema.ts';
import type { Show } from '../src/core/model/shows.ts';
import { cleanUserText } from '../src/core/model/text.ts';
import { fail, ok, type Result } from '../src/core/model/result.ts';
import { MAX_TEXT_LENGTH, type CommandContext, type CommandOption } from './types.ts';

/** The optional `show` option of /episode, /latest and /random (autocompleted with the shows' titles). */
export const showOption: CommandOption = {
  name: 'show',
  description: 'Only episodes of this show (when the bot follows several)',
  type: 'string',
  required: false,
  maxLength: MAX_TEXT_LENGTH,
  autocomplete: ['show'],
};

/** The show a typed value names: null when none was typed; an answer listing the shows when it names none. */
export function readShow(raw: string | undefined, ctx: CommandContext): Result<Show | null, Answer> {
  const text = cleanUserText(raw ?? '').slice(0, MAX_TEXT_LENGTH);
  if (text === '') return ok(null);
  const show = ctx.shows.find(text);
  if (show) return ok(show);
  const answer = emptyAnswer('notice', `No show matches “${text}”`);
  const titles = ctx.shows.all().map((s) => s.podcast.title);
  answer.body = [titles.length > 0 ? `The shows here are: ${titles.join(' · ')}.` : 'No show is followed yet.'];
  answer.suggestions = ctx.shows.all().slice(0, 3).map((s) => `/latest ${s.podcast.title}`);
  return fail(answer);
}

/** Whether an episode belongs to the show (every episode does when no show is given). */
export function inShow(ctx: CommandContext, show: Show | null): (episode: Episode) => boolean {
  return (episode) => show === null || ctx.shows.keyOf(episode) === show.key;
}

/** " in <show>" for headlines, when a show was named. */
export function inShowTitle(show: Show | null): string {
  return show ? ` in ${show.podcast.title}` : '';
}
