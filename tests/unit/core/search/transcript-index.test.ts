import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import type { TranscriptStore } from '../../../../src/core/model/transcript-store.ts';
import { Library } from '../../../../src/core/search/library.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryStore } from '../../../helpers/library.ts';

const seg = (text: string) => ({ startSeconds: null, endSeconds: null, speaker: null, text });
const only: Episode = { ...shippedCatalog().episodes[16]!, id: 'zoo', title: 'A quiet episode', description: 'Nothing to see.', chapters: [], guests: [], transcriptExcerpt: null };

/** The in-memory SQLite transcript store, its vocabulary read one word at a time with a pause after each (a slow network). */
function slowVocabulary(): { store: TranscriptStore; firstSlice: Promise<void> } {
  const inner = memoryStore().transcriptSegments;
  let sliced!: () => void;
  const firstSlice = new Promise<void>((r) => (sliced = r));
  const store: TranscriptStore = {
    stored: (ids) => inner.stored(ids),
    replace: (items, options) => inner.replace(items, options),
    hasFetched: (id) => inner.hasFetched(id),
    segmentCount: () => inner.segmentCount(),
    matches: (term) => inner.matches(term),
    segmentsWith: (term, scope) => inner.segmentsWith(term, scope),
    quotes: (ids, terms) => inner.quotes(ids, terms),
    async *vocabulary() {
      for await (const slice of inner.vocabulary(1)) {
        yield slice;
        sliced();
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  return { store, firstSlice };
}

describe('transcript search over the transcript store', () => {
  it('misses no word stored while the vocabulary is being read: a typo of it finds the episode', async () => {
    const { store, firstSlice } = slowVocabulary();
    const library = await Library.create({ ...shippedCatalog(), episodes: [only] }, { transcripts: store });
    await library.transcripts.replaceTranscript('zoo', [seg('mongoose narwhal ocelot')]);
    const warming = library.warmUp();
    await firstSlice; // "mongoose" is read; "kangaroo" sorts before it
    await library.transcripts.replaceTranscript('zoo', [seg('mongoose narwhal ocelot'), seg('a kangaroo')]);
    await warming;
    expect((await library.search('kangaoro')).hits.map((h) => h.episodeId)).toEqual(['zoo']);
    await library.transcripts.replaceTranscript('zoo', [seg('only penguins')]);
    expect((await library.search('kangaoro')).total).toBe(0);
    expect((await library.search('pengiuns')).hits.map((h) => h.episodeId)).toEqual(['zoo']);
  });

  it('answers searches that arrive together while the vocabulary loads, alike', async () => {
    const { store } = slowVocabulary();
    const library = await Library.create({ ...shippedCatalog(), episodes: [only] }, { transcripts: store });
    await library.transcripts.replaceTranscript('zoo', [seg('the wombat burrow'), seg('wombats dig')]);
    const pages = await Promise.all(['wombat', 'wobmat', 'burrow'].map((q) => library.search(q)));
    expect(pages.map((p) => p.hits.map((h) => [h.episodeId, h.snippet?.source]))).toEqual([[['zoo', 'transcript']], [['zoo', 'transcript']], [['zoo', 'transcript']]]);
  });
});
