import { noMatch } from './answer-kit.ts';
import { showEpisodeAnswer } from './show.ts';
import type { CommandDefinition } from './types.ts';

/** `/random`: a random episode, none again in a channel until all have been shown there, with a button for another. */
export const randomCommand: CommandDefinition = {
  name: 'random',
  description: 'A random episode to listen to',
  options: [],
  examples: ['/random'],
  run(_input, ctx) {
    const { library, invocation: who } = ctx;
    const place = `${who.platform}:${who.channelId ?? `user:${who.userId ?? ''}`}`;
    const id = ctx.deck.draw(place, library.latest(0, library.size).map((e) => e.id), ctx.random);
    const episode = id ? library.get(id) : undefined;
    if (!episode) return noMatch('There are no episodes yet', [], '', ctx);
    return showEpisodeAnswer(episode, `Random pick: ${episode.title}`, [
      { kind: 'another', label: 'Another one', ref: { command: 'random', arg: '', page: 0 } },
    ]);
  },
};
