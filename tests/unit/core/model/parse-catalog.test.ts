import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestLink } from '../../../../src/core/answers/answer-episode.ts';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import { formatTimestamp } from '../../../../src/core/model/chapters.ts';
import { parseCatalog } from '../../../../src/core/model/parse-catalog.ts';
import { loadCatalogFile } from '../../../../src/library/catalog-file.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { describeShared } from '../../../helpers/shared-material.ts';

const shippedText = readFileSync(new URL('../../../../data/episodes.json', import.meta.url), 'utf8');

function broken(mutate: (json: any) => void): string {
  const json = JSON.parse(shippedText);
  mutate(json);
  const r = parseCatalog(JSON.stringify(json), 'data/episodes.json');
  if (r.ok) throw new Error('expected the catalog to be refused');
  return r.error;
}

/** Every URL an episode gives: its pages and its show notes' links. */
const urlsOf = (e: Episode): string[] => [e.episodeUrl, e.transcriptUrl, e.audioUrl, ...e.links.map((l) => l.url)].filter((u): u is string => u !== null);
/** The part of a gremlin.com episode page's address after the show's prefix (`jerome-petazzoni-tinkerer-…`). */
const PAGE_PREFIX = /^https:\/\/(www\.)?gremlin\.com\/blog\/podcast-break-things-on-purpose-/;

describe('the shipped catalog', () => {
  const catalog = shippedCatalog();

  it('holds its 17 episodes, newest first', () => {
    expect(catalog.episodes).toHaveLength(17);
    expect(catalog.episodes[0]!.title).toBe('Maxim Fateev and Samar Abbas');
    expect(catalog.episodes.at(-1)!.title).toBe('Ryan Kitchens');
    expect(catalog.podcast).toMatchObject({ title: 'Break Things on Purpose', publisher: 'Gremlin' });
  });

  it('dates episodes with real calendar days, newest first, the undated after them, with whole-minute lengths', () => {
    const dates = catalog.episodes.map((e) => e.publishedAt);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toHaveLength(10);
    expect(dates.slice(0, dated.length)).toEqual(dated); // no dated episode after an undated one
    for (const d of dated) expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
    expect(dated).toEqual([...dated].sort().reverse());
    for (const e of catalog.episodes) if (e.durationSeconds !== null) expect(e.durationSeconds % 60, e.id).toBe(0);
  });

  it('keeps chapters in order, inside the episode, with titles and no timestamps left in them', () => {
    for (const e of catalog.episodes) {
      const starts = e.chapters.map((c) => c.startSeconds);
      expect(starts, e.id).toEqual([...new Set(starts)].sort((a, b) => a - b));
      if (e.durationSeconds !== null) for (const start of starts) expect(start, e.id).toBeLessThan(e.durationSeconds);
      for (const c of e.chapters) expect(c.title, e.id).toMatch(/^\S(.*\S)?$/);
      for (const c of e.chapters) expect(c.title, e.id).not.toMatch(/\d{1,2}:\d{2}|^[-–:]|[-–:]$/);
    }
  });

  it('keeps descriptions as plain text and uses ids that are slugs of the titles', () => {
    for (const ep of catalog.episodes) {
      expect(ep.description).not.toMatch(/<[a-z]/i);
      expect(ep.description.length).toBeGreaterThan(20);
    }
    expect(catalog.episodes.find((e) => e.title === 'Jérôme Petazzoni')!.id).toBe('jerome-petazzoni');
  });

  it('gives whole http(s) links: no page text glued on, no doubled /blog/blog/', () => {
    const urls = [...catalog.episodes.flatMap(urlsOf), ...catalog.podcast.links.map((l) => l.url)];
    expect(urls.length).toBeGreaterThan(25);
    for (const url of urls) {
      expect(new URL(url).protocol, url).toMatch(/^https?:$/);
      expect(url, url).not.toMatch(/\s|\/blog\/blog\/|[a-z][A-Z][a-z]+$/); // "…netflixEpisode": the next word glued on
    }
    expect(bestLink(catalog.episodes.find((e) => e.id === 'j-paul-reed')!)?.url).toBe(
      'https://www.gremlin.com/blog/podcast-break-things-on-purpose-j-paul-reed-sr-applied-resilience-engineer-at-netflix',
    );
  });

  it('links each episode to its own gremlin.com page, or else to a guest’s page from its show notes', () => {
    const pageSlug = (e: Episode) => [e.episodeUrl, e.transcriptUrl].find((u) => u && PAGE_PREFIX.test(u))?.replace(PAGE_PREFIX, '');
    for (const e of catalog.episodes) {
      const slug = pageSlug(e);
      if (!slug) continue;
      expect(slug.startsWith(e.id), e.id).toBe(true);
      // "taylor-dolezal" is a prefix of the Terraform special's page too: the longest id wins.
      expect(catalog.episodes.filter((o) => o.id.length > e.id.length && slug.startsWith(o.id))).toEqual([]);
    }
    const newest = catalog.episodes.slice(0, 4).map((e) => [e.id, bestLink(e)?.url ?? null]);
    expect(newest).toEqual([
      ['maxim-fateev-and-samar-abbas', null], // its show notes list no link at all
      ['john-martinez', 'https://www.linkedin.com/in/johnmartinez/'],
      ['omar-marrero', 'https://kesselrun.af.mil'],
      ['carmen-saenz', 'https://www.linkedin.com/in/mdcsaenz'],
    ]);
  });

  it('points "The Hill You’ll Die On" to each of its guests’ own episodes', () => {
    const hill = catalog.episodes.find((e) => e.id === 'the-hill-youll-die-on')!;
    const pages = hill.links.map((l) => l.url);
    expect(hill.guests.map((g) => g.name)).toEqual(['Brian Holt', 'Jérôme Petazzoni', 'J Paul Reed']);
    for (const id of ['brian-holt', 'jerome-petazzoni', 'j-paul-reed']) {
      const own = catalog.episodes.find((e) => e.id === id)!;
      expect(pages, id).toContain(bestLink(own)?.url);
    }
  });

  it('carries the transcript excerpts the seeds have', () => {
    const withTranscript = catalog.episodes.filter((e) => e.transcriptExcerpt).map((e) => e.id);
    expect(withTranscript).toEqual(['maxim-fateev-and-samar-abbas', 'john-martinez', 'omar-marrero', 'carmen-saenz']);
  });
});

describeShared('the shipped catalog against the seeds it was written from', 'seeds', (dir) => {
  const catalog = shippedCatalog();
  const seed000 = readFileSync(join(dir, '000_5382b5e9d83081e0.txt'), 'utf8');
  const seed001 = readFileSync(join(dir, '001_a4b3d2f1c9c7f038.txt'), 'utf8');

  it('has the date and duration the first seed gives for each dated episode', () => {
    const blocks = [...seed000.matchAll(/(\w{3} \d{1,2}, \d{4}) • (\d+)min\n\n(.+)\n/g)];
    expect(blocks.length).toBe(10);
    for (const [, date, minutes, title] of blocks) {
      const ep = catalog.episodes.find((e) => e.title === title!.trim());
      expect(ep, title).toBeDefined();
      expect(new Date(`${date} UTC`).toISOString().slice(0, 10)).toBe(ep!.publishedAt);
      expect(ep!.durationSeconds).toBe(Number(minutes) * 60);
    }
  });

  it('lists every episode title the second seed lists, in its order', () => {
    const listed = [...seed001.matchAll(/^ {4}(\S.*)\n\n {4}\1$/gm)].map((m) => m[1]);
    const titles = catalog.episodes.map((e) => e.title);
    expect(titles.filter((t) => listed.includes(t))).toEqual(listed.filter((t) => titles.includes(t!)));
    for (const t of ['Veronica Lopez', 'Ryan Kitchens', 'J Paul Reed', 'Brian Holt']) expect(titles).toContain(t);
  });

  it('takes every chapter title and start time from the seeds', () => {
    const seeds = seed000 + seed001;
    const chapters = catalog.episodes.flatMap((e) => e.chapters);
    expect(chapters.length).toBeGreaterThan(50);
    for (const c of chapters) {
      expect(seeds, c.title).toContain(c.title);
      const hms = new Date(c.startSeconds * 1000).toISOString().slice(11, 19);
      expect([hms, formatTimestamp(c.startSeconds)].some((t) => seeds.includes(t)), `${c.title} ${hms}`).toBe(true);
    }
  });

  /** Every URL the seeds give, cut where the page text runs on ("…netflixEpisode"), the doubled "/blog/blog/" of one corrected. */
  const seedUrls = () => {
    const text = (seed000 + seed001).replace(/(https?:\/\/)/g, ' $1');
    const found = [...text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => m[0]);
    const known = catalog.episodes.flatMap(urlsOf);
    // The page text glues the next words onto a URL; a catalog URL must be a whole prefix of one found.
    return { found: found.map((u) => u.replace('/blog/blog/', '/blog/')), known };
  };

  it('takes every link from the seeds, with the doubled /blog/blog/ of J Paul Reed’s corrected', () => {
    const { found, known } = seedUrls();
    expect(known.length).toBeGreaterThan(25);
    for (const url of [...known, ...catalog.podcast.links.map((l) => l.url)]) {
      expect(found.some((f) => f.startsWith(url)), url).toBe(true);
      expect(url).not.toContain('/blog/blog/');
    }
  });

  it('links each episode to its page on gremlin.com where the seeds have one', () => {
    const pages = [...new Set(seedUrls().found.filter((u) => u.includes('/blog/podcast-break-things-on-purpose-')))];
    const pageOf = (id: string) => {
      const slug = (u: string) => u.split('podcast-break-things-on-purpose-')[1]!;
      const mine = pages.filter((u) => slug(u).startsWith(id));
      // "taylor-dolezal" is a prefix of the Terraform special's page too: the longest id wins.
      return mine.find((u) => !catalog.episodes.some((o) => o.id.length > id.length && slug(u).startsWith(o.id)));
    };
    for (const ep of catalog.episodes) {
      const page = pageOf(ep.id);
      if (page) expect(bestLink(ep)?.url.replace(/\/$/, ''), ep.id).toBe(page.replace(/[A-Z].*$/, '').replace(/\/$/, ''));
    }
  });
});

describe('a catalog that fails validation', () => {
  it('names the file, the episode and the field', () => {
    const error = broken((j) => (j.episodes[2].chapters[1].startSeconds = -5));
    expect(error).toContain('data/episodes.json');
    expect(error).toContain('episode #3 "omar-marrero" (Omar Marrero)');
    expect(error).toContain('chapters[1].startSeconds');
  });

  it('names a missing title', () => {
    const error = broken((j) => delete j.episodes[0].title);
    expect(error).toMatch(/episode #1 "maxim-fateev-and-samar-abbas": title: /);
  });

  it('refuses HTML in a description', () => {
    expect(broken((j) => (j.episodes[4].description = 'See <a href="x">here</a>'))).toMatch(/description: must be plain text/);
  });

  it('refuses duplicate ids and an unknown format version', () => {
    expect(broken((j) => (j.episodes[1].id = j.episodes[0].id))).toMatch(/episode #2 .*id: duplicate id "maxim-fateev-and-samar-abbas"/);
    expect(broken((j) => (j.version = 99))).toMatch(/version: must be 1/);
  });

  it('refuses text that is not JSON, naming the file', () => {
    const r = parseCatalog('{ "episodes": [', 'my-podcast.json');
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^my-podcast\.json: not valid JSON/) });
  });

  it('reports a missing file with the setting to change', () => {
    const r = loadCatalogFile('/nonexistent/episodes.json');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('CATALOG_PATH') });
  });
});
