import { noMatch } from './answer-kit.ts';
import { inShow, readShow, showOption } from './show-option.ts';
import { showEpisodeAnswer } from './show.ts';
import type { CommandDefinition } from './types.ts';

/** `/random`: a random episode, none again in a channel until all have been shown there, with a button for another. */
export const randomCommand: CommandDefinition = {
  name: 'random',
  description: 'A random episode to listen to',
  options: [showOption],
  examples: ['/random'],
  async run(input, ctx) {
    const show = readShow(input.options.show, ctx);
    if (!show.ok) return show.error;
    const { library, invocation: who } = ctx;
    const pool = library.latest(0, library.size).filter(show.value ? inShow(ctx, show.value) : () => true);
    const place = `${who.platform}:${who.channelId ?? `user:${who.userId ?? ''}`}:${show.value?.key ?? ''}`;
    const id = await ctx.deck.draw(place, pool.map((e) => e.id), ctx.random);
    const episode = id ? library.get(id) : undefined;
    if (!episode) return noMatch('There are no episodes yet', [], '', ctx);
    const within = show.value ? { show: show.value.key } : {};
    return showEpisodeAnswer(episode, `Random pick: ${episode.title}`, [
      { kind: 'another', label: 'Another one', ref: { command: 'random', arg: '', page: 0, ...within } },
    ]);
  },
};
