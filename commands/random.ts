import { noMatch } from './answer-kit.ts';
import { showEpisodeAnswer } from './show.ts';
import type { CommandDefinition } from './types.ts';

/** `/random`: a random episode, with a button for another. */
export const randomCommand: CommandDefinition = {
  name: 'random',
  description: 'A random episode to listen to',
  options: [],
  examples: ['/random'],
  run(_input, ctx) {
    const episode = ctx.library.random(ctx.random);
    if (!episode) return noMatch('There are no episodes yet', [], '', ctx);
    return showEpisodeAnswer(episode, `Random pick: ${episode.title}`, [
      { kind: 'another', label: 'Another one', ref: { command: 'random', arg: '', page: 0 } },
    ]);
  },
};
