import type { Episode } from './catalog-schema.ts';
import { transcriptOf } from './compact-text.ts';
import { fastTokenizeWithOffsets as tokenizeWithOffsets } from './fast-text.ts';
import { InvertedVectors, PeopleSlots } from './recommend-index.ts';
import { TermVectors, type SparseVector, type TermVectorsData, type WeightedText } from './term-vectors.ts';

/** Options of the recommender, with defaults in {@link DEFAULT_RECOMMEND_OPTIONS}. */
export interface RecommendOptions {
  /** Added to the similarity for each guest two episodes share. */
  sharedGuestBonus: number;
  /** Added for each host two episodes share. */
  sharedHostBonus: number;
  /** Weight of title, guest and chapter words relative to description and transcript words. */
  headlineWeight: number;
  /** Shared topics named in a reason. */
  reasonTopics: number;
  /**
   * Each episode's vector keeps its this many heaviest words (normalised over
   * all of them): what makes episodes alike, at a fixed size per episode.
   */
  vectorTerms: number;
}

/** Defaults: text similarity (TF-IDF cosine), plus a strong bonus for a shared guest. */
export const DEFAULT_RECOMMEND_OPTIONS: RecommendOptions = {
  sharedGuestBonus: 0.5,
  sharedHostBonus: 0.03,
  headlineWeight: 3,
  reasonTopics: 3,
  vectorTerms: 300,
};

/** An episode recommended as like another, with a one-line reason. */
export interface Recommendation {
  episodeId: string;
  score: number;
  reason: string;
  sharedGuests: string[];
  sharedTopics: string[];
}


/**
 * Words that make two episodes look alike without being a shared topic:
 * conversational filler from transcripts and show-notes boilerplate.
 */
const NOT_TOPICS = new Set(
  ('yeah yes okay oh um uh laugh unintelligible kind actually really think know like right mean well get got going go ' +
    'make made see saw say said one two three back new time times work working start started little bit good great sure ' +
    'different folks guess maybe pretty joined join talk talks chat chats welcome tell today thing things stuff way lot ' +
    'want need people something everything anything someone everybody much many us let lets thats theres youre ive ' +
    'dont im weve theyre were whats doesnt didnt isnt cant wont also even still just now then very able around ' +
    'lessons learned introduction intro outro tips advice episode episodes highlights topics include currently ' +
    'excited about guest guests host hosts twitter podcast show build break purpose things links transcript hey ' +
    'awesome cool amazing interesting definitely absolutely probably basically obviously first last next year years ' +
    'because never always ever other others another look looks looking days day idea ideas point points better best ' +
    'non able again against already although among anyone anyway came come comes coming could done each either else ' +
    'enough every few give given goes gone happen happened having here however instead keep kept know knew less made ' +
    'might must nothing often own part place put quite rather same seem should since small sort take taken talked ' +
    'than thank thanks though thought through together try trying turn under until use used using usually want wanted ' +
    'way ways whether while whole within without wonder world yet notes director engineer engineers company companies ' +
    'important doing makes person down up out past beginning ended end help history')
    .split(' '),
);

/** A transcript without its speaker labels, at half weight. */
function transcriptText(transcript: string | null): WeightedText[] {
  return transcript ? [{ text: transcript.replace(SPEAKER, ''), weight: 0.5 }] : [];
}

function notTopic(term: string): boolean {
  return NOT_TOPICS.has(term);
}

/** The names of an episode's guests and hosts, whose words are never its topics. */
function peopleNames(ep: Episode): string[] {
  return [...ep.guests, ...ep.hosts].map((p) => p.name);
}

/** "Jason: " at the start of a transcript paragraph. */
const SPEAKER = /^[^\n:]{1,40}:\s/gm;

/** The recommender's arrays, for snapshots: words, frequencies and each episode's vector. */
export interface RecommenderData {
  terms: TermVectorsData;
  episodeIds: readonly string[];
  offsets: Uint32Array;
  termIds: Int32Array;
  weights: Float64Array;
}

/**
 * Content-based recommendations: each episode becomes a TF-IDF vector of its
 * words (its {@link RecommendOptions.vectorTerms} heaviest); episodes are
 * ranked by cosine similarity plus shared people, found through an inverted
 * index of the vectors. Deterministic: ties go to the newer episode. A
 * rebuild recounts only new or edited episodes; the others keep the vectors
 * weighed at the last full build.
 */
export class Recommender {
  private readonly options: RecommendOptions;
  private words = new TermVectors(notTopic);
  private vectors = new Map<string, SparseVector>();
  private episodes: Episode[] = [];
  private slotOf = new Map<string, number>();
  private people = new PeopleSlots();
  private inverted: InvertedVectors | null = null;

  constructor(options: Partial<RecommendOptions> = {}) {
    this.options = { ...DEFAULT_RECOMMEND_OPTIONS, ...options };
  }

  /** Rebuilds for these episodes, listed newest first, recounting only those that are new or changed. */
  build(newestFirst: readonly Episode[]): void {
    const before = new Map(this.episodes.map((e) => [e.id, e]));
    const now = new Map(newestFirst.map((e) => [e.id, e]));
    const changed = newestFirst.filter((e) => before.get(e.id) !== e);
    const gone = [...before.values()].filter((e) => now.get(e.id) !== e);
    const full = this.vectors.size === 0 || changed.length + gone.length > newestFirst.length / 10;
    if (full) this.words = new TermVectors(notTopic);
    for (const ep of full ? [] : gone) {
      this.words.count(this.texts(ep), peopleNames(ep), -1);
      this.vectors.delete(ep.id);
    }
    this.episodes = [...newestFirst];
    this.slotOf = new Map(this.episodes.map((e, i) => [e.id, i]));
    const counted = (full ? this.episodes : changed).map((ep) => [ep.id, this.words.count(this.texts(ep), peopleNames(ep), 1)] as const);
    if (full) this.vectors = new Map();
    for (const [id, counts] of counted) this.vectors.set(id, this.weigh(counts));
    this.people = new PeopleSlots(this.episodes);
    this.inverted = null;
  }

  /** Up to `limit` episodes most like `episodeId`, never the episode itself. */
  similarTo(episodeId: string, limit = 3): Recommendation[] {
    const slot = this.slotOf.get(episodeId);
    const sv = this.vectors.get(episodeId);
    if (slot === undefined || !sv) return [];
    const source = this.episodes[slot]!;
    this.inverted ??= new InvertedVectors(this.episodes.map((e) => this.vectors.get(e.id)), this.words.terms.length);
    const bonuses: Array<[readonly number[], number]> = [
      ...source.guests.map((g) => [this.people.withGuest(g.name), this.options.sharedGuestBonus] as [readonly number[], number]),
      ...source.hosts.map((h) => [this.people.withHost(h.name), this.options.sharedHostBonus] as [readonly number[], number]),
    ];
    return this.inverted.top(sv, slot, bonuses, limit).map(([other, score]) => this.compare(source, sv, this.episodes[other]!, score));
  }

  /** The arrays, for a snapshot. */
  data(): RecommenderData {
    const ids = this.episodes.map((e) => e.id);
    const offsets = new Uint32Array(ids.length + 1);
    ids.forEach((id, i) => (offsets[i + 1] = offsets[i]! + (this.vectors.get(id)?.ids.length ?? 0)));
    const termIds = new Int32Array(offsets[ids.length]!);
    const weights = new Float64Array(offsets[ids.length]!);
    ids.forEach((id, i) => {
      const v = this.vectors.get(id);
      if (!v) return;
      termIds.set(v.ids, offsets[i]);
      weights.set(v.values, offsets[i]);
    });
    return { terms: this.words.data(), episodeIds: ids, offsets, termIds, weights };
  }

  /** Restores from a snapshot made over these same episodes (newest first). */
  restore(data: RecommenderData, newestFirst: readonly Episode[]): void {
    if (data.episodeIds.length !== newestFirst.length || data.episodeIds.some((id, i) => newestFirst[i]!.id !== id)) {
      throw new Error('recommender snapshot: the episodes differ from the catalog');
    }
    this.words = TermVectors.fromData(data.terms, notTopic);
    this.episodes = [...newestFirst];
    this.slotOf = new Map(this.episodes.map((e, i) => [e.id, i]));
    this.vectors = new Map(data.episodeIds.map((id, i) => {
      const [a, b] = [data.offsets[i]!, data.offsets[i + 1]!];
      return [id, { ids: data.termIds.subarray(a, b), values: data.weights.subarray(a, b) }];
    }));
    this.people = new PeopleSlots(this.episodes);
    this.inverted = null;
  }

  private weigh(counts: SparseVector): SparseVector {
    const n = this.episodes.length;
    const size = counts.ids.length;
    const ws = new Float64Array(size);
    let sumSq = 0;
    let kept = 0;
    for (let i = 0; i < size; i++) {
      const idf = Math.log((n + 1) / (this.words.documentFrequency(counts.ids[i]!) + 0.5));
      if (idf <= 0) continue;
      const w = (1 + Math.log(counts.values[i]!)) * idf;
      ws[i] = w;
      sumSq += w * w;
      kept++;
    }
    const norm = Math.sqrt(sumSq) || 1;
    const max = this.options.vectorTerms;
    // The max-th heaviest weight; words at it are kept lowest number first.
    const cut = kept <= max ? 0 : Float64Array.from(ws).sort()[size - max]!;
    let atCut = max - ws.filter((w) => w > cut).length;
    const ids: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < size; i++) {
      const w = ws[i]!;
      if (w <= 0 || w < cut || (w === cut && atCut-- <= 0)) continue;
      ids.push(counts.ids[i]!);
      values.push(w / norm);
    }
    return { ids: Int32Array.from(ids), values: Float64Array.from(values) };
  }

  private texts(ep: Episode): WeightedText[] {
    const w = this.options.headlineWeight;
    return [
      { text: ep.title, weight: w },
      { text: ep.chapters.map((c) => c.title).join('\n'), weight: w },
      { text: ep.guests.map((g) => [g.name, g.org].filter(Boolean).join(' ')).join('\n'), weight: w },
      { text: ep.description, weight: 1 },
      ...transcriptText(transcriptOf(ep)),
    ];
  }

  private compare(source: Episode, sv: SparseVector, other: Episode, score: number): Recommendation {
    const ov = this.vectors.get(other.id)!;
    const contributions: Array<[string, number]> = [];
    for (let i = 0, j = 0; i < sv.ids.length && j < ov.ids.length; ) {
      if (sv.ids[i]! < ov.ids[j]!) i++;
      else if (sv.ids[i]! > ov.ids[j]!) j++;
      else contributions.push([this.words.terms[sv.ids[i]!]!, sv.values[i++]! * ov.values[j++]!]);
    }
    const otherGuests = new Set(other.guests.map((p) => p.name.toLowerCase()));
    const sharedGuests = source.guests.filter((g) => otherGuests.has(g.name.toLowerCase())).map((g) => g.name);
    const guestWords = new Set(sharedGuests.flatMap((g) => tokenizeWithOffsets(g).map((t) => t.term)));
    const sharedTopics = this.reasonTopics(source, other, contributions, guestWords);
    return { episodeId: other.id, score, reason: reasonLine(sharedGuests, sharedTopics), sharedGuests, sharedTopics };
  }

  /** The shared words worth naming: topics of both episodes first, then other shared words. */
  private reasonTopics(a: Episode, b: Episode, contributions: Array<[string, number]>, skip: Set<string>): string[] {
    const ta = topicWords(a);
    const tb = topicWords(b);
    const usable = contributions
      .filter(([t]) => !skip.has(t) && t.length > 2 && !/^\d+$/.test(t))
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const headline = usable.filter(([t]) => ta.has(t) && tb.has(t));
    const chosen = (headline.length > 0 ? headline : usable).slice(0, this.options.reasonTopics).map(([t]) => t);
    return this.phrases(a, chosen).slice(0, this.options.reasonTopics);
  }
  /** Joins chosen words that stand together in the episode's own text ("chaos", "engineering" → "chaos engineering"). */
  private phrases(ep: Episode, chosen: string[]): string[] {
    const wanted = new Set(chosen);
    const runs = new Map<string, string>();
    for (const text of topicText(ep)) {
      let run: string[] = [];
      for (const tok of [...tokenizeWithOffsets(text), null]) {
        if (tok && wanted.has(tok.term) && !run.includes(tok.term)) {
          run.push(tok.term);
          continue;
        }
        if (run.length > 1 && !runs.has(run[0]!)) runs.set(run[0]!, run.join(' '));
        run = tok && wanted.has(tok.term) ? [tok.term] : [];
      }
    }
    const used = new Set<string>();
    const out: string[] = [];
    for (const term of chosen) {
      if (used.has(term)) continue;
      const phrase = [...runs.values()].find((p) => p.split(' ').includes(term) && p.split(' ').every((w) => !used.has(w)));
      const words = phrase ? phrase.split(' ') : [term];
      words.forEach((w) => used.add(w));
      out.push(words.map((w) => this.surfaceOf(w)).join(' '));
    }
    return out;
  }

  private surfaceOf(term: string): string {
    const id = this.words.idOf(term);
    return id === undefined ? term : this.words.surface(id);
  }
}

function topicText(ep: Episode): string[] {
  return [ep.title, ...ep.chapters.map((c) => c.title), ep.description, ...ep.guests.map((g) => g.org ?? '')];
}

function reasonLine(sharedGuests: string[], topics: string[]): string {
  if (sharedGuests.length > 0) {
    const also = topics.length > 0 ? `; also about ${topics.join(', ')}` : '';
    return `Also with ${sharedGuests.join(' and ')}${also}`;
  }
  return topics.length > 0 ? `Also about ${topics.join(', ')}` : 'From the same podcast';
}

/** Words of an episode's title, chapters, description and guests' organisations: its topics. */
function topicWords(ep: Episode): Set<string> {
  return new Set(topicText(ep).flatMap((t) => tokenizeWithOffsets(t).map((x) => x.term)));
}
