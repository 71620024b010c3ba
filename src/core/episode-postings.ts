import type { Episode } from './catalog-schema.ts';
import { transcriptOf } from './compact-text.ts';
import { fastTokenize, scanTokens, spanEnd, spanHasDigit, spanStart } from './fast-text.ts';
import { FieldIndex, type FieldIndexData } from './field-index.ts';
import { TermDictionary, type DerivedTerm } from './term-dictionary.ts';

export type { DerivedTerm } from './term-dictionary.ts';
import { indexTerm } from './text.ts';
import { segmentRanges } from './transcript-segments.ts';

/** The metadata fields of an episode, in the order MiniSearch scored them. */
export const META_FIELDS = ['title', 'guests', 'orgs', 'chapters', 'description'] as const;

/** A metadata field. */
export type MetaField = (typeof META_FIELDS)[number];

/** The arrays of {@link EpisodePostings}, for snapshots. */
export interface EpisodePostingsData {
  terms: readonly string[];
  slotIds: readonly string[];
  fields: Record<MetaField, FieldIndexData>;
  transcript: FieldIndexData;
  /** Per segment: the episode slot, then where it starts and ends in the transcript. */
  segSlot: Uint32Array;
  segStart: Uint32Array;
  segEnd: Uint32Array;
  /** Per slot: its first segment and how many it has. */
  slotFirstSeg: Uint32Array;
  slotSegCount: Uint32Array;
}

type EpisodeDoc = Record<MetaField, string>;

function toDoc(ep: Episode): EpisodeDoc {
  return {
    title: ep.title,
    guests: ep.guests.map((g) => [g.name, g.handle?.replace(/^@/, '')].filter(Boolean).join(' ')).join('\n'),
    orgs: ep.guests.flatMap((g) => [g.org, g.role]).filter(Boolean).join('\n') + (ep.series ? `\n${ep.series}` : ''),
    chapters: ep.chapters.map((c) => c.title).join('\n'),
    description: ep.description,
  };
}

function growU32(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const b = new Uint32Array(Math.max(need, a.length * 2, 64));
  b.set(a);
  return b;
}

/**
 * The postings of every episode: one dictionary of words, five metadata
 * fields over episode slots, and the transcript over segments. An episode
 * gets a new slot each time it is added; a replaced one's slot goes dead.
 */
export class EpisodePostings {
  readonly dict: TermDictionary;
  readonly fields: Record<MetaField, FieldIndex>;
  readonly transcript: FieldIndex;
  /** Episode id of each slot. */
  readonly slotIds: string[];
  private segSlot: Uint32Array;
  private segStart: Uint32Array;
  private segEnd: Uint32Array;
  private slotFirstSeg: Uint32Array;
  private slotSegCount: Uint32Array;
  private segments: number;
  private readonly counter = new TextCounter();
  private readonly stop: boolean[] = [];

  constructor(data?: EpisodePostingsData) {
    this.dict = new TermDictionary();
    if (data) this.dict.load(data.terms);
    const field = (f: MetaField) => (data ? FieldIndex.fromData(data.fields[f]) : new FieldIndex());
    this.fields = { title: field('title'), guests: field('guests'), orgs: field('orgs'), chapters: field('chapters'), description: field('description') };
    this.transcript = data ? FieldIndex.fromData(data.transcript) : new FieldIndex();
    this.slotIds = [...(data?.slotIds ?? [])];
    this.segSlot = data?.segSlot ?? new Uint32Array(0);
    this.segStart = data?.segStart ?? new Uint32Array(0);
    this.segEnd = data?.segEnd ?? new Uint32Array(0);
    this.slotFirstSeg = data?.slotFirstSeg ?? new Uint32Array(0);
    this.slotSegCount = data?.slotSegCount ?? new Uint32Array(0);
    this.segments = this.segSlot.length;
  }

  /** Number of slots (live or dead). */
  get slotCount(): number {
    return this.slotIds.length;
  }

  /** Number of transcript segments (live or dead). */
  get segmentCount(): number {
    return this.segments;
  }

  /** Indexes an episode in a new slot, its transcript cut in segments of about `segmentWords` words. */
  add(ep: Episode, segmentWords: number): number {
    const slot = this.slotIds.length;
    this.slotIds.push(ep.id);
    const doc = toDoc(ep);
    for (const f of META_FIELDS) this.addText(this.fields[f], slot, doc[f]);
    const transcript = transcriptOf(ep);
    const ranges = transcript ? segmentRanges(transcript, segmentWords) : [];
    const count = ranges.length / 2;
    this.slotFirstSeg = growU32(this.slotFirstSeg, slot + 1);
    this.slotSegCount = growU32(this.slotSegCount, slot + 1);
    this.slotFirstSeg[slot] = this.segments;
    this.slotSegCount[slot] = count;
    this.segSlot = growU32(this.segSlot, this.segments + count);
    this.segStart = growU32(this.segStart, this.segments + count);
    this.segEnd = growU32(this.segEnd, this.segments + count);
    for (let i = 0; i < count; i++) {
      const seg = this.segments++;
      this.segSlot[seg] = slot;
      this.segStart[seg] = ranges[2 * i]!;
      this.segEnd[seg] = ranges[2 * i + 1]!;
      this.addText(this.transcript, seg, transcript!.slice(ranges[2 * i]!, ranges[2 * i + 1]!));
    }
    return slot;
  }

  /** Takes a slot's episode out of every field. */
  remove(slot: number): void {
    for (const f of META_FIELDS) this.fields[f].remove(slot);
    const first = this.slotFirstSeg[slot]!;
    for (let s = first; s < first + this.slotSegCount[slot]!; s++) this.transcript.remove(s);
  }

  /** Makes added episodes searchable and drops removed ones (call after a batch of changes). */
  compact(): void {
    this.dict.prepare();
    const terms = this.dict.size;
    for (const f of META_FIELDS) this.fields[f].compact(terms);
    this.transcript.compact(terms);
  }

  /** The slot of each segment (read only). */
  segmentSlots(): Uint32Array {
    return this.segSlot;
  }

  /** A slot's segments: [first, first + count). */
  segmentsOf(slot: number): { first: number; count: number } {
    return { first: this.slotFirstSeg[slot]!, count: this.slotSegCount[slot]! };
  }

  /** Where segment `seg` stands in its episode's transcript. */
  segmentRange(seg: number): { start: number; end: number } {
    return { start: this.segStart[seg]!, end: this.segEnd[seg]! };
  }

  /** See {@link TermDictionary.expand}. */
  expand(term: string, prefix: boolean, edits: number): DerivedTerm[] {
    return this.dict.expand(term, prefix, edits);
  }

  /** The arrays, for a snapshot (compact first). */
  data(): EpisodePostingsData {
    const fields = Object.fromEntries(META_FIELDS.map((f) => [f, this.fields[f].data()])) as Record<MetaField, FieldIndexData>;
    const slots = this.slotIds.length;
    return {
      terms: this.dict.allTerms(),
      slotIds: this.slotIds,
      fields,
      transcript: this.transcript.data(),
      segSlot: this.segSlot.subarray(0, this.segments),
      segStart: this.segStart.subarray(0, this.segments),
      segEnd: this.segEnd.subarray(0, this.segments),
      slotFirstSeg: this.slotFirstSeg.subarray(0, slots),
      slotSegCount: this.slotSegCount.subarray(0, slots),
    };
  }

  /** Adds a text as document `doc` of `field`: MiniSearch's length (distinct words, stop words included) and counts. */
  private addText(field: FieldIndex, doc: number, text: string): void {
    const c = this.counter;
    c.stamp++;
    c.length = 0;
    const n = scanTokens(text);
    if (n < 0) for (const t of fastTokenize(text)) this.countWord(this.dict.intern(t));
    else {
      for (let k = 0; k < n; k++) {
        if (spanEnd(k) - spanStart(k) < 2 && !spanHasDigit(k)) continue;
        this.countWord(this.dict.internSpan(text, k));
      }
    }
    const ids = c.ids;
    field.add(doc, ids, ids.map((id) => c.counts[id]!), c.length);
    c.ids = [];
  }

  private countWord(id: number): void {
    const c = this.counter;
    c.ensure(this.dict.size);
    if (c.seen[id] !== c.stamp) {
      c.seen[id] = c.stamp;
      c.counts[id] = 0;
      c.length++;
      if (!this.isStop(id)) c.ids.push(id);
    }
    c.counts[id]! += 1;
  }

  /** Whether word `id` is a stop word (counted in a field's length, never indexed). */
  private isStop(id: number): boolean {
    while (this.stop.length < this.dict.size) this.stop.push(indexTerm(this.dict.term(this.stop.length)) === null);
    return this.stop[id]!;
  }
}

/** Reusable per-text counting arrays, indexed by word number. */
class TextCounter {
  seen = new Int32Array(1024);
  counts = new Int32Array(1024);
  ids: number[] = [];
  stamp = 0;
  length = 0;

  ensure(size: number): void {
    if (size <= this.seen.length) return;
    const seen = new Int32Array(size * 2);
    seen.set(this.seen);
    const counts = new Int32Array(size * 2);
    counts.set(this.counts);
    this.seen = seen;
    this.counts = counts;
  }
}
