import { emptyAnswer, type Answer } from '../../core/answer.ts';

/** What the user sees when handling their interaction failed in the adapter itself. */
export function apologyAnswer(): Answer {
  const answer = emptyAnswer('error', 'Sorry, something went wrong on my side');
  answer.body = ['The problem has been logged. Please try again in a moment.'];
  return answer;
}
