/**
 * The PostgreSQL schema, as numbered migrations (this engine's own list; the
 * SQLite list is src/store/sqlite/migrations.ts). Table `schema_migrations`
 * records each applied version; see migrate.ts. Never edit an entry: add one.
 *
 * Choices that keep the repositories' behaviour identical to SQLite's:
 * - Times the application supplies (ISO strings, or dates alone for
 *   `published_at`) stay `text`, so they compare and sort as they do in
 *   SQLite; keys and times are `COLLATE "C"` (byte order, whatever the
 *   database's locale). Only leases use the database's clock (`timestamptz`).
 * - Episode and podcast JSON is `jsonb` (compared by value, not by text).
 *
 * Transcript search (migration 2): one row per timed segment; `tsv` is
 * generated with the `transcript` text search configuration, a copy of
 * `simple` (no stemming) with `unaccent` (accents and case never matter), from
 * the text with every run of characters other than letters and digits made a
 * space, so words split where FTS5's unicode61 splits them (`kubernetes.io` is
 * two words, not one host name). `words` is the segment's word count (bm25's
 * |D|). Statement-level triggers keep the vocabulary (`transcript_vocab`: term →
 * segments holding it, bm25's df) and the totals (`transcript_stats`: N and the
 * words of every segment, for avgdl) current in the transaction that stores or
 * removes segments (TRUNCATE included): nothing is recounted at query time.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: stored episodes, subscriptions, the delivery ledger, feed state, the lease, shows, per-show subscriptions, transcript fetch state.
  `
  CREATE TABLE feed_episodes (
    id text COLLATE "C" PRIMARY KEY,
    guid text,
    episode jsonb NOT NULL,
    published_at text COLLATE "C",
    first_seen_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    announced boolean NOT NULL DEFAULT false,
    show_key text COLLATE "C"
  );
  CREATE INDEX feed_episodes_show ON feed_episodes (show_key);
  CREATE INDEX feed_episodes_updated ON feed_episodes (updated_at);
  CREATE TABLE subscriptions (
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    server_id text COLLATE "C" NOT NULL DEFAULT '',
    created_at text COLLATE "C" NOT NULL,
    created_by text,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failed')),
    last_error text,
    failed_at text COLLATE "C",
    PRIMARY KEY (platform, channel_id)
  );
  CREATE TABLE deliveries (
    episode_id text COLLATE "C" NOT NULL,
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    message_id text,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (episode_id, platform, channel_id)
  );
  CREATE INDEX deliveries_open ON deliveries (state) WHERE state IN ('pending', 'sending');
  CREATE TABLE feed_state (
    feed_url text COLLATE "C" PRIMARY KEY,
    etag text,
    last_modified text,
    initialized boolean NOT NULL DEFAULT false,
    last_attempt_at text COLLATE "C",
    last_success_at text COLLATE "C",
    last_error text,
    last_error_at text COLLATE "C",
    consecutive_failures integer NOT NULL DEFAULT 0,
    next_poll_at text COLLATE "C",
    last_episode_id text COLLATE "C"
  );
  -- The leader's lease, timed by the database's clock; epoch is the fencing token, raised at every change of owner.
  CREATE TABLE leases (
    name text COLLATE "C" PRIMARY KEY,
    owner text COLLATE "C" NOT NULL,
    epoch bigint NOT NULL DEFAULT 1,
    expires_at timestamptz NOT NULL
  );
  CREATE TABLE shows (
    key text COLLATE "C" PRIMARY KEY,
    feed_url text NOT NULL,
    podcast jsonb NOT NULL,
    first_seen_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE subscription_shows (
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    show_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (platform, channel_id, show_key)
  );
  CREATE TABLE transcripts (
    episode_id text COLLATE "C" PRIMARY KEY,
    show_key text COLLATE "C",
    published_at text COLLATE "C",
    sources jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    url text,
    format text,
    segments integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    next_attempt_at text COLLATE "C",
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX transcripts_todo ON transcripts (state, published_at) WHERE state <> 'done';
  `,
  // 2: search: transcript segments with their tsvector, vocabulary and totals, where each episode's came from; the saved episode index.
  `
  CREATE EXTENSION IF NOT EXISTS unaccent;
  CREATE TEXT SEARCH CONFIGURATION transcript (COPY = pg_catalog.simple);
  ALTER TEXT SEARCH CONFIGURATION transcript
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
    WITH unaccent, simple;
  CREATE TABLE transcript_sources (
    episode_id text COLLATE "C" PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('catalog', 'feed')),
    digest text,
    segments integer NOT NULL,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE transcript_segments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    episode_id text COLLATE "C" NOT NULL REFERENCES transcript_sources (episode_id) ON DELETE CASCADE,
    seq integer NOT NULL,
    start_seconds double precision,
    speaker text,
    text text NOT NULL,
    words integer GENERATED ALWAYS AS (regexp_count(text, '[[:alnum:]]+')) STORED,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('transcript', regexp_replace(text, '[^[:alnum:]]+', ' ', 'g'))) STORED,
    UNIQUE (episode_id, seq)
  );
  CREATE INDEX transcript_segments_tsv ON transcript_segments USING gin (tsv);
  -- Half-empty pages: most writes update counts in place (HOT, no index entry), the rows staying on their page.
  CREATE TABLE transcript_vocab (
    term text COLLATE "C" PRIMARY KEY,
    segments integer NOT NULL CHECK (segments > 0)
  ) WITH (fillfactor = 50);
  CREATE TABLE transcript_stats (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    segments bigint NOT NULL DEFAULT 0,
    words bigint NOT NULL DEFAULT 0
  );
  INSERT INTO transcript_stats DEFAULT VALUES;
  CREATE FUNCTION transcript_segments_counted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      TRUNCATE transcript_vocab;
      UPDATE transcript_stats SET segments = 0, words = 0;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      WITH gone AS MATERIALIZED (
        SELECT t AS lexeme, count(*)::integer AS n FROM old_rows o, unnest(tsvector_to_array(o.tsv)) t GROUP BY t
      ), emptied AS (
        DELETE FROM transcript_vocab v USING gone WHERE v.term = gone.lexeme AND v.segments <= gone.n
      )
      UPDATE transcript_vocab v SET segments = v.segments - gone.n FROM gone WHERE v.term = gone.lexeme AND v.segments > gone.n;
      UPDATE transcript_stats SET segments = segments - (SELECT count(*) FROM old_rows),
        words = words - (SELECT coalesce(sum(words), 0) FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO transcript_vocab AS v (term, segments)
        SELECT t, count(*)::integer FROM new_rows r, unnest(tsvector_to_array(r.tsv)) t GROUP BY t ORDER BY t
        ON CONFLICT (term) DO UPDATE SET segments = v.segments + excluded.segments;
      UPDATE transcript_stats SET segments = segments + (SELECT count(*) FROM new_rows),
        words = words + (SELECT coalesce(sum(words), 0) FROM new_rows);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER transcript_segments_inserted AFTER INSERT ON transcript_segments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transcript_segments_counted();
  CREATE TRIGGER transcript_segments_deleted AFTER DELETE ON transcript_segments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION transcript_segments_counted();
  CREATE TRIGGER transcript_segments_updated AFTER UPDATE ON transcript_segments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transcript_segments_counted();
  CREATE TRIGGER transcript_segments_truncated AFTER TRUNCATE ON transcript_segments
    FOR EACH STATEMENT EXECUTE FUNCTION transcript_segments_counted();
  CREATE TABLE search_state (
    name text COLLATE "C" PRIMARY KEY,
    version integer NOT NULL,
    stamp text NOT NULL,
    body text NOT NULL
  );
  `,
  // 3: feeds followed from chat, each subscription's shape (only some episodes, whom to mention), and the lease epochs' sequence
  // (an epoch is never given twice, even after a lease row is deleted at release).
  `
  CREATE TABLE followed_feeds (
    show_key text COLLATE "C" PRIMARY KEY,
    feed_url text NOT NULL,
    title text,
    platform text COLLATE "C" NOT NULL,
    server_id text COLLATE "C",
    followed_by text,
    followed_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE subscription_shapes (
    platform text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C" NOT NULL,
    only_words text,
    mention text,
    PRIMARY KEY (platform, channel_id)
  );
  CREATE SEQUENCE lease_epochs AS bigint;
  SELECT setval('lease_epochs', greatest((SELECT max(epoch) FROM leases), 1));
  `,
  // 4: replicas. Change versions each process watches, raised by triggers in the writing transaction: the row lock on
  // store_changes makes writers of one kind take turns until they commit, so versions follow commit order; each raise
  // also notifies channel episode_bot_changes (delivered at commit). The version each episode row was last changed at;
  // /random's decks.
  `
  CREATE TABLE store_changes (topic text COLLATE "C" PRIMARY KEY, version bigint NOT NULL DEFAULT 0);
  INSERT INTO store_changes (topic) VALUES ('episodes'), ('transcripts'), ('shows'), ('leases');
  ALTER TABLE feed_episodes ADD COLUMN change_version bigint NOT NULL DEFAULT 0;
  CREATE INDEX feed_episodes_change ON feed_episodes (change_version);
  CREATE FUNCTION store_change(name text) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v bigint;
  BEGIN
    UPDATE store_changes SET version = version + 1 WHERE topic = name RETURNING version INTO v;
    PERFORM pg_notify('episode_bot_changes', name);
    RETURN v;
  END $$;
  CREATE FUNCTION feed_episodes_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND NEW.episode IS NOT DISTINCT FROM OLD.episode AND NEW.show_key IS NOT DISTINCT FROM OLD.show_key THEN
      RETURN NEW;
    END IF;
    NEW.change_version := store_change('episodes');
    RETURN NEW;
  END $$;
  CREATE TRIGGER feed_episodes_versioned BEFORE INSERT OR UPDATE ON feed_episodes FOR EACH ROW EXECUTE FUNCTION feed_episodes_versioned();
  CREATE FUNCTION store_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM store_change(TG_ARGV[0]);
    RETURN NULL;
  END $$;
  CREATE TRIGGER feed_episodes_deleted AFTER DELETE ON feed_episodes FOR EACH ROW EXECUTE FUNCTION store_changed('episodes');
  CREATE TRIGGER transcript_sources_changed AFTER INSERT OR UPDATE OR DELETE ON transcript_sources FOR EACH ROW EXECUTE FUNCTION store_changed('transcripts');
  CREATE TRIGGER shows_added AFTER INSERT OR DELETE ON shows FOR EACH ROW EXECUTE FUNCTION store_changed('shows');
  CREATE TRIGGER shows_changed AFTER UPDATE ON shows FOR EACH ROW
    WHEN (OLD.podcast IS DISTINCT FROM NEW.podcast OR OLD.feed_url IS DISTINCT FROM NEW.feed_url) EXECUTE FUNCTION store_changed('shows');
  CREATE TRIGGER followed_feeds_changed AFTER INSERT OR UPDATE OR DELETE ON followed_feeds FOR EACH ROW EXECUTE FUNCTION store_changed('shows');
  CREATE TRIGGER leases_released AFTER DELETE ON leases FOR EACH ROW EXECUTE FUNCTION store_changed('leases');
  CREATE TABLE random_deck_places (place text COLLATE "C" PRIMARY KEY, served bigint NOT NULL);
  CREATE TABLE random_deck_shown (
    place text COLLATE "C" NOT NULL,
    episode_id text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (place, episode_id)
  );
  `,
  // 5: transcript search reads no pending list: with GIN's fast update, every search scanned the list of segments
  // not yet merged into the index (4 MB, ~3.5 ms a word, measured by npm run bench); segments go into the index as stored.
  `
  ALTER INDEX transcript_segments_tsv SET (fastupdate = off);
  `,
];
