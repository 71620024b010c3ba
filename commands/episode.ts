import { toAnswerEpisode } from '../src/core/answer-episode.ts';
import { queryTerms } from '../src/core/text.ts';
import { clampPage, episodesAnswer, noMatch, readText } from './answer-kit.ts';
import { inShow, inShowTitle, readShow, showOption } from './show-option.ts';
import { showEpisodeAnswer } from './show.ts';
import { MAX_TEXT_LENGTH, PAGE_SIZE, type CommandDefinition } from './types.ts';

/** `/episode <query>`: search; with no query, the latest episode. */
export const episodeCommand: CommandDefinition = {
  name: 'episode',
  description: 'Find episodes by topic, guest or title (empty: the latest episode)',
  options: [
    {
      name: 'query',
      description: 'What to look for, e.g. kubernetes, FinOps, a guest',
      type: 'string',
      required: false,
      maxLength: MAX_TEXT_LENGTH,
      autocomplete: ['episode', 'guest'],
    },
    showOption,
  ],
  examples: ['/episode chaos', '/episode kubernetes lasagna', '/episode'],
  run(input, ctx) {
    const text = readText(input.options.query, 'query', '/episode database failover');
    if (!text.ok) return text.error;
    const query = text.value;
    const show = readShow(input.options.show, ctx);
    if (!show.ok) return show.error;
    const keep = inShow(ctx, show.value);
    const within = show.value ? { show: show.value.key } : {};
    if (query === '') {
      const newest = show.value ? ctx.library.latest(0, ctx.library.size).find(keep) : ctx.library.latest(0, 1)[0];
      if (!newest) return noMatch('There are no episodes yet', [], '', ctx);
      return showEpisodeAnswer(newest, `The latest episode${inShowTitle(show.value)}`, [
        { kind: 'next', label: 'More episodes', ref: { command: 'latest', arg: '', page: 0, ...within } },
      ]);
    }
    if (queryTerms(query).length === 0) {
      return noMatch(`No episodes match “${query}”`, ['Try a word or a name, like “kubernetes” or “Alex Hidalgo”.'], '', ctx);
    }
    let page = Math.max(0, Math.floor(input.page) || 0);
    const filter = show.value ? (id: string) => keep(ctx.library.get(id)!) : undefined;
    let { total, hits } = ctx.library.search(query, page * PAGE_SIZE, PAGE_SIZE, filter);
    if (hits.length === 0 && total > 0) {
      // A page past the end (an old button after the catalog changed): show the last one.
      page = clampPage(page, total);
      ({ total, hits } = ctx.library.search(query, page * PAGE_SIZE, PAGE_SIZE, filter));
    }
    if (total === 0) {
      return noMatch(`No episodes match “${query}”${inShowTitle(show.value)}`, ['Check the spelling, use fewer words, or try one of these:'], query, ctx);
    }
    const episodes = hits.map((h, i) =>
      toAnswerEpisode(ctx.library.get(h.episodeId)!, page * PAGE_SIZE + i + 1, { chapter: h.chapter, snippet: h.snippet }),
    );
    return episodesAnswer(`Episodes matching “${query}”${inShowTitle(show.value)}`, episodes, total, { command: 'episode', arg: query, page, ...within });
  },
};
