/**
 * Transcript segments in PostgreSQL (schema: migrations.ts, migration 2):
 * storing an episode's segments, finding a term's segments with FTS5's bm25,
 * marking matched words with ts_headline, reading the vocabulary. Functions
 * over a pool or client; the transcript-store port wraps them.
 */
import type pg from 'pg';

/** A pool or a client: anything that runs a query. */
export type Queryable = pg.Pool | pg.ClientBase;

/** One segment to store. */
export interface SegmentInput {
  startSeconds: number | null;
  speaker: string | null;
  text: string;
}

/** One segment holding a term, with FTS5's bm25 of it (positive: higher is better, as `-bm25(transcript_fts)`). */
export interface TermMatch {
  episodeId: string;
  segmentId: number;
  score: number;
}

/** A segment's text with \u0001…\u0002 around the matched words (as FTS5's highlight()). */
export interface MarkedRow {
  segmentId: number;
  marked: string;
  startSeconds: number | null;
  speaker: string | null;
}

/**
 * The lock a transcript writer takes for its transaction: writers update the
 * same vocabulary and totals rows, so they go one at a time rather than risk
 * deadlocks ("episode-bot:transcripts", cut to 63 bits).
 */
export const TRANSCRIPT_WRITE_LOCK = 0x6570_6973_7472_616en & 0x7fff_ffff_ffff_ffffn;

/** NUL cannot be stored in PostgreSQL text; \u0001–\u0003 are the quote's markers and the headline's word breaks. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0003]/g;

/** The tsquery of one vocabulary term, taken as it is (quoted: never parsed or folded again). */
const TERM_QUERY = `('''' || replace(replace($1::text, '\\', '\\\\'), '''', '''''') || '''')::tsquery`;

/** One episode's transcript to store: its segments (none: removed) and where they came from. */
export interface TranscriptInput {
  episodeId: string;
  source: 'catalog' | 'feed';
  /** The catalog excerpt's digest (to skip storing the same again); null for a fetched transcript. */
  digest: string | null;
  segments: readonly SegmentInput[];
}

/**
 * Replaces these episodes' segments, in three statements whatever their
 * number (a catalog's excerpts, a batch of fetched transcripts): the
 * vocabulary and totals follow through the table's statement triggers, once
 * for the batch. A catalog source with no segments is removed; a fetched
 * transcript with none is kept, empty (it was fetched). The last entry of an
 * episode listed twice wins. Run inside a transaction: it takes
 * {@link TRANSCRIPT_WRITE_LOCK} until the transaction ends.
 */
export async function replaceTranscripts(tx: pg.ClientBase, items: readonly TranscriptInput[], now: string): Promise<void> {
  const latest = [...new Map(items.map((i) => [i.episodeId, i])).values()];
  if (latest.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [TRANSCRIPT_WRITE_LOCK.toString()]);
  await tx.query('DELETE FROM transcript_segments WHERE episode_id = ANY($1::text[])', [latest.map((i) => i.episodeId)]);
  const [gone, kept] = [latest.filter(removed), latest.filter((i) => !removed(i))];
  if (gone.length > 0) await tx.query('DELETE FROM transcript_sources WHERE episode_id = ANY($1::text[])', [gone.map((i) => i.episodeId)]);
  if (kept.length === 0) return;
  await tx.query(
    `INSERT INTO transcript_sources (episode_id, source, digest, segments, updated_at)
     SELECT s.episode_id, s.source, s.digest, s.segments, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[]) AS s (episode_id, source, digest, segments)
     ON CONFLICT (episode_id) DO UPDATE SET source = excluded.source, digest = excluded.digest,
       segments = excluded.segments, updated_at = excluded.updated_at`,
    [kept.map((i) => i.episodeId), kept.map((i) => i.source), kept.map((i) => i.digest), kept.map((i) => i.segments.length), now],
  );
  const rows = kept.flatMap((i) => i.segments.map((s, seq) => ({ id: i.episodeId, seq, s })));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO transcript_segments (episode_id, seq, start_seconds, speaker, text)
     SELECT * FROM unnest($1::text[], $2::integer[], $3::double precision[], $4::text[], $5::text[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.seq),
      rows.map((r) => r.s.startSeconds),
      rows.map((r) => (r.s.speaker === null ? null : r.s.speaker.replace(UNSTORABLE, ''))),
      rows.map((r) => r.s.text.replace(UNSTORABLE, '')),
    ],
  );
}

const removed = (i: TranscriptInput) => i.segments.length === 0 && i.source === 'catalog';

/**
 * FTS5's bm25 for a one-term query, per segment: idf × tf × (k1 + 1) /
 * (tf + k1 × (1 − b + b × |D| / avgdl)), k1 = 1.2, b = 0.75,
 * idf = ln((N − df + 0.5) / (df + 0.5)), or 1e-6 when that is not positive
 * (sqlite ext/fts5/fts5_aux.c, fts5Bm25GetData and fts5Bm25Function).
 * tf: the term's positions in the row (ts_rank_cd, normalization 0, gives
 * 0.1 per position of a one-term query); |D|: `words`; df: the vocabulary;
 * N and avgdl: the totals row.
 */
export const TERM_MATCHES_SQL = `
  WITH term AS (
    SELECT ${TERM_QUERY} AS q
  ), totals AS (
    SELECT segments::float8 AS n, words::float8 / greatest(segments, 1) AS avgdl FROM transcript_stats
  ), weight AS (
    SELECT CASE WHEN x > 0 THEN x ELSE 1e-6 END AS idf, totals.avgdl
    FROM totals, transcript_vocab v, LATERAL (SELECT ln((totals.n - v.segments + 0.5) / (v.segments + 0.5)) AS x) i
    WHERE v.term = $1::text
  )
  SELECT s.episode_id AS "episodeId", s.id::float8 AS "segmentId",
    w.idf * f.tf * 2.2 / (f.tf + 1.2 * (0.25 + 0.75 * s.words / w.avgdl)) AS score
  FROM term, weight w, transcript_segments s, LATERAL (SELECT round(ts_rank_cd(s.tsv, term.q, 0) * 10)::float8 AS tf) f
  WHERE s.tsv @@ term.q`;

/** Every segment holding `term` (a vocabulary term, as stored), with FTS5's bm25; `limit`: only the best ones. */
export async function termMatches(db: Queryable, term: string, limit: number | null = null): Promise<TermMatch[]> {
  // Named: each connection parses and plans it once (1 ms of a rare word's 2 ms, measured).
  const { rows } =
    limit === null
      ? await db.query<TermMatch>({ name: 'episode-bot:term-matches', text: TERM_MATCHES_SQL, values: [term] })
      : await db.query<TermMatch>({ name: 'episode-bot:term-matches-best', text: `${TERM_MATCHES_SQL} ORDER BY score DESC LIMIT $2`, values: [term, limit] });
  return rows;
}

/**
 * Segments holding `term` without scoring them (a word said almost
 * everywhere): those of these episodes, or the `latest` last stored (highest
 * ids), as the SQLite store's `segmentsWith`.
 */
export async function termSegments(db: Queryable, term: string, scope: { episodes: readonly string[] } | { latest: number }): Promise<Array<{ episodeId: string; segmentId: number }>> {
  const { rows } =
    'latest' in scope
      ? await db.query<{ episodeId: string; segmentId: number }>({
          name: 'episode-bot:term-segments-latest',
          // Materialized: the matches come from the GIN index, then the last ones are kept; otherwise the planner may walk
          // the primary key backwards testing every segment's tsvector (214 ms a call at 1,000 hour-long episodes, measured).
          text: `WITH m AS MATERIALIZED (SELECT s.episode_id, s.id FROM transcript_segments s WHERE s.tsv @@ ${TERM_QUERY})
                 SELECT episode_id AS "episodeId", id::float8 AS "segmentId" FROM m ORDER BY id DESC LIMIT $2`,
          values: [term, Math.max(0, Math.floor(scope.latest))],
        })
      : await db.query<{ episodeId: string; segmentId: number }>({
          name: 'episode-bot:term-segments-in',
          text: `SELECT s.episode_id AS "episodeId", s.id::float8 AS "segmentId" FROM transcript_segments s WHERE s.episode_id = ANY($2::text[]) AND s.tsv @@ ${TERM_QUERY} ORDER BY s.id`,
          values: [term, [...new Set(scope.episodes)]],
        });
  return rows;
}

/**
 * These segments (by id) that hold any of `terms`, each as its text with
 * \u0001…\u0002 around every word that is one of the terms, as FTS5's
 * highlight(). ts_headline parses the text itself, and PostgreSQL's parser
 * reads `kubernetes.io` or `e-mail` as one token where the tsvector (and
 * FTS5) has two words: so the text it parses has \u0003 after every
 * character that is neither a letter, a digit nor a space (breaking such
 * tokens apart), removed again from what it returns.
 */
export async function markSegments(db: Queryable, terms: readonly string[], segmentIds: readonly number[]): Promise<MarkedRow[]> {
  if (terms.length === 0 || segmentIds.length === 0) return [];
  const { rows } = await db.query<MarkedRow>({
    name: 'episode-bot:mark-segments',
    text: `WITH q AS (
       SELECT string_agg('''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS q FROM unnest($1::text[]) t
     )
     SELECT s.id::float8 AS "segmentId", s.start_seconds AS "startSeconds", s.speaker,
       replace(ts_headline('transcript', regexp_replace(s.text, '([^[:alnum:][:space:]])', E'\\\\1\\x03', 'g'), q.q,
         E'StartSel="\\x01", StopSel="\\x02", HighlightAll=true'), E'\\x03', '') AS marked
     FROM q, transcript_segments s
     WHERE s.id = ANY($2::bigint[]) AND s.tsv @@ q.q
     ORDER BY s.id`,
    values: [terms, segmentIds],
  });
  return rows;
}

/** The vocabulary: every term with the number of segments holding it. */
export async function vocabulary(db: Queryable): Promise<Array<{ term: string; segments: number }>> {
  const { rows } = await db.query<{ term: string; segments: number }>('SELECT term, segments FROM transcript_vocab');
  return rows;
}

/** The terms PostgreSQL makes of a text, in order, as a segment's tsvector holds them (also the folding for query words). */
export async function transcriptTerms(db: Queryable, text: string): Promise<string[]> {
  const { rows } = await db.query<{ terms: string[] }>(
    `SELECT coalesce(array_agg(t.lexeme ORDER BY p), '{}') AS terms
     FROM unnest(to_tsvector('transcript', regexp_replace($1::text, '[^[:alnum:]]+', ' ', 'g'))) t, unnest(t.positions) p`,
    [text.replace(UNSTORABLE, '')],
  );
  return rows[0]!.terms;
}
