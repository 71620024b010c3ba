import { emptyAnswer, type Answer } from './answer.ts';

/** The one line an answer carries when its search could not read transcripts (the database away). */
export const TRANSCRIPTS_UNAVAILABLE_NOTICE =
  'I can’t search transcripts right now (the database is unreachable): only titles, guests, chapters and descriptions were searched. Try again in a minute.';

/** Adds {@link TRANSCRIPTS_UNAVAILABLE_NOTICE} to an answer when its search's transcripts were `unavailable`, first in its body. */
export function addTranscriptNotice(answer: Answer, transcripts: 'searched' | 'unavailable'): Answer {
  if (transcripts === 'unavailable') answer.body.unshift(TRANSCRIPTS_UNAVAILABLE_NOTICE);
  return answer;
}

/** What a command that needs the database answers while it is unreachable, instead of a generic apology. */
export function storeUnavailableAnswer(): Answer {
  const answer = emptyAnswer('notice', 'I can’t do that right now: the bot’s database is unreachable');
  answer.body = ['It is temporarily unavailable; try again in a minute. Searching titles, guests and topics (/episode, /latest, /show) still works.'];
  answer.suggestions = ['/latest', '/help'];
  return answer;
}
