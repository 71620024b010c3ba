import { StoreError } from '../store-error.ts';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

/** Whether an error says the server is out of reach (not a fault of the statement): refused, lost, timed out, shutting down. */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  // 08xxx: connection exceptions; 57P01-57P03: the server was shut down or is starting.
  if (e.code?.startsWith('08') || e.code === '57P01' || e.code === '57P02' || e.code === '57P03') return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(e.message ?? '');
}

/**
 * The error to pass on from a failed call: a {@link StoreError} naming the
 * server (`where`: host:port/database, never the password) when it is out of
 * reach, so callers tell "the database is away" from a statement's fault; the
 * error itself otherwise.
 */
export function storeFailure(err: unknown, where: string): unknown {
  if (err instanceof StoreError || !isConnectionFailure(err)) return err;
  return new StoreError(`PostgreSQL at ${where} cannot be reached just now (${(err as Error).message}); it is tried again on the next call`);
}
