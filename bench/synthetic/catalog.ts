/**
 * Deterministic synthetic catalogs: realistic titles, two guests, ~80-word
 * descriptions, six chapters and ~3,000-word transcripts drawn from a
 * Zipf-distributed English-like vocabulary of 30,000 words.
 */
import type { Catalog, Episode, Person } from '../../src/core/model/catalog-schema.ts';
import { CATALOG_FORMAT_VERSION } from '../../src/core/model/catalog-schema.ts';
import { intBetween, pick, seededRandom, zipfSampler, type Random } from './prng.ts';
import { buildVocabulary, capitalize, pseudoWord } from './vocabulary.ts';

/** Shape of the generated catalogs. */
export interface SyntheticOptions {
  episodes: number;
  seed: number;
  vocabularySize: number;
  transcriptWords: number;
  descriptionWords: number;
}

/** Defaults from the issue: 30,000-word vocabulary, ~3,000-word transcripts, ~80-word descriptions. */
export const SYNTHETIC_DEFAULTS: Omit<SyntheticOptions, 'episodes'> = {
  seed: 20_240_601,
  vocabularySize: 30_000,
  transcriptWords: 3_000,
  descriptionWords: 80,
};

const ROLES = [
  'Staff Engineer', 'CTO', 'Principal SRE', 'Founder', 'VP of Engineering', 'Developer Advocate',
  'Engineering Manager', 'Product Manager', 'Cofounder', 'Architect', 'Security Engineer', 'Researcher',
];
const ORG_SUFFIXES = ['', '', '', 'Labs', 'Systems', 'Cloud', 'Inc', 'Software', 'Data', 'Networks'];
const SERIES = [null, null, null, 'Build Things on Purpose', 'Field Notes', 'Incident Review'];

type TitleMaker = (t: string[], guest: Person, org: string) => string;
const TITLES: TitleMaker[] = [
  (t, _g, o) => `${t[0]} at ${o}`,
  (t, g) => `${g.name} on ${t[0]} and ${t[1]}`,
  (t, g) => `Scaling ${t[0]} with ${g.name}`,
  (t) => `The ${t[0]} ${t[1]} Special`,
  (t) => `Why ${t[0]} Breaks in Production`,
  (t) => `Lessons from the ${t[0]} Migration`,
  (t) => `${t[0]}, ${t[1]} and the Hard Parts`,
  (_t, g) => g.name,
  (t) => `Building ${t[0]} on Purpose`,
  (t, _g, o) => `How ${o} Runs ${t[0]}`,
];
const CHAPTERS: Array<(t: string, w: string) => string> = [
  (t) => `${t} in practice`,
  (t, w) => `From ${w} to ${t}`,
  (t, w) => `${capitalize(w)} and ${t}`,
  (t) => `Three tips for ${t}`,
  (_t, w) => `What ${w} taught us`,
  (t, w) => `The ${w} ${t} story`,
];

/** The word source of one catalog: vocabulary, samplers, people and organisations. */
class World {
  readonly vocab: string[];
  readonly word: () => number;
  readonly topicPool: string[];
  readonly topic: () => number;
  readonly orgs: string[];
  readonly people: Person[];
  readonly person: () => number;
  readonly hosts: Person[];

  constructor(readonly random: Random, o: SyntheticOptions) {
    this.vocab = buildVocabulary(random, o.vocabularySize);
    this.word = zipfSampler(o.vocabularySize, 1.0, random);
    this.topicPool = Array.from({ length: 2_500 }, () => this.vocab[intBetween(random, 300, 12_000)]!);
    this.topic = zipfSampler(this.topicPool.length, 0.8, random);
    this.orgs = Array.from({ length: 1_200 }, () => [capitalize(pseudoWord(random, intBetween(random, 2, 3))), pick(random, ORG_SUFFIXES)].filter(Boolean).join(' '));
    const name = (syl: number) => capitalize(pseudoWord(random, syl));
    const firsts = Array.from({ length: 500 }, () => name(2));
    const lasts = Array.from({ length: 2_500 }, () => name(intBetween(random, 2, 3)));
    const personAt = (): Person => ({ name: `${pick(random, firsts)} ${pick(random, lasts)}`, role: pick(random, ROLES), org: pick(random, this.orgs), handle: null });
    this.people = Array.from({ length: Math.max(50, Math.ceil(o.episodes * 0.8)) }, personAt);
    this.person = zipfSampler(this.people.length, 0.6, random);
    this.hosts = [0, 1, 2].map(() => ({ ...personAt(), role: 'Host', org: null }));
  }

  /** A word of running speech: mostly the Zipf vocabulary, sometimes the episode's topics or a guest's organisation. */
  speechWord(topics: string[], orgs: string[]): string {
    const r = this.random();
    if (r < 0.025) return pick(this.random, topics).toLowerCase();
    if (r < 0.028) return pick(this.random, orgs);
    return this.vocab[this.word()]!;
  }

  /** Sentences of about `words` words in all. */
  prose(words: number, topics: string[], orgs: string[]): string {
    const out: string[] = [];
    let left = words;
    while (left > 0) {
      const n = Math.min(left, intBetween(this.random, 6, 22));
      const ws: string[] = [];
      for (let i = 0; i < n; i++) ws.push(this.speechWord(topics, orgs) + (i < n - 1 && this.random() < 0.07 ? ',' : ''));
      ws[0] = capitalize(ws[0]!);
      out.push(ws.join(' ') + (this.random() < 0.1 ? '?' : '.'));
      left -= n;
    }
    return out.join(' ');
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function isoDay(daysBefore: number): string {
  return new Date(Date.UTC(2025, 5, 1) - daysBefore * 86_400_000).toISOString().slice(0, 10);
}

function makeEpisode(w: World, i: number, total: number, o: SyntheticOptions): Episode {
  const r = w.random;
  const topics = [0, 1, 2].map(() => capitalize(w.topicPool[w.topic()]!));
  const g1 = w.people[w.person()]!;
  let g2 = w.people[w.person()]!;
  if (g2.name === g1.name) g2 = w.people[(w.people.indexOf(g2) + 1) % w.people.length]!;
  const guests = [g1, g2];
  const orgs = guests.map((g) => g.org ?? '').filter(Boolean);
  const host = pick(r, w.hosts);
  const title = pick(r, TITLES)(topics, g1, g1.org ?? 'Acme');
  const description =
    `In this episode, ${g1.name} (${g1.role} at ${g1.org}) and ${g2.name} join us to talk about ` +
    `${topics[0]}, ${topics[1]} and ${topics[2]}. ` + w.prose(o.descriptionWords - 20, topics, orgs);
  const transcriptWords = intBetween(r, Math.round(o.transcriptWords * 0.85), Math.round(o.transcriptWords * 1.15));
  const speakers = [host.name.split(' ')[0]!, g1.name.split(' ')[0]!, g2.name.split(' ')[0]!];
  const paragraphs: string[] = [];
  for (let left = transcriptWords, s = 0; left > 0; s++) {
    const n = Math.min(left, intBetween(r, 15, 150));
    paragraphs.push(`${speakers[s % 3]}: ${w.prose(n, topics, orgs)}`);
    left -= n;
  }
  const duration = Math.round((transcriptWords / 150) * 60);
  const chapterTitles = ['Introduction', ...[0, 1, 2, 3].map((k) => pick(r, CHAPTERS)(topics[k % 3]!, w.vocab[intBetween(r, 150, 5_000)]!)), 'Outro'];
  const chapters = chapterTitles.map((t, k) => ({ title: t, startSeconds: Math.round((duration * k) / 6) }));
  const n = total - i;
  return {
    id: `${slug(topics[0]!)}-${slug(g1.name)}-${n}`,
    guid: `synthetic-${o.seed}-${n}`,
    title,
    series: pick(r, SERIES),
    guests,
    hosts: [host],
    publishedAt: isoDay(i),
    durationSeconds: duration,
    description,
    chapters,
    episodeUrl: `https://example.com/episodes/${n}`,
    transcriptUrl: null,
    audioUrl: `https://example.com/audio/${n}.mp3`,
    imageUrl: null,
    links: [],
    transcriptExcerpt: paragraphs.join('\n\n'),
    season: null,
    episodeNumber: n,
  };
}

/** The podcast of every synthetic catalog. */
export const SYNTHETIC_PODCAST: Catalog['podcast'] = {
  title: 'Synthetic Systems Radio',
  description: 'A generated podcast for benchmarks.',
  publisher: 'episode-bot bench',
  language: 'en',
  imageUrl: null,
  links: [],
};

/**
 * The episodes of a synthetic catalog, newest first, one at a time (a
 * 10,000-episode catalog never needs to be in memory twice).
 */
export function* syntheticEpisodes(episodes: number, options: Partial<SyntheticOptions> = {}): Generator<Episode> {
  const o: SyntheticOptions = { ...SYNTHETIC_DEFAULTS, ...options, episodes };
  const world = new World(seededRandom(o.seed), o);
  for (let i = 0; i < episodes; i++) yield makeEpisode(world, i, episodes, o);
}

/** The catalog file header; episodes go between it and {@link CATALOG_TAIL}. */
export function catalogHead(): string {
  return `{"version":${CATALOG_FORMAT_VERSION},"podcast":${JSON.stringify(SYNTHETIC_PODCAST)},"episodes":[\n`;
}

/** Closes a catalog file opened with {@link catalogHead}. */
export const CATALOG_TAIL = '\n]}\n';
