import { SEARCH_TABLES_SQL } from './transcript-schema.ts';

/**
 * The database schema, as numbered migrations. The database's
 * `PRAGMA user_version` records how many have been applied; a database
 * with a higher version than this list knows is refused.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: episodes found in the feed, subscriptions, the delivery ledger, feed state, leases.
  `
  CREATE TABLE feed_episodes (
    id TEXT PRIMARY KEY,
    guid TEXT,
    episode_json TEXT NOT NULL,
    published_at TEXT,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    announced INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE subscriptions (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    server_id TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failed')),
    last_error TEXT,
    failed_at TEXT,
    PRIMARY KEY (platform, channel_id)
  );
  CREATE TABLE deliveries (
    episode_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    message_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (episode_id, platform, channel_id)
  );
  CREATE INDEX deliveries_open ON deliveries (state) WHERE state IN ('pending', 'sending');
  CREATE TABLE feed_state (
    feed_url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    initialized INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT,
    last_episode_id TEXT
  );
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // 2: shows (one per followed feed), the show of each stored episode, per-show subscriptions, transcript fetch state.
  `
  CREATE TABLE shows (
    key TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    podcast_json TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  ALTER TABLE feed_episodes ADD COLUMN show_key TEXT;
  CREATE INDEX feed_episodes_show ON feed_episodes (show_key);
  CREATE TABLE subscription_shows (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    show_key TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id, show_key)
  );
  CREATE TABLE transcripts (
    episode_id TEXT PRIMARY KEY,
    show_key TEXT,
    published_at TEXT,
    sources_json TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    url TEXT,
    format TEXT,
    segments INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX transcripts_todo ON transcripts (state, published_at) WHERE state <> 'done';
  `,
  // 3: search: transcript segments in FTS5 and their vocabulary, where each episode's came from, the saved episode index.
  SEARCH_TABLES_SQL,
  // 4: feeds followed from chat, and each subscription's shape (only some episodes, whom to mention).
  `
  CREATE TABLE followed_feeds (
    show_key TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    title TEXT,
    platform TEXT NOT NULL,
    server_id TEXT,
    followed_by TEXT,
    followed_at TEXT NOT NULL
  );
  CREATE TABLE subscription_shapes (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    only_words TEXT,
    mention TEXT,
    PRIMARY KEY (platform, channel_id)
  );
  `,
  // 5: replicas. Change versions each process watches (bumped by triggers, in the writing transaction, so in commit
  // order: SQLite has one writer at a time); the version each episode row was last changed at; /random's decks.
  `
  CREATE TABLE store_changes (topic TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0);
  INSERT INTO store_changes (topic) VALUES ('episodes'), ('transcripts'), ('shows'), ('leases');
  ALTER TABLE feed_episodes ADD COLUMN change_version INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX feed_episodes_change ON feed_episodes (change_version);
  CREATE TRIGGER feed_episodes_inserted AFTER INSERT ON feed_episodes BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'episodes';
    UPDATE feed_episodes SET change_version = (SELECT version FROM store_changes WHERE topic = 'episodes') WHERE id = NEW.id;
  END;
  CREATE TRIGGER feed_episodes_updated AFTER UPDATE OF episode_json, show_key ON feed_episodes BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'episodes';
    UPDATE feed_episodes SET change_version = (SELECT version FROM store_changes WHERE topic = 'episodes') WHERE id = NEW.id;
  END;
  CREATE TRIGGER feed_episodes_deleted AFTER DELETE ON feed_episodes BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'episodes';
  END;
  CREATE TRIGGER transcript_sources_inserted AFTER INSERT ON transcript_sources BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'transcripts';
  END;
  CREATE TRIGGER transcript_sources_updated AFTER UPDATE ON transcript_sources BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'transcripts';
  END;
  CREATE TRIGGER transcript_sources_deleted AFTER DELETE ON transcript_sources BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = 'transcripts';
  END;
  CREATE TRIGGER shows_inserted AFTER INSERT ON shows BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER shows_updated AFTER UPDATE ON shows WHEN OLD.podcast_json IS NOT NEW.podcast_json OR OLD.feed_url IS NOT NEW.feed_url BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER shows_deleted AFTER DELETE ON shows BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER followed_inserted AFTER INSERT ON followed_feeds BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER followed_updated AFTER UPDATE ON followed_feeds BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER followed_deleted AFTER DELETE ON followed_feeds BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'shows'; END;
  CREATE TRIGGER leases_released AFTER DELETE ON leases BEGIN UPDATE store_changes SET version = version + 1 WHERE topic = 'leases'; END;
  CREATE TABLE random_deck_places (place TEXT PRIMARY KEY, served INTEGER NOT NULL);
  CREATE TABLE random_deck_shown (
    place TEXT NOT NULL,
    episode_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (place, episode_id)
  );
  `,
];
