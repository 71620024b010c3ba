/**
 * The SQLite tables of search: transcript segments in FTS5 and the saved
 * episode index. Applied as migration 3 of the store (migrations.ts).
 * Never edit this text: add a migration.
 */

/** Migration 3: transcript segments (FTS5, unicode61 folding case and accents), their vocabulary, their sources, the saved index. */
export const SEARCH_TABLES_SQL = `
  CREATE VIRTUAL TABLE transcript_fts USING fts5(
    text, episode_id UNINDEXED, start_seconds UNINDEXED, speaker UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE VIRTUAL TABLE transcript_vocab USING fts5vocab(transcript_fts, 'row');
  CREATE TABLE transcript_sources (
    episode_id TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('catalog', 'feed')),
    digest TEXT,
    first_row INTEGER NOT NULL,
    segments INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE search_state (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    stamp TEXT NOT NULL,
    body TEXT NOT NULL
  );
`;
