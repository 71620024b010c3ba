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
  private episodes: Episode[] = [];

  constructor(options: Partial<RecommendOptions> = {}) {
    this.options = { ...DEFAULT_RECOMMEND_OPTIONS, ...options };
  }

  /** Rebuilds the vectors for these episodes, listed newest first. */
  build(newestFirst: readonly Episode[]): void {
    this.episodes = [...newestFirst];
    const counts = new Map<string, Map<string, number>>();
    const df = new Map<string, number>();
    for (const ep of this.episodes) {
      const tf = this.termCounts(ep);
      counts.set(ep.id, tf);
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    }
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
    const sharedTopics = contributions
      .filter(([t]) => !guestWords.has(t) && t.length > 2 && !/^\d+$/.test(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.options.reasonTopics)
      .map(([t]) => this.surface.get(t) ?? t);
    const score =
      cosine + sharedGuests.length * this.options.sharedGuestBonus + sharedHosts * this.options.sharedHostBonus;
    return { episodeId: other.id, score, reason: reasonLine(sharedGuests, sharedTopics), sharedGuests, sharedTopics };
  }

  private termCounts(ep: Episode): Map<string, number> {
    const tf = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const tok of tokenizeWithOffsets(text)) {
        const t = indexTerm(tok.term);
        if (!t || t.length < 2) continue;
        tf.set(t, (tf.get(t) ?? 0) + weight);
        if (!this.surface.has(t)) this.surface.set(t, text.slice(tok.start, tok.end));
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
