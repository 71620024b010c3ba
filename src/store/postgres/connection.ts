import type pg from 'pg';

/** Parameters of one query. */
export type Values = readonly unknown[];

/**
 * How a PostgreSQL repository reaches the database: the store's pool outside
 * a transaction, the transaction's client inside one. `atomic` runs several
 * statements as one whole: a transaction of its own on one pooled client, or,
 * inside a transaction, simply as part of it.
 */
export interface PgConnection {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: Values): Promise<pg.QueryResult<R>>;
  atomic<T>(work: (c: AtomicConnection) => Promise<T>): Promise<T>;
  /** Hands `work` what runs the statements (the pool, or the transaction's client), for query helpers that take one (transcript-queries.ts). */
  run<T>(work: (db: pg.Pool | pg.ClientBase) => Promise<T>): Promise<T>;
}

/** The connection inside {@link PgConnection.atomic}: every statement on `client`, in one transaction. */
export interface AtomicConnection extends PgConnection {
  readonly client: pg.ClientBase;
}

/** The rows of a query. */
export async function rows<R extends pg.QueryResultRow>(c: PgConnection, text: string, values?: Values): Promise<R[]> {
  return (await c.query<R>(text, values)).rows;
}

/** The first row of a query, if any. */
export async function firstRow<R extends pg.QueryResultRow>(c: PgConnection, text: string, values?: Values): Promise<R | undefined> {
  return (await c.query<R>(text, values)).rows[0];
}

/** How many rows a statement changed. */
export async function changed(c: PgConnection, text: string, values?: Values): Promise<number> {
  return (await c.query(text, values)).rowCount ?? 0;
}
