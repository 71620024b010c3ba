/**
 * A library's indexes as one versioned binary file, restored without
 * rebuilding: a JSON header (format, version, the episodes' metadata, word
 * lists) and typed arrays read in place (postings, vectors, transcripts).
 * Like MiniSearch's `serializationVersion`, a snapshot of another version
 * is refused, never half read. Pure: the caller reads and writes the bytes.
 */
import type { Episode } from './catalog-schema.ts';
import { CompactText, compactTranscript, withCompactTranscript } from './compact-text.ts';
import { META_FIELDS, type EpisodePostingsData } from './episode-postings.ts';
import type { FieldIndexData } from './field-index.ts';
import { Library, type LibraryOptions, type LibraryState } from './library.ts';
import { DEFAULT_RECOMMEND_OPTIONS } from './recommend.ts';
import { fail, ok, type Result } from './result.ts';
import { DEFAULT_SEARCH_OPTIONS } from './search-index.ts';

/** What the first bytes of a snapshot say. */
export const SNAPSHOT_MAGIC = 'EPBOTLIB';
/** The snapshot format this version of episode-bot writes and reads; any other is refused. */
export const SNAPSHOT_VERSION = 1;

type ArrayKind = 'u8' | 'u16' | 'i32' | 'u32' | 'f64';
type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;
interface Section {
  kind: ArrayKind;
  offset: number;
  length: number;
}

interface Header {
  format: typeof SNAPSHOT_MAGIC;
  version: number;
  littleEndian: boolean;
  builtWith: BuildOptions;
  meta: Record<string, unknown>;
  podcast: LibraryState['podcast'];
  episodes: Episode[];
  search: { terms: readonly string[]; slotIds: readonly string[] };
  recommender: { terms: readonly string[]; surfaces: ReadonlyArray<[number, string]>; episodeIds: readonly string[] };
  names: { terms: readonly string[] };
  sections: Record<string, Section>;
}

/** The options a snapshot's content depends on; restoring with others is refused. */
interface BuildOptions {
  segmentWords: number;
  headlineWeight: number;
  vectorTerms: number;
}

const KINDS: Record<ArrayKind, { bytes: number; make: (b: ArrayBuffer, o: number, n: number) => Typed }> = {
  u8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  u16: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  i32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  u32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  f64: { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
};

const kindOf = (a: Typed): ArrayKind =>
  a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : 'f64';
const align8 = (n: number) => (n + 7) & ~7;
const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function buildOptions(options: LibraryOptions): BuildOptions {
  return {
    segmentWords: options.search?.segmentWords ?? DEFAULT_SEARCH_OPTIONS.segmentWords,
    headlineWeight: options.recommend?.headlineWeight ?? DEFAULT_RECOMMEND_OPTIONS.headlineWeight,
    vectorTerms: options.recommend?.vectorTerms ?? DEFAULT_RECOMMEND_OPTIONS.vectorTerms,
  };
}

/**
 * Encodes a library as snapshot bytes, in chunks to write one after the
 * other. `meta` is kept as given (e.g. which catalog file it came from).
 */
export function encodeSnapshot(library: Library, options: LibraryOptions = {}, meta: Record<string, unknown> = {}): Uint8Array[] {
  const state = library.state();
  const arrays: Array<[string, Typed]> = [];
  const fieldArrays = (prefix: string, f: FieldIndexData) =>
    arrays.push([`${prefix}.lengths`, f.lengths], [`${prefix}.alive`, f.alive], [`${prefix}.offsets`, f.offsets], [`${prefix}.postings`, f.postings]);
  for (const f of META_FIELDS) fieldArrays(`search.${f}`, state.search.fields[f]);
  fieldArrays('search.transcript', state.search.transcript);
  const s = state.search;
  arrays.push(['search.segSlot', s.segSlot], ['search.segStart', s.segStart], ['search.segEnd', s.segEnd], ['search.slotFirstSeg', s.slotFirstSeg], ['search.slotSegCount', s.slotSegCount]);
  const r = state.recommender;
  arrays.push(['rec.df', r.terms.df], ['rec.offsets', r.offsets], ['rec.termIds', r.termIds], ['rec.weights', r.weights]);
  fieldArrays('names', state.names.field);
  arrays.push(...transcriptArrays(state.episodes));
  const sections: Record<string, Section> = {};
  let offset = 0;
  for (const [name, a] of arrays) {
    sections[name] = { kind: kindOf(a), offset, length: a.length };
    offset = align8(offset + a.byteLength);
  }
  const header: Header = {
    format: SNAPSHOT_MAGIC,
    version: SNAPSHOT_VERSION,
    littleEndian: isLittleEndian,
    builtWith: buildOptions(options),
    meta,
    podcast: state.podcast,
    episodes: state.episodes.map((e) => ({ ...e, transcriptExcerpt: null })),
    search: { terms: s.terms, slotIds: s.slotIds },
    recommender: { terms: r.terms.terms, surfaces: r.terms.surfaces, episodeIds: r.episodeIds },
    names: { terms: state.names.terms },
    sections,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = new Uint8Array(align8(12 + json.length));
  start.set(new TextEncoder().encode(SNAPSHOT_MAGIC));
  new DataView(start.buffer).setUint32(8, json.length, true);
  start.set(json, 12);
  const chunks: Uint8Array[] = [start];
  for (const [, a] of arrays) {
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const pad = align8(a.byteLength) - a.byteLength;
    if (pad > 0) chunks.push(new Uint8Array(pad));
  }
  return chunks;
}

/** Every transcript as compact parts end to end, with where each episode's begin. */
function transcriptArrays(episodes: readonly Episode[]): Array<[string, Typed]> {
  const texts = episodes.map((e) => compactTranscript(e) ?? (e.transcriptExcerpt === null ? null : CompactText.from(e.transcriptExcerpt)));
  const byteStarts = new Float64Array(episodes.length + 1);
  const wideStarts = new Uint32Array(episodes.length + 1);
  texts.forEach((t, i) => {
    byteStarts[i + 1] = byteStarts[i]! + (t ? t.bytes.length : 0);
    wideStarts[i + 1] = wideStarts[i]! + (t ? t.wideAt.length : 0);
  });
  const has = Uint8Array.from(texts, (t) => (t ? 1 : 0));
  const bytes = new Uint8Array(byteStarts[episodes.length]!);
  const wideAt = new Int32Array(wideStarts[episodes.length]!);
  const wideChars = new Uint16Array(wideStarts[episodes.length]!);
  texts.forEach((t, i) => {
    if (!t) return;
    bytes.set(t.bytes, byteStarts[i]);
    wideAt.set(t.wideAt, wideStarts[i]);
    wideChars.set(t.wideChars, wideStarts[i]);
  });
  return [['tx.has', has], ['tx.byteStarts', byteStarts], ['tx.wideStarts', wideStarts], ['tx.bytes', bytes], ['tx.wideAt', wideAt], ['tx.wideChars', wideChars]];
}

/**
 * Restores a library from snapshot bytes. Refuses, with the reason, bytes
 * that are not a snapshot, a snapshot of another version, or one built with
 * other options. Arrays are read in place: keep `bytes` unmodified.
 */
export function decodeSnapshot(bytes: Uint8Array, options: LibraryOptions = {}): Result<{ library: Library; meta: Record<string, unknown> }> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== SNAPSHOT_MAGIC) return fail('not an episode-bot library snapshot');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Header;
  } catch {
    return fail('library snapshot: its header is damaged');
  }
  if (header.version !== SNAPSHOT_VERSION) {
    return fail(`library snapshot version ${String(header.version)} cannot be read (this episode-bot reads version ${SNAPSHOT_VERSION}); rebuild it`);
  }
  if (header.littleEndian !== isLittleEndian) return fail('library snapshot: written on a machine of other byte order; rebuild it');
  const wanted = buildOptions(options);
  if (JSON.stringify(header.builtWith) !== JSON.stringify(wanted)) {
    return fail(`library snapshot: built with ${JSON.stringify(header.builtWith)}, not ${JSON.stringify(wanted)}; rebuild it`);
  }
  const data = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const base = data.byteOffset + align8(12 + length);
  const get = <T extends Typed>(name: string): T => {
    const s = header.sections[name];
    if (!s || base + s.offset + s.length * KINDS[s.kind].bytes > data.byteOffset + data.byteLength) throw new Error(`library snapshot: section ${name} is missing or cut short`);
    return KINDS[s.kind].make(data.buffer as ArrayBuffer, base + s.offset, s.length) as T;
  };
  try {
    const field = (prefix: string): FieldIndexData => ({ lengths: get(`${prefix}.lengths`), alive: get(`${prefix}.alive`), offsets: get(`${prefix}.offsets`), postings: get(`${prefix}.postings`) });
    const search: EpisodePostingsData = {
      terms: header.search.terms,
      slotIds: header.search.slotIds,
      fields: Object.fromEntries(META_FIELDS.map((f) => [f, field(`search.${f}`)])) as EpisodePostingsData['fields'],
      transcript: field('search.transcript'),
      segSlot: get('search.segSlot'),
      segStart: get('search.segStart'),
      segEnd: get('search.segEnd'),
      slotFirstSeg: get('search.slotFirstSeg'),
      slotSegCount: get('search.slotSegCount'),
    };
    const recommender = {
      terms: { terms: header.recommender.terms, df: get<Int32Array>('rec.df'), surfaces: header.recommender.surfaces },
      episodeIds: header.recommender.episodeIds,
      offsets: get<Uint32Array>('rec.offsets'),
      termIds: get<Int32Array>('rec.termIds'),
      weights: get<Float64Array>('rec.weights'),
    };
    const episodes = withTranscripts(header.episodes, get('tx.has'), get('tx.byteStarts'), get('tx.wideStarts'), get('tx.bytes'), get('tx.wideAt'), get('tx.wideChars'));
    const names = { terms: header.names.terms, field: field('names') };
    const library = Library.restore({ podcast: header.podcast, episodes, search, recommender, names }, options);
    return ok({ library, meta: header.meta });
  } catch (err) {
    return fail(`library snapshot: ${(err as Error).message}`);
  }
}

function withTranscripts(episodes: Episode[], has: Uint8Array, byteStarts: Float64Array, wideStarts: Uint32Array, bytes: Uint8Array, wideAt: Int32Array, wideChars: Uint16Array): Episode[] {
  return episodes.map((ep, i) => {
    if (!has[i]) return ep;
    const text = CompactText.fromParts(
      bytes.subarray(byteStarts[i], byteStarts[i + 1]),
      wideAt.subarray(wideStarts[i], wideStarts[i + 1]),
      wideChars.subarray(wideStarts[i], wideStarts[i + 1]),
    );
    return withCompactTranscript(ep, text);
  });
}
