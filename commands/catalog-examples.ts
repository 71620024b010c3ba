import type { Library } from '../src/core/search/library.ts';
import { QUERY_STOP_WORDS, STOP_WORDS, tokenize } from '../src/core/model/text.ts';
import { allGuests, commonTopics } from './did-you-mean.ts';

/**
 * Examples drawn from the catalog being served, for help, hints and
 * greetings: its most common topics (chapter-title words), a real guest, its
 * newest title. Null where the catalog has none (the text then stays neutral).
 */
export interface CatalogExamples {
  topic: string | null;
  /** Another common topic, for a second example. */
  otherTopic: string | null;
  guest: string | null;
  title: string | null;
}

/** A title short enough to read as an example. */
const EXAMPLE_TITLE_LENGTH = 40;

/** The catalog's examples (cheap: the topics and guests are those "did you mean" keeps). */
export function catalogExamples(library: Library): CatalogExamples {
  if (library.size === 0) return { topic: null, otherTopic: null, guest: null, title: null };
  const topics = commonTopics(library, 8);
  if (topics.length === 0) topics.push(...titleTopics(library));
  const topic = topics[0] ?? null;
  const words = new Set(topic?.split(' ') ?? []);
  // A second topic that is not part of the first ("engineering" after "chaos engineering").
  const otherTopic = topics.slice(1).find((t) => t.split(' ').every((w) => !words.has(w))) ?? null;
  const title = library.latest(0, 20).find((e) => [...e.title].length <= EXAMPLE_TITLE_LENGTH)?.title ?? null;
  return { topic, otherTopic, guest: allGuests(library)[0] ?? null, title };
}

/** Episodes whose titles are read for topics when chapters name none. */
const TITLES_READ = 200;

/**
 * Words that come up in more than one of the newest titles, most frequent
 * first (ties: as they first appear), leaving out the show's own title words,
 * people's names, numbers and short words.
 */
function titleTopics(library: Library): string[] {
  const episodes = library.latest(0, TITLES_READ);
  const skip = new Set([
    ...tokenize(library.podcast.title),
    ...episodes.flatMap((e) => [...e.guests, ...e.hosts].flatMap((p) => tokenize(p.name))),
  ]);
  const count = new Map<string, number>();
  for (const e of episodes) {
    for (const w of new Set(tokenize(e.title))) if (w.length > 3 && !/\d/.test(w) && !skip.has(w) && !STOP_WORDS.has(w) && !QUERY_STOP_WORDS.has(w)) count.set(w, (count.get(w) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

/** Example command lines of a command from the catalog; null for a command whose own examples say it all. */
export function commandExamples(command: string, ex: CatalogExamples): string[] | null {
  switch (command) {
    case 'episode':
      return [`/episode ${ex.topic ?? '<a topic>'}`, ...(ex.guest ? [`/episode ${ex.guest}`] : []), '/episode'];
    case 'guest':
      return [`/guest ${ex.guest ?? '<a guest’s name>'}`];
    case 'recommend':
      return [`/recommend ${ex.title ?? ex.otherTopic ?? ex.topic ?? '<an episode title or a topic>'}`, ...(ex.title && (ex.otherTopic ?? ex.topic) ? [`/recommend ${ex.otherTopic ?? ex.topic}`] : [])];
    default:
      return null;
  }
}

/** What to try first: a search for a topic of the catalog and a recommendation, or neutral commands. */
export function firstTries(ex: CatalogExamples): string[] {
  return [
    ex.topic ? `/episode ${ex.topic}` : '/episode <a topic>',
    ...(ex.title ?? ex.otherTopic ? [`/recommend ${ex.title ?? ex.otherTopic}`] : []),
    '/latest',
  ];
}
