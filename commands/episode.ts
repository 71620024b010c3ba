import { toAnswerEpisode } from '../src/core/answers/answer-episode.ts';
import { addTranscriptNotice } from '../src/core/answers/unavailable.ts';
import { queryTerms } from '../src/core/model/text.ts';
import { episodesAnswer, noMatch, readText } from './answer-kit.ts';
import { catalogExamples, commandExamples } from './catalog-examples.ts';
import { correctedQuery } from './did-you-mean.ts';
import { latestAnswer } from './latest.ts';
import { addPartialNote, episodeMiss, matchedPart, metadataMiss } from './miss.ts';
import { pageSlice, rankOn } from './paging.ts';
import { inShow, inShowTitle, readShow, showOption } from './show-option.ts';
import { MAX_TEXT_LENGTH, type CommandDefinition } from './types.ts';

/** `/episode <query>`: search; with no query, the latest episodes. */
export const episodeCommand: CommandDefinition = {
  name: 'episode',
  description: 'Find episodes by topic, guest or title (empty: the latest episodes)',
  options: [
    {
      name: 'query',
      description: 'What to look for: a topic, a guest, a title',
      type: 'string',
      required: false,
      maxLength: MAX_TEXT_LENGTH,
      autocomplete: ['episode', 'guest'],
    },
    showOption,
  ],
  examples: ['/episode <a topic>', '/episode'],
  async run(input, ctx) {
    const text = readText(input.options.query, 'query', () => commandExamples('episode', catalogExamples(ctx.library))![0]!);
    if (!text.ok) return text.error;
    const query = text.value;
    const show = readShow(input.options.show, ctx);
    if (!show.ok) return show.error;
    const keep = inShow(ctx, show.value);
    const within = show.value ? { show: show.value.key } : {};
    if (query === '') {
      // Several of the newest, so "next" goes on to older ones instead of repeating the newest.
      const answer = latestAnswer(ctx, input.page, input.options.show);
      if (answer.kind === 'episodes') answer.headline = `The latest episodes${inShowTitle(show.value)}`;
      return answer;
    }
    const terms = queryTerms(query);
    if (terms.length === 0) {
      const examples = catalogExamples(ctx.library);
      const like = [examples.topic, examples.guest].filter((w): w is string => w !== null).map((w) => `“${w}”`).join(' or ');
      return noMatch(`No episodes match “${query}”`, [like ? `Try a word or a name, like ${like}.` : 'Try a word or a name.'], '', ctx);
    }
    let slice = pageSlice(input.page);
    const filter = show.value ? keep : undefined;
    let { total, hits, unmatched, transcripts } = await ctx.library.search(query, slice.offset, slice.size, filter);
    if (hits.length === 0 && total > 0) {
      // A page past the end (an old button after the catalog changed): show the last one.
      slice = pageSlice(slice.page, total);
      ({ total, hits, unmatched, transcripts } = await ctx.library.search(query, slice.offset, slice.size, filter));
    }
    if (total === 0) {
      const miss = transcripts === 'unavailable' ? metadataMiss(query, ctx) : await episodeMiss(query, terms, unmatched, ctx);
      miss.headline += inShowTitle(show.value);
      return miss;
    }
    const episodes = hits.map((h, i) =>
      toAnswerEpisode(ctx.library.get(h.episodeId)!, rankOn(slice, i), { chapter: h.chapter, snippet: h.snippet }),
    );
    const answer = episodesAnswer(`Episodes matching “${query}”${inShowTitle(show.value)}`, episodes, total, { command: 'episode', arg: query, page: slice.page, ...within });
    const found = matchedPart(query, unmatched);
    if (found !== query) addPartialNote(answer, unmatched, found, await correctedQuery(ctx.library, terms, unmatched));
    return addTranscriptNotice(answer, transcripts);
  },
};
