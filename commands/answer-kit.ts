import { emptyAnswer, type ActionRef, type Answer, type AnswerAction, type AnswerEpisode } from '../src/core/answer.ts';
import { cleanUserText } from '../src/core/text.ts';
import { fail, ok, type Result } from '../src/core/result.ts';
import { MAX_TEXT_LENGTH, PAGE_SIZE, type CommandContext } from './types.ts';

/** Cleans a typed value and checks its length; an over-long one gets a friendly answer. */
export function readText(raw: string | undefined, what: string, example: string): Result<string, Answer> {
  const text = cleanUserText(raw ?? '');
  const length = [...text].length;
  if (length <= MAX_TEXT_LENGTH) return ok(text);
  const answer = emptyAnswer('error', `That ${what} is too long`);
  answer.body = [
    `Please keep it to ${MAX_TEXT_LENGTH} characters or fewer; yours has ${length.toLocaleString('en-US')}.`,
    'A few keywords work best.',
  ];
  answer.suggestions = [example];
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
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  answer.episodes = episodes;
  answer.paging = { page: ref.page, pageSize: PAGE_SIZE, total, pageCount };
  answer.ref = ref;
  answer.actions = pagingActions(ref, pageCount);
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

/** Clamps a requested page into range for `total` results. */
export function clampPage(page: number, total: number): number {
  const last = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  return Math.min(Math.max(0, Math.floor(page) || 0), last);
}

/** "Nothing matched" with things worth trying instead. */
export function noMatch(headline: string, body: string[], typed: string, ctx: CommandContext): Answer {
  const answer = emptyAnswer('notice', headline);
  answer.body = body;
  const close = typed ? ctx.library.suggest(typed, ['episode', 'guest'], 3) : [];
  answer.suggestions = [
    ...close.map((s) => (s.kind === 'guest' ? `/guest ${s.label}` : `/episode ${s.label}`)),
    '/episode kubernetes',
    '/latest',
    '/help',
  ].slice(0, 4);
  return answer;
}
