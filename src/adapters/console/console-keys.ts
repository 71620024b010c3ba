import type { Answer, AnswerAction, HelpSection } from '../../core/answers/answer.ts';

/** The one-letter keys of the console chat, and the button each presses on the last answer. */
export const CONSOLE_KEYS: Readonly<Record<string, AnswerAction['kind']>> = { n: 'next', p: 'previous', s: 'similar', a: 'another' };

/** The help section listing the console's keys (added to /help in the console chat). */
export const CONSOLE_KEYS_SECTION: HelpSection = {
  title: 'Keys in this console',
  lines: [
    'n / p: next / previous page of the last results',
    's: episodes similar to the top result',
    'a: another random episode (after /random)',
    'A line without a slash is a search: “some words” means /episode some words',
    '/quit, Ctrl-D on an empty line, or Ctrl-C twice: leave (Ctrl-C once clears the line)',
  ],
};

/**
 * What to say when a key has nothing to act on: which page this is, or what
 * the key is for, rather than a bare refusal.
 */
export function keyMiss(key: string, last: Answer | null): string {
  const k = key.toLowerCase();
  if (!last) return `Nothing to act on yet: “${k}” works on the last answer. Try /episode and a topic first.`;
  const paging = last.paging;
  if (k === 'n' || k === 'p') {
    if (!paging || paging.pageCount <= 1) return 'That answer has only one page.';
    return k === 'n'
      ? `That was the last page (page ${paging.page + 1} of ${paging.pageCount}). p goes back.`
      : `This is the first page already (page 1 of ${paging.pageCount}). n goes on.`;
  }
  if (k === 's') {
    return last.ref?.command === 'similar'
      ? 'These are the similar episodes already. Search again, then s shows episodes like the top result.'
      : 'There is no episode in that answer to find similar ones for.';
  }
  return '“a” picks another random episode after /random. Type /random.';
}
