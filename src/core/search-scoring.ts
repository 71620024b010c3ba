/** The scoring loop of {@link SearchIndex}: per query word, then the best episodes. */
import { META_FIELDS, type EpisodePostings } from './episode-postings.ts';
import type { QueryWord, SearchIndex, SearchOptions } from './search-index.ts';

/** Per-query work arrays, one entry per slot or per segment, reused across queries. */
export class Scratch {
  readonly metaAcc: Float64Array;
  readonly metaTouched: Int32Array;
  readonly segAcc: Float64Array;
  readonly segTouched: Int32Array;
  readonly termScore: Float64Array;
  readonly best: Float64Array;
  readonly rest: Float64Array;
  readonly termStamp: Int32Array;
  readonly termTouched: Int32Array;
  readonly total: Float64Array;
  readonly matched: Int32Array;
  readonly queryStamp: Int32Array;
  readonly queryTouched: Int32Array;
  stamp = 0;

  constructor(readonly slots: number, readonly segments: number) {
    [this.metaAcc, this.termScore, this.best, this.rest, this.total] = [0, 0, 0, 0, 0].map(() => new Float64Array(slots)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    [this.metaTouched, this.termStamp, this.termTouched, this.matched, this.queryStamp, this.queryTouched] = [0, 0, 0, 0, 0, 0].map(() => new Int32Array(slots)) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    this.segAcc = new Float64Array(segments);
    this.segTouched = new Int32Array(segments);
  }
}

/**
 * Adds one query word's scores to the scratch arrays: metadata fields, then
 * per episode its best transcript segment fully and the others at 0.2 (as
 * the MiniSearch-based index did). Returns the new count of episodes found.
 */
export function scoreWord(postings: EpisodePostings, options: SearchOptions, word: QueryWord, s: Scratch, queryStamp: number, found: number): number {
  const { fields, transcript } = postings;
  const { boosts, transcriptWeight } = options;
  const stamp = ++s.stamp;
  let metaCount = 0;
  let segCount = 0;
  let termCount = 0;
  for (const { id, weight } of word.meta) {
    for (const f of META_FIELDS) metaCount = fields[f].addScores(id, weight * boosts[f], s.metaAcc, s.metaTouched, metaCount);
  }
  for (const { id, weight } of word.transcript) segCount = transcript.addScores(id, weight, s.segAcc, s.segTouched, segCount);
  for (let i = 0; i < metaCount; i++) {
    const slot = s.metaTouched[i]!;
    s.termStamp[slot] = stamp;
    s.termTouched[termCount++] = slot;
    s.termScore[slot] = s.metaAcc[slot]!;
    s.best[slot] = -1;
    s.rest[slot] = 0;
    s.metaAcc[slot] = 0;
  }
  const { segAcc, segTouched, termStamp, termTouched, termScore, best, rest } = s;
  const segSlot = postings.segmentSlots();
  for (let i = 0; i < segCount; i++) {
    const seg = segTouched[i]!;
    const v = segAcc[seg]! * transcriptWeight;
    segAcc[seg] = 0;
    const slot = segSlot[seg]!;
    if (termStamp[slot] !== stamp) {
      termStamp[slot] = stamp;
      termTouched[termCount++] = slot;
      termScore[slot] = 0;
      best[slot] = v;
      rest[slot] = 0;
    } else {
      const top = best[slot]!;
      if (v > top) {
        if (top >= 0) rest[slot]! += top;
        best[slot] = v;
      } else rest[slot]! += v;
    }
  }
  let n = found;
  for (let i = 0; i < termCount; i++) {
    const slot = s.termTouched[i]!;
    const transcriptScore = s.best[slot]! >= 0 ? s.best[slot]! + s.rest[slot]! * 0.2 : 0;
    if (s.queryStamp[slot] !== queryStamp) {
      s.queryStamp[slot] = queryStamp;
      s.queryTouched[n++] = slot;
    }
    s.total[slot]! += s.termScore[slot]! + transcriptScore;
    s.matched[slot]! += 1;
  }
  return n;
}

/** The best `max` slots found: more query words matched, then higher score, then newer. */
export function topSlots(s: Scratch, found: number, recencyOfSlot: Int32Array, max: number): number[] {
  const better = (a: number, b: number) =>
    s.matched[b]! - s.matched[a]! || s.total[b]! - s.total[a]! || recencyOfSlot[a]! - recencyOfSlot[b]!;
  const top: number[] = [];
  for (let i = 0; i < found; i++) {
    const slot = s.queryTouched[i]!;
    if (top.length === max && better(slot, top[max - 1]!) >= 0) continue;
    let j = top.length < max ? top.length : max - 1;
    while (j > 0 && better(slot, top[j - 1]!) < 0) {
      if (j < max) top[j] = top[j - 1]!;
      j--;
    }
    top[j] = slot;
  }
  return top;
}
