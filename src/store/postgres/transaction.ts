import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: committed when it
 * resolves, rolled back when it throws. While checked out, the connection has
 * an `error` listener of its own (node-postgres's pool listens only to idle
 * ones, and an `error` event nobody listens to ends the process); a
 * connection that failed is destroyed rather than given back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (!broken) await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
