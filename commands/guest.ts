import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import { episodesAnswer, noMatch, readText } from './answer-kit.ts';
import { catalogExamples, commandExamples } from './catalog-examples.ts';
import { guestMiss } from './miss.ts';
import { pageItems, pageSlice, rankOn } from './paging.ts';
import { MAX_TEXT_LENGTH, type CommandDefinition } from './types.ts';

/** `/guest <name>`: every episode with that guest (typos allowed). */
export const guestCommand: CommandDefinition = {
  name: 'guest',
  description: 'Every episode with a guest (typos are fine)',
  options: [
    {
      name: 'name',
      description: 'The guest’s name (typos are fine)',
      type: 'string',
      required: true,
      maxLength: MAX_TEXT_LENGTH,
      autocomplete: ['guest'],
    },
  ],
  examples: ['/guest <a guest’s name>'],
  run(input, ctx) {
    const example = () => commandExamples('guest', catalogExamples(ctx.library))![0]!;
    const text = readText(input.options.name, 'name', example);
    if (!text.ok) return text.error;
    const name = text.value;
    if (name === '') return noMatch('Which guest?', [example().includes('<') ? 'Give a guest’s name.' : `Give a name, like “${example()}”.`], '', ctx);
    const people = ctx.library.findGuests(name);
    if (people.length === 0) return guestMiss(name, ctx);
    const ids = new Set(people.flatMap((p) => p.episodeIds));
    const all = ctx.library.latest(0, ctx.library.size).filter((e) => ids.has(e.id));
    const slice = pageSlice(input.page, all.length);
    const episodes = pageItems(all, slice).map((ep, i) => toAnswerEpisode(ep, rankOn(slice, i)));
    const who = people.length === 1 ? people[0]!.name : people.map((p) => p.name).join(', ');
    return episodesAnswer(`Episodes with ${who}`, episodes, all.length, { command: 'guest', arg: name, page: slice.page });
  },
};
