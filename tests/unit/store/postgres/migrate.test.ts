import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { migrate, POSTGRES_SCHEMA_VERSION, SchemaError } from '../../../../src/store/postgres/migrate.ts';
import { MIGRATIONS } from '../../../../src/store/postgres/migrations.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../../helpers/postgres/database.ts';

describePostgres('PostgreSQL migrations', () => {
  const open: Array<pg.Client | pg.Pool> = [];
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.end()));
    await Promise.all(databases.splice(0).map((d) => d.drop()));
  });
  const database = async (options: { empty?: boolean; locale?: string } = {}) => {
    const db = await createTestDatabase(options);
    databases.push(db);
    return db;
  };
  const client = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    open.push(c);
    await c.connect();
    return c;
  };
  const versions = async (c: pg.Client) => (await c.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  const tables = async (c: pg.Client) =>
    (await c.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);

  it('applies every migration to an empty database (unaccent created too), recording each version', async () => {
    const db = await database({ empty: true });
    const c = await client(db.url);
    expect(await migrate(c)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION });
    expect(await versions(c)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(await tables(c)).toEqual([
      'deliveries', 'feed_episodes', 'feed_state', 'followed_feeds', 'leases', 'random_deck_places', 'random_deck_shown', 'schema_migrations', 'search_state', 'shows',
      'store_changes', 'subscription_shapes', 'subscription_shows', 'subscriptions', 'transcript_segments', 'transcript_sources', 'transcript_stats', 'transcript_vocab', 'transcripts',
    ]);
    const folded = await c.query<{ v: string }>("SELECT to_tsvector('transcript', 'Jérôme ÉCOLE')::text AS v");
    expect(folded.rows[0]!.v).toBe("'ecole':2 'jerome':1");
  });

  it('is idempotent: a second run finds the schema current and applies nothing', async () => {
    const db = await database();
    const c = await client(db.url);
    await migrate(c);
    await c.query("INSERT INTO shows (key, feed_url, podcast, first_seen_at, updated_at) VALUES ('s', 'u', '{}', 't', 't')");
    expect(await migrate(c)).toEqual({ from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION });
    expect(await versions(c)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect((await c.query('SELECT count(*)::int AS n FROM shows')).rows[0].n).toBe(1);
  });

  it('takes a pool as well (one connection for the whole migration, given back)', async () => {
    const db = await database();
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    open.push(pool);
    expect(await migrate(pool)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION });
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it('two migrators starting together: both succeed, each migration is applied once', async () => {
    const db = await database();
    const [a, b] = [await client(db.url), await client(db.url)];
    // The first migration sleeps, so that the second migrator certainly starts while the first is inside it.
    const slow = [`SELECT pg_sleep(0.4); ${MIGRATIONS[0]}`, ...MIGRATIONS.slice(1)];
    const results = await Promise.all([migrate(a, slow), migrate(b, slow)]);
    expect(results.map((r) => r.from).sort()).toEqual([0, POSTGRES_SCHEMA_VERSION]);
    expect(results.every((r) => r.to === POSTGRES_SCHEMA_VERSION)).toBe(true);
    expect(await versions(a)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a schema newer than the code, naming both versions, and changes nothing', async () => {
    const db = await database();
    const c = await client(db.url);
    await migrate(c);
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION + 1]);
    const error = await migrate(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).kind).toBe('too-new');
    expect((error as Error).message).toBe(
      `the database schema is version ${POSTGRES_SCHEMA_VERSION + 1}, newer than this episode-bot understands (${POSTGRES_SCHEMA_VERSION}); upgrade episode-bot or use another DATABASE_URL`,
    );
    expect(await versions(c)).toEqual([...MIGRATIONS.map((_, i) => i + 1), POSTGRES_SCHEMA_VERSION + 1]);
  });

  it('refuses a database whose LC_CTYPE is C (no Unicode letters), saying how to create one', async () => {
    const db = await database({ locale: 'C' });
    const c = await client(db.url);
    const error = await migrate(c).catch((e: unknown) => e);
    expect((error as SchemaError).kind).toBe('locale');
    expect((error as Error).message).toMatch(/LC_CTYPE C: .*LOCALE 'C\.UTF-8'/);
    expect(await tables(c)).toEqual([]);
  });

  it('a failing migration is rolled back whole and named by its number', async () => {
    const db = await database();
    const c = await client(db.url);
    const error = await migrate(c, [MIGRATIONS[0]!, 'CREATE TABLE broken (x nosuchtype)']).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^migration 2 of 2 failed: type "nosuchtype" does not exist/);
    expect(await tables(c)).toEqual([]);
  });
});
