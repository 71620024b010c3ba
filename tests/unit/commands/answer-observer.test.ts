import { describe, expect, it } from 'vitest';
import { Dispatcher, type AnswerEvent } from '../../../commands/dispatcher.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import type { CommandDefinition, Invocation } from '../../../commands/types.ts';
import { shippedLibrary } from '../../helpers/bot.ts';

const SLACK: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C1', serverId: 'T1', canManage: false };
const boom: CommandDefinition = { name: 'boom', description: 'fails', options: [], examples: [], run: () => { throw new Error('boom'); } };

const library = await shippedLibrary();

function dispatcher(observe: (e: AnswerEvent) => void): Dispatcher {
  return new Dispatcher({ registry: new CommandRegistry(() => library.podcast.title, [boom]), library, onError: () => undefined, observe });
}

describe('the dispatcher\'s answer observer (what the metrics count)', () => {
  it('is told of each command and button answered: platform, command, outcome and time', async () => {
    const events: AnswerEvent[] = [];
    const d = dispatcher((e) => events.push(e));
    await d.command('episode', { query: 'chaos' }, SLACK);
    await d.command('/no-such-command', {}, SLACK);
    await d.command('boom', {}, SLACK);
    await d.action('1:e:1:chaos', SLACK);
    await d.action('not-a-button', SLACK);
    expect(events.map(({ seconds: _s, ...e }) => e)).toEqual([
      { platform: 'slack', command: 'episode', via: 'command', outcome: 'answered' },
      { platform: 'slack', command: 'unknown', via: 'command', outcome: 'answered' },
      { platform: 'slack', command: 'boom', via: 'command', outcome: 'error' },
      { platform: 'slack', command: 'episode', via: 'button', outcome: 'answered' },
      { platform: 'slack', command: 'expired', via: 'button', outcome: 'answered' },
    ]);
    for (const e of events) expect(e.seconds).toBeGreaterThanOrEqual(0);
  });

  it('is not told of autocomplete look-ups, and an observer that throws costs no answer', async () => {
    const events: AnswerEvent[] = [];
    await dispatcher((e) => events.push(e)).command('episode', { query: 'kub' }, SLACK, 'autocomplete');
    expect(events).toEqual([]);
    const answer = await dispatcher(() => { throw new Error('metrics down'); }).command('episode', { query: 'chaos' }, SLACK);
    expect(answer.kind).toBe('episodes');
  });
});
