import { expect, it } from 'vitest';
import type { TranscriptWord } from '../../../../src/core/search/transcript-index.ts';
import { GuardedTranscripts, type TranscriptSearch } from '../../../../src/core/search/transcript-outage.ts';

const word: TranscriptWord = { word: 'okapi', terms: ['okapi'], frequent: [], weight: 1 };

/** A transcript search whose store is away after `okCalls` calls; it counts the calls it was asked. */
function flaky(okCalls: number) {
  let calls = 0;
  const call = async <T>(value: T): Promise<T> => {
    calls++;
    if (calls > okCalls) throw new Error('PostgreSQL at db:5432/bot cannot be reached just now');
    return value;
  };
  const search: TranscriptSearch = {
    derive: () => call(word),
    search: () => call(new Map([['ep1', { score: 2, bestSegment: 7 }]])),
    searchFrequent: () => call(new Map()),
    quote: () => call({ segmentId: 7, marked: 'okapi', startSeconds: null, speaker: null }),
  };
  return { search, calls: () => calls };
}

it('passes look-ups through while the store answers, and says transcripts were searched', async () => {
  const { search } = flaky(Infinity);
  const guarded = new GuardedTranscripts(search);
  expect(await guarded.derive('okapi')).toEqual(word);
  expect([...(await guarded.search(word)).keys()]).toEqual(['ep1']);
  expect(guarded.status).toBe('searched');
});

it('turns the first failure into “unavailable” and nothing found, and asks the store nothing more for that search', async () => {
  const { search, calls } = flaky(1);
  const guarded = new GuardedTranscripts(search);
  expect(await guarded.derive('okapi')).toEqual(word);
  expect(await guarded.search(word)).toEqual(new Map());
  expect(guarded.status).toBe('unavailable');
  expect(await guarded.quote([word], [7])).toBeNull();
  expect(await guarded.searchFrequent(word, ['ep1'], true)).toEqual(new Map());
  expect(await guarded.derive('narwhal')).toBeNull();
  expect(calls()).toBe(2);
});
