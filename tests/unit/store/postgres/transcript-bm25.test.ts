import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/postgres/migrate.ts';
import { markSegments, termMatches } from '../../../../src/store/postgres/transcript-queries.ts';
import { Fts5Twin, PostgresTwin, type SegmentKey } from '../../../helpers/postgres/fts5-twin.ts';
import { describePostgres, useTestDatabase } from '../../../helpers/postgres/database.ts';

/** A small seeded generator (mulberry32), so the corpus is the same every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Zipf-like words (some accented or capitalised, so folding matters), and segments of 1 to 120 of them. */
function corpus(seed: number, episodes: number): Map<string, string[]> {
  const random = seeded(seed);
  const words = ['the', 'and', 'chaos', 'Kubernetes', 'jérôme', 'café', 'outage', 'latency', 'ÉCOLE', 'istio'];
  for (let i = 0; i < 140; i++) words.push(`w${i.toString(36)}x${'abcdefgh'[i % 8]}`);
  const word = () => words[Math.min(words.length - 1, Math.floor(words.length ** random() - 1))]!;
  const out = new Map<string, string[]>();
  for (let e = 0; e < episodes; e++) {
    const segments = Array.from({ length: 20 + Math.floor(random() * 40) }, () => {
      const n = random() < 0.1 ? 1 + Math.floor(random() * 3) : 5 + Math.floor(random() * 115);
      const ws = Array.from({ length: n }, word);
      if (random() < 0.5) ws.push('the'); // in more than half of the segments: idf ≤ 0, FTS5 uses 1e-6
      return ws.join(random() < 0.2 ? ', ' : ' ') + (random() < 0.3 ? '.' : '');
    });
    segments[0] += ` once${seed}x${e}`; // in one segment only
    out.set(`episode-${e}`, segments);
  }
  return out;
}

describePostgres('PostgreSQL bm25 and quotes: the same as FTS5', () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  let twin: PostgresTwin;
  const fts5 = new Fts5Twin();
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await migrate(pool);
    twin = new PostgresTwin(pool);
    const first = corpus(1, 8);
    const replacements = corpus(2, 3);
    // Stored, then three transcripts replaced and one removed: the vocabulary and totals must follow.
    for (const [id, texts] of [...first, ...replacements, ['episode-5', []] as [string, string[]]]) {
      await fts5.store(id, texts);
      await twin.store(id, texts);
    }
  });
  afterAll(async () => {
    await pool?.end();
    fts5.close();
  });

  it('gives every segment of every term the score FTS5 gives (within 1e-9 relative), idf clamped to 1e-6 included', async () => {
    const vocabulary = fts5.vocabulary();
    const total = fts5.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM transcript_fts').get()!.n;
    expect([...vocabulary.values()].some((df) => df > total / 2)).toBe(true);
    expect([...vocabulary.values()].some((df) => df === 1)).toBe(true);
    let compared = 0;
    for (const term of vocabulary.keys()) {
      const expected = fts5.bm25(term);
      const actual = new Map((await termMatches(pool, term)).map((m) => [twin.key(m.segmentId), m.score] as const));
      expect([...actual.keys()].sort(), term).toEqual([...expected.keys()].sort());
      for (const [key, score] of expected) {
        expect(Math.abs(actual.get(key)! - score) / Math.abs(score), `${term} in ${key}: ${actual.get(key)} vs ${score}`).toBeLessThan(1e-9);
      }
      compared += expected.size;
    }
    expect(vocabulary.size).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(5_000);
  });

  it('names the episode of each segment, and with a limit returns the best ones first', async () => {
    const all = await termMatches(pool, 'istio');
    expect(all.length).toBeGreaterThan(10);
    for (const m of all) expect(twin.key(m.segmentId).startsWith(`${m.episodeId}#`)).toBe(true);
    const top = await termMatches(pool, 'istio', 5);
    expect(top.map((m) => m.score)).toEqual(all.map((m) => m.score).sort((a, b) => b - a).slice(0, 5));
  });

  it('finds nothing for a term no segment has, and for an accented spelling of a stored word finds nothing but its folded term', async () => {
    expect(await termMatches(pool, 'quantum')).toEqual([]);
    expect(await termMatches(pool, 'jérôme')).toEqual([]);
    expect((await termMatches(pool, 'jerome')).length).toBeGreaterThan(0);
  });

  it('marks the same words as FTS5 highlight() does, on the given segments only', async () => {
    const texts = [
      'Jérôme said: see kubernetes.io, or Kubernetes’s docs; KUBERNETES!',
      'the e-mail of jerome@example.com — “Kubernetes” twice: kubernetes kubernetes.',
      'nothing here to see',
      'tabs\tand  double  spaces\nand a new line with café and CAFÉ and cafe\u0301',
      '🔥Kubernetes🔥 in 東京 and <b>kubernetes</b> &amp; v1.2.3-kubernetes',
    ];
    await twin.store('quotes', texts);
    await fts5.store('quotes', texts);
    for (const terms of [['kubernetes'], ['jerome', 'mail'], ['cafe', 'see'], ['東京', 'b', '3']]) {
      const keys = texts.map((_, i) => `quotes#${i}` as SegmentKey);
      const marked = await markSegments(pool, terms, [...keys.map((k) => twin.id(k)), 999_999_999]);
      const actual = new Map(marked.map((m) => [twin.key(m.segmentId), m.marked]));
      for (const key of keys) expect(actual.get(key), `${terms} in ${key}`).toBe(fts5.highlight(key, terms));
    }
    const one = await markSegments(pool, ['kubernetes'], [twin.id('quotes#0')]);
    expect(one.map((m) => m.marked)).toEqual(['Jérôme said: see \u0001kubernetes\u0002.io, or \u0001Kubernetes\u0002’s docs; \u0001KUBERNETES\u0002!']);
    expect(one[0]!.startSeconds).toBe(0);
  });
});
