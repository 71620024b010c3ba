import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { TRANSCRIPTS_UNAVAILABLE_NOTICE } from '../src/core/answers/unavailable.ts';
import { tokenize } from '../src/core/model/text.ts';
import { closestWord } from '../src/core/search/typos.ts';
import { noMatch } from './answer-kit.ts';
import { allGuests, correctedQuery, nearestGuests } from './did-you-mean.ts';
import type { CommandContext, CommandDefinition } from './types.ts';

/** Up to this many guests, a missed `/guest` lists them all. */
const LIST_GUESTS_UP_TO = 20;

/** “quantum”, “quantum” or “qubit”, “a”, “b” or “c”. */
function quotedList(words: readonly string[]): string {
  const q = words.map((w) => `“${w}”`);
  return q.length < 2 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q.at(-1)}`;
}

/** The typed query without the words that matched nothing ("quantum kubernetes" → "kubernetes"). */
export function matchedPart(query: string, unmatched: readonly string[]): string {
  if (unmatched.length === 0) return query;
  const missing = new Set(unmatched);
  const kept = query.split(' ').filter((word) => {
    const terms = tokenize(word);
    return terms.length === 0 || terms.some((t) => !missing.has(t));
  });
  return kept.length > 0 ? kept.join(' ') : query;
}

/** Says which words matched nothing and what the results are for (`found`), with a correction when one finds episodes. */
export function addPartialNote(answer: Answer, unmatched: readonly string[], found: string, corrected: string | null): void {
  const verb = unmatched.length === 1 ? 'is' : 'are';
  answer.body.push(`${quotedList(unmatched)} ${verb} not in any episode, so these are the results for “${found}”.`);
  if (corrected) {
    answer.body.push(`Did you mean “${corrected}”?`);
    answer.suggestions.push(`/episode ${corrected}`);
  }
}

/** `/episode` found nothing: a corrected query when one finds episodes, else close titles, guests and topics. */
export async function episodeMiss(query: string, terms: readonly string[], unmatched: readonly string[], ctx: CommandContext): Promise<Answer> {
  const corrected = await correctedQuery(ctx.library, terms, unmatched.length > 0 ? unmatched : terms);
  const headline = `No episodes match “${query}”`;
  if (corrected) return noMatch(headline, [`Did you mean “${corrected}”?`], query, ctx, [`/episode ${corrected}`]);
  const words = unmatched.length > 0 ? unmatched : terms;
  return noMatch(headline, [`No episode mentions ${quotedList(words)}, and no title, guest or topic comes close.`], query, ctx);
}

/**
 * `/episode` found nothing in metadata while transcripts could not be read:
 * the notice, never "no episode mentions …" (the words were not looked up in transcripts).
 */
export function metadataMiss(query: string, ctx: CommandContext): Answer {
  return noMatch(`No title, guest or topic matches “${query}”`, [TRANSCRIPTS_UNAVAILABLE_NOTICE], query, ctx);
}

/** `/guest` found nobody: the nearest names, every guest when there are few, and episodes that mention the name. */
export async function guestMiss(name: string, ctx: CommandContext): Promise<Answer> {
  const nearest = nearestGuests(ctx.library, name, 3);
  const guests = allGuests(ctx.library);
  const body = [nearest.length > 0 ? `Did you mean ${nearest.join(' or ')}?` : 'No guest’s name comes close.'];
  if (guests.length > 0 && guests.length <= LIST_GUESTS_UP_TO) body.push(`The ${guests.length} guests: ${guests.join(', ')}.`);
  const first = nearest.map((g) => `/guest ${g}`);
  const found = await ctx.library.search(name, 0, 1);
  const mentions = found.unmatched.length === 0 ? found.total : 0;
  if (mentions > 0) {
    body.push(`${mentions === 1 ? 'One episode mentions' : `${mentions} episodes mention`} “${name}”: /episode ${name}`);
    first.unshift(`/episode ${name}`);
  }
  return noMatch(`No guest matches “${name}”`, body, '', ctx, first);
}

/** A command name typed wrong ("/epsiode chaos"): "did you mean /episode?", or null when no command is close. */
export function unknownCommandAnswer(typed: string, rest: string, commands: readonly CommandDefinition[]): Answer | null {
  const name = typed.replace(/^\//, '').toLowerCase();
  if (name.length < 3) return null;
  // The same typo policy as search's (typos.ts), with a suggestion's budget.
  const close = closestWord(name, commands.map((c) => c.name), 'suggest');
  if (close === null) return null;
  const answer = emptyAnswer('notice', `I don’t know “/${typed.replace(/^\//, '').slice(0, 40)}”. Did you mean /${close}?`);
  const suggestion = `/${close}${rest ? ` ${rest}` : ''}`;
  answer.body = [`Type ${suggestion}, or /help for every command.`];
  answer.suggestions = [suggestion, '/help'];
  return answer;
}
