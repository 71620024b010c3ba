import { describe, expect, it } from 'vitest';
import { emptyAnswer, type Answer } from '../../../../src/core/answers/answer.ts';
import { buttonDelivery, commandVisibility, isShareable } from '../../../../src/core/answers/visibility.ts';

const KINDS: Array<Answer['kind']> = ['episodes', 'help', 'notice', 'error', 'announcement'];

function answerOf(kind: Answer['kind']): Answer {
  const answer = emptyAnswer(kind, kind);
  answer.ref = { command: 'episode', arg: 'chaos', page: 0 };
  return answer;
}

describe('which answers are private: one rule for Discord and Slack', () => {
  it.each(KINDS)('a %s answer to a command', (kind) => {
    const answer = answerOf(kind);
    expect(commandVisibility(answer, true)).toBe('private');
    expect(commandVisibility(answer, false)).toBe(kind === 'episodes' ? 'public' : 'private');
  });

  it('offers sharing only on private episode results the bot can make again', () => {
    for (const kind of KINDS) {
      expect(isShareable(answerOf(kind), 'private')).toBe(kind === 'episodes');
      expect(isShareable(answerOf(kind), 'public')).toBe(false);
    }
    expect(isShareable({ ...answerOf('episodes'), ref: null }, 'private')).toBe(false);
  });

  it('delivers a button\'s episode results by replacing the message, keeping who sees it, or by sharing them', () => {
    expect(buttonDelivery(answerOf('episodes'), false, 'private')).toEqual({ kind: 'replace', visibility: 'private' });
    expect(buttonDelivery(answerOf('episodes'), false, 'public')).toEqual({ kind: 'replace', visibility: 'public' });
    expect(buttonDelivery(answerOf('episodes'), true, 'private')).toEqual({ kind: 'share' });
  });

  it.each(KINDS.filter((k) => k !== 'episodes'))('delivers a button\'s %s answer as a private notice, shared or not', (kind) => {
    expect(buttonDelivery(answerOf(kind), true, 'public')).toEqual({ kind: 'notice' });
    expect(buttonDelivery(answerOf(kind), false, 'private')).toEqual({ kind: 'notice' });
  });
});
