/**
 * What `store:copy` moves from a SQLite store (src/store/sqlite/migrations.ts)
 * to a PostgreSQL one (migrations.ts here), table by table, and how each
 * SQLite value becomes a PostgreSQL one. Pure: no database here.
 * Not copied: `leases` (a fresh start elects a leader), the FTS5 vocabulary
 * (PostgreSQL's triggers rebuild theirs), `transcript_sources.first_row`
 * (an FTS5 rowid; PostgreSQL numbers segments by `seq`).
 */

/** A PostgreSQL column and how a SQLite value is turned into it. */
export interface CopiedColumn {
  /** The PostgreSQL column. */
  name: string;
  /** The SQLite column, when its name differs. */
  from?: string;
  /** `boolean`: SQLite's 0/1; `jsonb`: SQLite's JSON text, parsed by PostgreSQL. */
  type: 'text' | 'integer' | 'bigint' | 'boolean' | 'jsonb';
}

/** A table copied row for row. */
export interface CopiedTable {
  /** The same name in both engines. */
  name: string;
  columns: readonly CopiedColumn[];
  /** Added by a later PostgreSQL migration: skipped, with a note, when the target has no such table yet. */
  optional?: boolean;
}

const text = (name: string, from?: string): CopiedColumn => ({ name, from, type: 'text' });
const integer = (name: string): CopiedColumn => ({ name, type: 'integer' });
const bigint = (name: string): CopiedColumn => ({ name, type: 'bigint' });
const boolean = (name: string): CopiedColumn => ({ name, type: 'boolean' });
const jsonb = (name: string, from: string): CopiedColumn => ({ name, from, type: 'jsonb' });

/** Every table copied row for row, in the order copied (`transcript_sources` before the segments that refer to it). */
export const COPIED_TABLES: readonly CopiedTable[] = [
  {
    name: 'subscriptions',
    columns: [text('platform'), text('channel_id'), text('server_id'), text('created_at'), text('created_by'), text('status'), text('last_error'), text('failed_at')],
  },
  { name: 'subscription_shows', columns: [text('platform'), text('channel_id'), text('show_key')] },
  { name: 'subscription_shapes', optional: true, columns: [text('platform'), text('channel_id'), text('only_words'), text('mention')] },
  {
    name: 'followed_feeds',
    optional: true,
    columns: [text('show_key'), text('feed_url'), text('title'), text('platform'), text('server_id'), text('followed_by'), text('followed_at')],
  },
  { name: 'shows', columns: [text('key'), text('feed_url'), jsonb('podcast', 'podcast_json'), text('first_seen_at'), text('updated_at')] },
  {
    name: 'feed_episodes',
    columns: [
      text('id'), text('guid'), jsonb('episode', 'episode_json'), text('published_at'), text('first_seen_at'), text('updated_at'),
      boolean('announced'), text('show_key'),
    ],
  },
  {
    name: 'deliveries',
    columns: [
      text('episode_id'), text('platform'), text('channel_id'), text('state'), integer('attempts'), text('last_error'), text('message_id'),
      text('created_at'), text('updated_at'),
    ],
  },
  {
    name: 'feed_state',
    columns: [
      text('feed_url'), text('etag'), text('last_modified'), boolean('initialized'), text('last_attempt_at'), text('last_success_at'),
      text('last_error'), text('last_error_at'), integer('consecutive_failures'), text('next_poll_at'), text('last_episode_id'),
    ],
  },
  {
    name: 'transcripts',
    columns: [
      text('episode_id'), text('show_key'), text('published_at'), jsonb('sources', 'sources_json'), text('state'), text('url'), text('format'),
      integer('segments'), integer('attempts'), text('last_error'), text('next_attempt_at'), text('updated_at'),
    ],
  },
  { name: 'transcript_sources', columns: [text('episode_id'), text('source'), text('digest'), integer('segments'), text('updated_at')] },
  { name: 'search_state', columns: [text('name'), integer('version'), text('stamp'), text('body')] },
  { name: 'random_deck_places', optional: true, columns: [text('place'), bigint('served')] },
  { name: 'random_deck_shown', optional: true, columns: [text('place'), text('episode_id'), bigint('seq')] },
];

/** The tables a copy fills: every copied table, the segments, and what PostgreSQL derives from them. Leases are left alone. */
export const TARGET_TABLES: readonly string[] = [...COPIED_TABLES.map((t) => t.name), 'transcript_segments'];

/** The SQLite column each PostgreSQL column is read from, in order. */
export const sourceColumns = (table: CopiedTable): string[] => table.columns.map((c) => c.from ?? c.name);

/** NUL cannot be stored in PostgreSQL text (and \u0001–\u0003 are transcript search's markers): they are dropped, as the PostgreSQL store does. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0003]/g;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/** One SQLite value as the PostgreSQL column wants it. */
export function convertValue(column: CopiedColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'boolean':
      return Number(value) !== 0;
    case 'integer':
    case 'bigint':
      return typeof value === 'bigint' ? value.toString() : value;
    default:
      return typeof value === 'string' ? value.replace(NUL, '') : String(value);
  }
}

/** SQLite rows (objects by SQLite column) as one array per PostgreSQL column, ready for `unnest`. */
export function toColumnArrays(table: CopiedTable, rows: ReadonlyArray<Record<string, unknown>>): unknown[][] {
  return table.columns.map((c) => rows.map((row) => convertValue(c, row[c.from ?? c.name])));
}

/** `INSERT … SELECT FROM unnest(…)`: one statement for a whole batch, one array parameter per column. */
export function insertSql(table: CopiedTable): string {
  const names = table.columns.map((c) => c.name).join(', ');
  const arrays = table.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return `INSERT INTO ${table.name} (${names}) SELECT * FROM unnest(${arrays}) AS r (${names})`;
}

/** Where an episode's segments are in FTS5: rowids `firstRow` … `firstRow + segments - 1`. */
export interface SegmentOwner {
  episodeId: string;
  firstRow: number;
  segments: number;
}

/** A segment as FTS5 holds it. */
export interface SqliteSegment {
  rowid: number;
  text: string | null;
  start_seconds: unknown;
  speaker: unknown;
}

/** A segment as PostgreSQL takes it: its episode and place (`seq`, from 0) in it. */
export interface CopiedSegment {
  episodeId: string;
  seq: number;
  startSeconds: number | null;
  speaker: string | null;
  text: string;
}

/**
 * Finds each FTS5 row's episode from the episodes' rowid ranges (the rows of
 * one episode are consecutive: see transcript-segments.ts in sqlite/); a row
 * no range holds (left by an interrupted write) is counted in `orphans`, not
 * copied. `owners` must be sorted by `firstRow`.
 */
export function ownSegments(owners: readonly SegmentOwner[], rows: readonly SqliteSegment[]): { segments: CopiedSegment[]; orphans: number } {
  const segments: CopiedSegment[] = [];
  let orphans = 0;
  for (const row of rows) {
    const owner = ownerOf(owners, row.rowid);
    if (!owner) {
      orphans++;
      continue;
    }
    segments.push({
      episodeId: owner.episodeId,
      seq: row.rowid - owner.firstRow,
      startSeconds: row.start_seconds === null || row.start_seconds === undefined || row.start_seconds === '' ? null : Number(row.start_seconds),
      speaker: row.speaker === null || row.speaker === undefined ? null : String(row.speaker).replace(UNSTORABLE, ''),
      text: (row.text ?? '').replace(UNSTORABLE, ''),
    });
  }
  return { segments, orphans };
}

/** The range holding `rowid` (binary search), if any. */
function ownerOf(owners: readonly SegmentOwner[], rowid: number): SegmentOwner | undefined {
  let lo = 0;
  let hi = owners.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = owners[mid]!;
    if (rowid < o.firstRow) hi = mid - 1;
    else if (rowid >= o.firstRow + o.segments) lo = mid + 1;
    else return o;
  }
  return undefined;
}
