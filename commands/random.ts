import { noMatch } from './answer-kit.ts';
import { inShow, readShow, showOption } from './show-option.ts';
import { showEpisodeAnswer } from './show.ts';
import type { CommandDefinition } from './types.ts';

/** `/random`: a random episode, with a button for another. */
export const randomCommand: CommandDefinition = {
  name: 'random',
  description: 'A random episode to listen to',
  options: [showOption],
  examples: ['/random'],
  run(input, ctx) {
    const show = readShow(input.options.show, ctx);
    if (!show.ok) return show.error;
    const pool = show.value ? ctx.library.latest(0, ctx.library.size).filter(inShow(ctx, show.value)) : null;
    const episode = pool ? pool[Math.floor(ctx.random() * pool.length)] : ctx.library.random(ctx.random);
    if (!episode) return noMatch('There are no episodes yet', [], '', ctx);
    const within = show.value ? { show: show.value.key } : {};
    return showEpisodeAnswer(episode, `Random pick: ${episode.title}`, [
      { kind: 'another', label: 'Another one', ref: { command: 'random', arg: '', page: 0, ...within } },
    ]);
  },
};
