import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/postgres/migrate.ts';
import { inTransaction } from '../../../../src/store/postgres/transaction.ts';
import { replaceTranscripts, transcriptTerms, vocabulary, type SegmentInput } from '../../../../src/store/postgres/transcript-queries.ts';
import { Fts5Twin, PostgresTwin } from '../../../helpers/postgres/fts5-twin.ts';
import { describePostgres, useTestDatabase } from '../../../helpers/postgres/database.ts';

/**
 * The words of a transcript segment as the bot counts them for its vocabulary
 * (TranscriptIndex's learn(), src/core/search/transcript-index.ts): lower case,
 * accents removed, runs of letters and digits.
 */
const learned = (text: string) => [...text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);

/** Strings where FTS5 (unicode61 remove_diacritics 2), the bot's folding and PostgreSQL must make the same words. */
const AGREE: Record<string, string[]> = {
  accents: ['Jérôme Petazzoni', 'naïve Zoë São Paulo ÉCOLE Ångström', 'café (decomposed: cafe\u0301)', 'Ñandú crème brûlée'],
  case: ['KUBERNETES Kubernetes kubernetes', 'Привет МИР', 'İstanbul'],
  apostrophes: ["Jérôme's café", 'Don’t can\'t it`s o´clock'],
  hyphens: ['well-known co-op e-mail', 'a-b-c 1-2-3', 'state-of-the-art — en–dash'],
  'dotted names': ['kubernetes.io Node.js e.B.P.F', 'v1.2.3 and 10.0.0.1', 'foo@bar.com https://example.com/a_b?c=1#d'],
  digits: ['3.14 1e5 2nd 10x 2024-01-05', '+44 (0)20 7946 0958', '٣ ١٢ ৫ (Arabic-Indic and Bengali digits)'],
  emoji: ['🔥fire🔥fighting 🎉', '👩‍💻dev ops👍 🇫🇷', 'chaos 🐒 monkey'],
  CJK: ['東京タワー 北京', 'Kubernetesの話'],
  markup: ['<b>bold</b> &amp; AT&T', 'hello_world snake_case', 'tabs\tand\nnew  lines'],
};

/** Where PostgreSQL's unaccent folds further than FTS5 and the bot (ligatures and letters without a decomposition). */
const POSTGRES_FOLDS_FURTHER: Array<[string, string[], string[]]> = [
  ['Straße', ['straße'], ['strasse']],
  ['Æsir œuvre', ['æsir', 'œuvre'], ['aesir', 'oeuvre']],
  ['Øresund Łódź', ['øresund', 'łodz'], ['oresund', 'lodz']],
  ['ﬁne ﬂow', ['ﬁne', 'ﬂow'], ['fine', 'flow']],
  ['ａｂｃ', ['ａｂｃ'], ['abc']],
];

describePostgres('PostgreSQL transcript words: the same as FTS5 and the bot make', () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  const fts5 = new Fts5Twin();
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool?.end();
    fts5.close();
  });

  for (const [kind, texts] of Object.entries(AGREE)) {
    describe(kind, () => {
      for (const text of texts) {
        it(JSON.stringify(text), async () => {
          const expected = learned(text);
          expect(fts5.terms(text)).toEqual(expected);
          expect(await transcriptTerms(pool, text)).toEqual(expected);
        });
      }
    });
  }

  it('keeps Hangul syllables whole, as FTS5 does (learn() decomposes them into jamo with NFD)', async () => {
    expect(fts5.terms('서울 한국어')).toEqual(['서울', '한국어']);
    expect(await transcriptTerms(pool, '서울 한국어')).toEqual(['서울', '한국어']);
  });

  it('folds ß, æ, œ, ø, ł, ligatures and full-width letters further than FTS5 does (unaccent\'s rules)', async () => {
    for (const [text, fts, postgres] of POSTGRES_FOLDS_FURTHER) {
      expect(fts5.terms(text)).toEqual(fts);
      expect(await transcriptTerms(pool, text)).toEqual(postgres);
    }
  });

  it('counts words (bm25 |D|) and keeps the vocabulary as FTS5 does, through stores, replacements and removals', async () => {
    const texts = Object.values(AGREE).flat();
    const twin = new PostgresTwin(pool);
    const other = new Fts5Twin();
    try {
      for (const i of texts.keys()) {
        await twin.store(`ep${i % 4}`, texts.filter((_, j) => j % 4 === i % 4));
        await other.store(`ep${i % 4}`, texts.filter((_, j) => j % 4 === i % 4));
      }
      await twin.store('ep1', ['Jérôme again', 'and kubernetes.io again']);
      await other.store('ep1', ['Jérôme again', 'and kubernetes.io again']);
      await twin.store('ep2', []);
      await other.store('ep2', []);

      const words = await pool.query<{ episode_id: string; seq: number; words: number; text: string }>('SELECT episode_id, seq, words, text FROM transcript_segments');
      for (const r of words.rows) expect(r.words, r.text).toBe(learned(r.text).length);
      const stats = (await pool.query<{ segments: string; words: string }>('SELECT segments, words FROM transcript_stats')).rows[0]!;
      expect(Number(stats.segments)).toBe(words.rows.length);
      expect(Number(stats.words)).toBe(words.rows.reduce((n, r) => n + r.words, 0));
      const counted = other.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM transcript_fts').get()!.n;
      expect(Number(stats.segments)).toBe(counted);

      const postgresVocabulary = new Map((await vocabulary(pool)).map((r) => [r.term, r.segments]));
      expect(postgresVocabulary).toEqual(other.vocabulary());
    } finally {
      other.close();
    }
  });

  it('stores a batch in one go (after a TRUNCATE, which resets vocabulary and totals): the last entry of an episode wins, an emptied catalog excerpt goes, an empty fetched transcript stays', async () => {
    const segs = (...texts: string[]): SegmentInput[] => texts.map((text) => ({ startSeconds: null, speaker: 'Ana', text }));
    await pool.query('TRUNCATE transcript_sources CASCADE');
    const now = '2026-12-01T00:00:00.000Z';
    await inTransaction(pool, (tx) =>
      replaceTranscripts(tx, [
        { episodeId: 'a', source: 'catalog', digest: 'd1', segments: segs('alpha beta') },
        { episodeId: 'b', source: 'catalog', digest: 'd2', segments: segs('beta gamma', 'gamma') },
        { episodeId: 'a', source: 'feed', digest: null, segments: segs('alpha delta\u0000 \u0001x') },
      ], now),
    );
    await inTransaction(pool, (tx) =>
      replaceTranscripts(tx, [
        { episodeId: 'b', source: 'catalog', digest: null, segments: [] },
        { episodeId: 'c', source: 'feed', digest: null, segments: [] },
      ], now),
    );
    const sources = await pool.query('SELECT episode_id, source, digest, segments FROM transcript_sources ORDER BY episode_id');
    expect(sources.rows).toEqual([
      { episode_id: 'a', source: 'feed', digest: null, segments: 1 },
      { episode_id: 'c', source: 'feed', digest: null, segments: 0 },
    ]);
    const rows = await pool.query('SELECT episode_id, seq, speaker, text FROM transcript_segments ORDER BY episode_id, seq');
    expect(rows.rows).toEqual([{ episode_id: 'a', seq: 0, speaker: 'Ana', text: 'alpha delta x' }]);
    expect(new Map((await vocabulary(pool)).map((r) => [r.term, r.segments]))).toEqual(new Map([['alpha', 1], ['delta', 1], ['x', 1]]));
    const stats = (await pool.query('SELECT segments::int AS n, words::int AS w FROM transcript_stats')).rows[0];
    expect(stats).toEqual({ n: 1, w: 3 });
  });
});
