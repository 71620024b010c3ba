import { emptyAnswer, type ActionRef, type Answer, type AnswerAction, type AnswerEpisode } from '../src/core/answers/answer.ts';
import { cleanUserText } from '../src/core/model/text.ts';
import { fail, ok, type Result } from '../src/core/model/result.ts';
import { commonTopics } from './did-you-mean.ts';
import { pageCount } from './paging.ts';
import { MAX_TEXT_LENGTH, PAGE_SIZE, type CommandContext } from './types.ts';

/** Quotes a person may put around a title or a name: "…", '…', “…”, ‘…’, «…», „…“, `…`. */
const SURROUNDING_QUOTES = /^(["'`“”‘’«»„‚])\s*([\s\S]*?)\s*(["'`“”‘’«»])$/;

/** Removes one pair of quotes around the whole text ("\"Jérôme Petazzoni\"" → "Jérôme Petazzoni"). */
export function stripQuotes(text: string): string {
  const m = SURROUNDING_QUOTES.exec(text);
  return m && m[2] !== '' ? m[2]! : text;
}

/** Cleans a typed value (surrounding quotes removed) and checks its length; an over-long one gets a friendly answer, `example` suggested. */
export function readText(raw: string | undefined, what: string, example: string | (() => string)): Result<string, Answer> {
  const text = stripQuotes(cleanUserText(raw ?? ''));
  const length = [...text].length;
  if (length <= MAX_TEXT_LENGTH) return ok(text);
  const answer = emptyAnswer('error', `That ${what} is too long`);
  answer.body = [
    `Please keep it to ${MAX_TEXT_LENGTH} characters or fewer; yours has ${length.toLocaleString('en-US')}.`,
    'A few keywords work best.',
  ];
  answer.suggestions = [typeof example === 'string' ? example : example()];
  return fail(answer);
}

/** A page of episodes with Previous / Next and "Similar episodes" buttons. */
export function episodesAnswer(
  headline: string,
  episodes: AnswerEpisode[],
  total: number,
  ref: ActionRef,
): Answer {
  const answer = emptyAnswer('episodes', headline);
  const pages = pageCount(total);
  answer.episodes = episodes;
  answer.paging = { page: ref.page, pageSize: PAGE_SIZE, total, pageCount: pages };
  answer.ref = ref;
  answer.actions = pagingActions(ref, pages);
  const top = episodes[0];
  if (top && ref.command !== 'similar' && ref.command !== 'recommend') {
    answer.actions.push({ kind: 'similar', label: 'Similar episodes', ref: { command: 'similar', arg: top.id, page: 0 } });
  }
  return answer;
}

function pagingActions(ref: ActionRef, pageCount: number): AnswerAction[] {
  const actions: AnswerAction[] = [];
  if (ref.page > 0) actions.push({ kind: 'previous', label: 'Previous', ref: { ...ref, page: ref.page - 1 } });
  if (ref.page + 1 < pageCount) actions.push({ kind: 'next', label: 'Next', ref: { ...ref, page: ref.page + 1 } });
  return actions;
}

/**
 * "Nothing matched" with things worth trying instead: `first` (the closest
 * matches, when the caller found some), titles and guests close to `typed`,
 * then a common topic of the catalog, /latest and /help.
 */
export function noMatch(headline: string, body: string[], typed: string, ctx: CommandContext, first: string[] = []): Answer {
  const answer = emptyAnswer('notice', headline);
  answer.body = body;
  const close = typed ? ctx.library.suggest(typed, ['episode', 'guest'], 3) : [];
  const topic = commonTopics(ctx.library, 1)[0];
  const all = [
    ...first,
    ...close.map((s) => (s.kind === 'guest' ? `/guest ${s.label}` : `/episode ${s.label}`)),
    ...(topic ? [`/episode ${topic}`] : []),
    '/latest',
    '/help',
  ];
  answer.suggestions = [...new Set(all)].slice(0, 4);
  return answer;
}
