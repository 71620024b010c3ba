import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { describePostgres, useTestDatabase } from '../../helpers/postgres/database.ts';
import { describeStoreContract } from './contract/store-contract.ts';

/** Every table the store writes, emptied between tests (the vocabulary and totals follow through the segments' TRUNCATE trigger). */
const TABLES = [
  'feed_episodes', 'subscriptions', 'deliveries', 'feed_state', 'leases', 'shows', 'subscription_shows', 'transcripts',
  'transcript_sources', 'transcript_segments', 'search_state', 'followed_feeds', 'subscription_shapes', 'random_deck_places', 'random_deck_shown',
];

describePostgres('PostgreSQL store', () => {
  const db = useTestDatabase();
  let admin: pg.Pool;
  beforeAll(async () => {
    await (await PostgresStore.open(db.url)).close(); // migrates once
    admin = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await admin?.end();
  });

  // A fresh store per test on the same database, emptied first: far quicker than a database per test.
  describeStoreContract(
    'PostgreSQL',
    async () => {
      await admin.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`);
      return PostgresStore.open(db.url);
    },
    { leaseClock: 'database' },
  );
});
