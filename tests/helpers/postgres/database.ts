/**
 * PostgreSQL for one test file: the run's throwaway cluster (global-setup.ts)
 * gives each test file fresh databases copied from the extensions template,
 * dropped afterwards. Without PostgreSQL, `describePostgres` suites are skipped
 * with the reason in their name.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { ProvidedPostgres } from './global-setup.ts';

/** The run's PostgreSQL, or why there is none. */
export const testPostgres: ProvidedPostgres = inject('postgres') ?? {
  url: null,
  reason: 'the global set-up tests/helpers/postgres/global-setup.ts did not run (see vitest.config.ts)',
};

/** A `describe` that runs only when the run has PostgreSQL; otherwise skipped, its name saying why. */
export function describePostgres(name: string, fn: () => void): void {
  if (testPostgres.url !== null) describe(name, fn);
  else describe.skip(`${name} (skipped: ${testPostgres.reason})`, fn);
}

/** A database of its own for a test. */
export interface TestDatabase {
  name: string;
  /** Its connection URL (superuser, trust authentication). */
  url: string;
  /** Drops it, closing any connection still open to it. */
  drop(): Promise<void>;
}

function baseUrl(): string {
  if (testPostgres.url === null) throw new Error(`no PostgreSQL in this run: ${testPostgres.reason}`);
  return testPostgres.url;
}

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh database from the extensions template; `empty`: from
 * template0, without them; `locale`: from template0 with that locale.
 */
export async function createTestDatabase(options: { empty?: boolean; locale?: string } = {}): Promise<TestDatabase> {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.empty || options.locale || testPostgres.url === null ? 'template0' : testPostgres.template;
  const locale = options.locale ? ` LOCALE '${options.locale.replace(/'/g, "''")}'` : '';
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}${locale}`));
  return {
    name,
    url: withDatabase(baseUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A fresh database for this test file (or `describe` block): created before
 * its tests, dropped after them. Call at the top of a `describePostgres` body.
 */
export function useTestDatabase(): { readonly url: string; readonly name: string } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get url() {
      if (!db) throw new Error('the test database is created in beforeAll');
      return db.url;
    },
    get name() {
      if (!db) throw new Error('the test database is created in beforeAll');
      return db.name;
    },
  };
}
