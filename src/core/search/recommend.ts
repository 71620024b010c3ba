import type { Episode } from '../model/catalog-schema.ts';
import type { MetadataIndex } from './metadata-index.ts';
import { foldTerm, STOP_WORDS, tokenizeWithOffsets } from '../model/text.ts';
import { NOT_TOPICS, phrases, reasonLine, topicTexts } from './recommend-words.ts';
import { transcriptMentions, type MentionSource, type Mentions } from './transcript-mentions.ts';

/** Options of the recommender, with defaults in {@link DEFAULT_RECOMMEND_OPTIONS}. */
export interface RecommendOptions {
  /** Weight of title, chapter and organisation words relative to description words. */
  headlineWeight: number;
  /** How many of an episode's most distinctive words make the query for episodes like it. */
  queryWords: number;
  /** Shared topics named in a reason. */
  reasonTopics: number;
  /** A topic is named only if it weighs at least this share of the strongest shared topic. */
  reasonShare: number;
}

/** Defaults: twelve distinctive words, headline words thrice, at most three topics in a reason. */
export const DEFAULT_RECOMMEND_OPTIONS: RecommendOptions = {
  headlineWeight: 3,
  queryWords: 12,
  reasonTopics: 3,
  reasonShare: 0.35,
};

/** An episode recommended as like another, with a one-line reason ('' when nothing worth saying is shared). */
export interface Recommendation {
  episodeId: string;
  score: number;
  reason: string;
  sharedGuests: string[];
  sharedTopics: string[];
  /** The episode's guests and topics this one's conversation talks about (its transcript), beyond what their metadata share. */
  talksAbout: string[];
}

interface Found {
  score: number;
  words: string[];
  guests: string[];
  /** The source's guests named in this one's transcript. */
  talks: string[];
  /** The source's topic words said in this one's transcript. */
  talkWords: string[];
}

/**
 * Content-based recommendations on the episode index itself: an episode's
 * most distinctive words (TF-IDF over its title, chapters, guests'
 * organisations and description, document frequencies from minisearch)
 * become a minisearch query; episodes sharing a guest come first. Never the
 * episode itself; deterministic (ties go to the newer episode).
 */
export class Recommender {
  private readonly options: RecommendOptions;
  private episodes = new Map<string, Episode>();
  private withGuest = new Map<string, Set<string>>();
  /** How many episodes each series has ("Build Things on Purpose"): its words name the catalog, not a topic. */
  private series = new Map<string, number>();
  private showWords: ReadonlySet<string>;
  private catalogWords: ReadonlySet<string> | null = null;

  /** `recency` gives an episode's place in the library, newest first (0 for the newest); `showTitle` the podcast's title, whose words are no topic. */
  constructor(
    private readonly index: MetadataIndex,
    private readonly recency: (episodeId: string) => number,
    showTitle: string,
    options: Partial<RecommendOptions> = {},
  ) {
    this.options = { ...DEFAULT_RECOMMEND_OPTIONS, ...options };
    this.showWords = new Set(tokenizeWithOffsets(showTitle).map((t) => t.term));
  }

  /** Words that name the catalog rather than a topic: its show's title and its series' names. */
  private notTopics(): ReadonlySet<string> {
    this.catalogWords ??= new Set([...this.showWords, ...[...this.series.keys()].flatMap((s) => tokenizeWithOffsets(s).map((t) => t.term))]);
    return this.catalogWords;
  }

  /** Takes the episodes (any order). */
  build(episodes: readonly Episode[]): void {
    this.episodes.clear();
    this.withGuest.clear();
    this.update(episodes, []);
  }

  /** Adds or replaces these episodes and removes those of `removed`: work in proportion to the episodes changed. */
  update(changed: readonly Episode[], removed: readonly string[]): void {
    for (const id of [...removed, ...changed.map((e) => e.id)]) {
      for (const g of this.episodes.get(id)?.guests ?? []) {
        const key = personKey(g.name);
        const ids = this.withGuest.get(key);
        ids?.delete(id);
        if (ids?.size === 0) this.withGuest.delete(key);
      }
      this.countSeries(this.episodes.get(id)?.series, -1);
      this.episodes.delete(id);
    }
    for (const ep of changed) {
      this.episodes.set(ep.id, ep);
      this.countSeries(ep.series, 1);
      for (const g of ep.guests) {
        const key = personKey(g.name);
        const ids = this.withGuest.get(key) ?? new Set<string>();
        ids.add(ep.id);
        this.withGuest.set(key, ids);
      }
    }
  }

  private countSeries(series: string | null | undefined, by: 1 | -1): void {
    if (!series) return;
    const n = (this.series.get(series) ?? 0) + by;
    if (n > 0) this.series.set(series, n);
    else this.series.delete(series);
    if (n === 0 || (n === 1 && by === 1)) this.catalogWords = null;
  }

  /**
   * Up to `limit` episodes most like `episodeId`, never the episode itself:
   * those sharing more of its guests first, then those whose conversation
   * (transcript, through `mentions`) names more of its guests, then those
   * sharing more of its distinctive words, then saying more of them in
   * conversation, then the higher minisearch score, then the newer.
   */
  async similarTo(episodeId: string, limit = 3, mentions?: MentionSource): Promise<Recommendation[]> {
    const source = this.episodes.get(episodeId);
    if (source === undefined) return [];
    const weights = this.distinctiveWords(source);
    const found = new Map<string, Found>();
    const entry = (id: string) => found.get(id) ?? { score: 0, words: [], guests: [], talks: [], talkWords: [] };
    for (const r of this.index.related(weights)) {
      if (r.id !== episodeId && this.episodes.has(r.id)) found.set(r.id, { ...entry(r.id), score: r.score, words: r.words });
    }
    for (const g of source.guests) {
      for (const other of this.withGuest.get(personKey(g.name)) ?? []) {
        if (other === episodeId) continue;
        const f = entry(other);
        if (!f.guests.includes(g.name)) f.guests.push(g.name);
        found.set(other, f);
      }
    }
    if (mentions) {
      // The transcript store failing (its database away): recommendations from metadata alone.
      const saidBy = await transcriptMentions(mentions, source.guests, [...weights.keys()], episodeId).catch(() => new Map<string, Mentions>());
      for (const [other, said] of saidBy) {
        if (!this.episodes.has(other)) continue;
        const f = entry(other);
        f.talks = said.guests.filter((g) => !f.guests.includes(g));
        f.talkWords = said.topics.filter((w) => !f.words.includes(w));
        if (f.talks.length + f.talkWords.length > 0) found.set(other, f);
      }
    }
    const order = (a: Found, b: Found) =>
      b.guests.length - a.guests.length || b.talks.length - a.talks.length || b.words.length - a.words.length ||
      b.talkWords.length - a.talkWords.length || b.score - a.score;
    return [...found.entries()]
      .map(([id, f]) => ({ id, f, recency: this.recency(id) }))
      .sort((a, b) => order(a.f, b.f) || a.recency - b.recency)
      .slice(0, limit)
      .map(({ id, f }) => {
        // A shared guest's role and organisation describe the guest, not a shared topic.
        const about = new Set(
          source.guests.filter((g) => f.guests.includes(g.name)).flatMap((g) => tokenizeWithOffsets(`${g.role ?? ''} ${g.org ?? ''}`).map((t) => t.term)),
        );
        const topics = this.topics(source, f.words.filter((w) => !about.has(w)), weights);
        const talked = [...f.talks, ...this.talkedTopics(source, f.talkWords, weights)];
        return { episodeId: id, score: f.score, reason: reasonLine(f.guests, topics, talked), sharedGuests: f.guests, sharedTopics: topics, talksAbout: talked };
      });
  }

  /** The episode's `queryWords` most distinctive words with their TF-IDF weights, heaviest first (ties alphabetical). */
  private distinctiveWords(ep: Episode): Map<string, number> {
    const names = new Set([...ep.guests, ...ep.hosts].flatMap((p) => tokenizeWithOffsets(`${p.name} ${p.handle ?? ''}`).map((t) => t.term)));
    const tf = new Map<string, number>();
    const notTopics = this.notTopics();
    for (const [text, weight] of topicTexts(ep, this.options.headlineWeight)) {
      for (const { term } of tokenizeWithOffsets(text)) {
        if (term.length <= 2 || /^\d+$/.test(term) || STOP_WORDS.has(term) || NOT_TOPICS.has(term) || notTopics.has(term) || names.has(term)) continue;
        tf.set(term, (tf.get(term) ?? 0) + weight);
      }
    }
    const n = this.episodes.size;
    const scored: Array<[string, number]> = [];
    for (const [term, count] of tf) {
      const df = this.index.documentFrequency(term);
      if (df <= 1 || df > Math.max(2, n / 2)) continue;
      scored.push([term, (1 + Math.log(count)) * Math.log((n + 1) / (df + 0.5))]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return new Map(scored.slice(0, this.options.queryWords));
  }

  /** What another's conversation says of the source: its guests' organisations as written, then its topic words joined into its phrases. */
  private talkedTopics(source: Episode, said: readonly string[], weights: ReadonlyMap<string, number>): string[] {
    const words = said.filter((w) => weights.has(w));
    const orgs = said.filter((w) => !weights.has(w));
    const topics = this.topics(source, words, weights).filter((t) => !orgs.some((o) => foldTerm(o).includes(foldTerm(t))));
    return [...orgs, ...topics].slice(0, this.options.reasonTopics);
  }

  /** The shared words worth naming: the strongest, and those near it, joined into the source's phrases. */
  private topics(source: Episode, shared: readonly string[], weights: ReadonlyMap<string, number>): string[] {
    const ranked = shared.filter((w) => weights.has(w)).sort((a, b) => weights.get(b)! - weights.get(a)! || (a < b ? -1 : 1));
    if (ranked.length === 0) return [];
    const floor = weights.get(ranked[0]!)! * this.options.reasonShare;
    const chosen = ranked.filter((w) => weights.get(w)! >= floor).slice(0, this.options.reasonTopics);
    return phrases(source, chosen).slice(0, this.options.reasonTopics);
  }
}

function personKey(name: string): string {
  return tokenizeWithOffsets(name).map((t) => t.term).join(' ');
}

