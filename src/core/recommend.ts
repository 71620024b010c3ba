import type { Episode } from './catalog-schema.ts';
import { indexTerm, tokenizeWithOffsets } from './text.ts';

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
}

/** Defaults: text similarity (TF-IDF cosine), plus a strong bonus for a shared guest. */
export const DEFAULT_RECOMMEND_OPTIONS: RecommendOptions = {
  sharedGuestBonus: 0.5,
  sharedHostBonus: 0.03,
  headlineWeight: 3,
  reasonTopics: 3,
};

/** An episode recommended as like another, with a one-line reason. */
export interface Recommendation {
  episodeId: string;
  score: number;
  reason: string;
  sharedGuests: string[];
  sharedTopics: string[];
}

type Vector = Map<string, number>;

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

/** "Jason: " at the start of a transcript paragraph. */
const SPEAKER = /^[^\n:]{1,40}:\s/gm;

/**
 * Content-based recommendations: each episode becomes a TF-IDF vector of its
 * words (computed once); episodes are ranked by cosine similarity plus shared
 * people. Deterministic: ties go to the newer episode.
 */
export class Recommender {
  private readonly options: RecommendOptions;
  private vectors = new Map<string, Vector>();
  private surface = new Map<string, string>();
  private surfaceCounts = new Map<string, Map<string, number>>();
  /** Words of each episode's title, chapters, description and guests' organisations: its topics. */
  private topics = new Map<string, Set<string>>();
  private episodes: Episode[] = [];

  constructor(options: Partial<RecommendOptions> = {}) {
    this.options = { ...DEFAULT_RECOMMEND_OPTIONS, ...options };
  }

  /** Rebuilds the vectors for these episodes, listed newest first. */
  build(newestFirst: readonly Episode[]): void {
    this.episodes = [...newestFirst];
    const counts = new Map<string, Map<string, number>>();
    const df = new Map<string, number>();
    this.surfaceCounts = new Map();
    for (const ep of this.episodes) {
      const tf = this.termCounts(ep);
      counts.set(ep.id, tf);
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    }
    this.surface = new Map(
      [...this.surfaceCounts].map(([t, forms]) => [t, [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0]![0]]),
    );
    const n = this.episodes.length;
    this.vectors = new Map();
    for (const [id, tf] of counts) {
      const v: Vector = new Map();
      for (const [t, c] of tf) {
        const idf = Math.log((n + 1) / ((df.get(t) ?? 0) + 0.5));
        if (idf > 0) v.set(t, (1 + Math.log(c)) * idf);
      }
      this.vectors.set(id, normalize(v));
    }
  }

  /** Up to `limit` episodes most like `episodeId`, never the episode itself. */
  similarTo(episodeId: string, limit = 3): Recommendation[] {
    const source = this.episodes.find((e) => e.id === episodeId);
    const sv = this.vectors.get(episodeId);
    if (!source || !sv) return [];
    return this.episodes
      .filter((e) => e.id !== episodeId)
      .map((e, order) => ({ ...this.compare(source, sv, e), order }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, limit)
      .map(({ order: _order, ...r }) => r);
  }

  private compare(source: Episode, sv: Vector, other: Episode): Recommendation {
    const ov = this.vectors.get(other.id) ?? new Map<string, number>();
    const contributions: Array<[string, number]> = [];
    let cosine = 0;
    for (const [t, w] of sv) {
      const o = ov.get(t);
      if (o) {
        cosine += w * o;
        contributions.push([t, w * o]);
      }
    }
    const names = (ps: Episode['guests']) => new Set(ps.map((p) => p.name.toLowerCase()));
    const otherGuests = names(other.guests);
    const sharedGuests = source.guests.filter((g) => otherGuests.has(g.name.toLowerCase())).map((g) => g.name);
    const otherHosts = names(other.hosts);
    const sharedHosts = source.hosts.filter((h) => otherHosts.has(h.name.toLowerCase())).length;
    const guestWords = new Set(sharedGuests.flatMap((g) => tokenizeWithOffsets(g).map((t) => t.term)));
    const sharedTopics = this.reasonTopics(source.id, other.id, contributions, guestWords);
    const score =
      cosine + sharedGuests.length * this.options.sharedGuestBonus + sharedHosts * this.options.sharedHostBonus;
    return { episodeId: other.id, score, reason: reasonLine(sharedGuests, sharedTopics), sharedGuests, sharedTopics };
  }

  /** The shared words worth naming: topics of both episodes first, then other shared words. */
  private reasonTopics(a: string, b: string, contributions: Array<[string, number]>, skip: Set<string>): string[] {
    const ta = this.topics.get(a) ?? new Set<string>();
    const tb = this.topics.get(b) ?? new Set<string>();
    const usable = contributions
      .filter(([t]) => !skip.has(t) && t.length > 2 && !/^\d+$/.test(t))
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const headline = usable.filter(([t]) => ta.has(t) && tb.has(t));
    const chosen = (headline.length > 0 ? headline : usable).slice(0, this.options.reasonTopics).map(([t]) => t);
    return this.phrases(a, chosen).slice(0, this.options.reasonTopics);
  }

  /** Joins chosen words that stand together in the episode's own text ("chaos", "engineering" → "chaos engineering"). */
  private phrases(episodeId: string, chosen: string[]): string[] {
    const wanted = new Set(chosen);
    const runs = new Map<string, string>();
    const ep = this.episodes.find((e) => e.id === episodeId);
    for (const text of ep ? topicText(ep) : []) {
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
      out.push(words.map((w) => this.surface.get(w) ?? w).join(' '));
    }
    return out;
  }

  /** Remembers how a word is usually written ("FinOps", "Kubernetes", "failover"). */
  private noteSurface(term: string, written: string): void {
    const forms = this.surfaceCounts.get(term) ?? new Map<string, number>();
    const key = written.replace(/['’]/g, '');
    forms.set(key, (forms.get(key) ?? 0) + 1);
    this.surfaceCounts.set(term, forms);
  }

  private termCounts(ep: Episode): Map<string, number> {
    this.topics.set(ep.id, new Set(topicText(ep).flatMap((t) => tokenizeWithOffsets(t).map((x) => x.term))));
    const tf = new Map<string, number>();
    const names = new Set([...ep.guests, ...ep.hosts].flatMap((p) => tokenizeWithOffsets(p.name).map((t) => t.term)));
    const add = (text: string, weight: number) => {
      for (const tok of tokenizeWithOffsets(text)) {
        const t = indexTerm(tok.term);
        if (!t || t.length < 2 || NOT_TOPICS.has(t) || names.has(t)) continue;
        tf.set(t, (tf.get(t) ?? 0) + weight);
        this.noteSurface(t, text.slice(tok.start, tok.end));
      }
    };
    const w = this.options.headlineWeight;
    add(ep.title, w);
    add(ep.chapters.map((c) => c.title).join('\n'), w);
    add(ep.guests.map((g) => [g.name, g.org].filter(Boolean).join(' ')).join('\n'), w);
    add(ep.description, 1);
    if (ep.transcriptExcerpt) add(ep.transcriptExcerpt.replace(SPEAKER, ''), 0.5);
    return tf;
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

function normalize(v: Vector): Vector {
  const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}
