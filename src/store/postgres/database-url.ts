import pg from 'pg';

/** What a valid `DATABASE_URL` says, with the password kept out of every field but `connectionString`. */
export interface PostgresUrl {
  /** What to hand node-postgres: the URL as given, plus `uselibpqcompat=true` when it has an `sslmode`. */
  connectionString: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** The TLS mode: libpq's meaning (node-postgres with `uselibpqcompat`); `disable` when the URL says none. */
  sslmode: SslMode;
  /** `host:port/database`, for messages and logs (never the user's password). */
  where: string;
}

/** The `sslmode` values accepted, with libpq's meaning. */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full' | 'no-verify';

const MODES: Record<string, SslMode | { refused: string }> = {
  disable: 'disable',
  require: 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
  // node-postgres's own name for require.
  'no-verify': 'no-verify',
  allow: { refused: 'node-postgres cannot start without TLS and upgrade' },
  prefer: { refused: 'node-postgres cannot fall back to an unencrypted connection' },
};

/** A `DATABASE_URL` that cannot be used; the message names the setting and never holds its password. */
export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
}

const EXAMPLE = 'postgres://user:password@host:5432/database';

/**
 * Parses and checks `DATABASE_URL` (postgres:// or postgresql://): a host, a
 * port from 1 to 65535 (5432 when left out), a database name, well-formed
 * %-escapes, and an `sslmode` node-postgres can honour. `sslmode` keeps
 * libpq's meaning (`require`: encrypted, certificate not checked unless
 * `sslrootcert` is given; `verify-ca`; `verify-full`), which node-postgres 8
 * applies only with `uselibpqcompat=true` (without it, it treats `require`
 * as `verify-full` and prints a security warning): that is added.
 * `prefer` and `allow` are refused, since node-postgres cannot fall back
 * between encrypted and plain connections. Errors never contain the password.
 */
export function parseDatabaseUrl(raw: string, setting = 'DATABASE_URL'): PostgresUrl {
  const fail = (problem: string): never => {
    throw new DatabaseUrlError(`${setting}: ${problem}`);
  };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(`not a valid URL; expected ${EXAMPLE}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') fail(`must start with postgres:// or postgresql:// (not ${url.protocol}//); expected ${EXAMPLE}`);
  const host = url.hostname.replace(/^\[(.+)\]$/, '$1');
  if (host === '') fail(`names no host; expected ${EXAMPLE}`);
  const port = url.port === '' ? 5432 : Number(url.port);
  if (!(port >= 1 && port <= 65535)) fail('the port must be a whole number from 1 to 65535');
  let user = '';
  let database = '';
  try {
    decodeURIComponent(url.password);
    user = decodeURIComponent(url.username);
    database = decodeURIComponent(url.pathname.slice(1));
  } catch {
    fail('has a malformed %-escape in the user, password or database name (write % as %25)');
  }
  if (database === '' || database.includes('/')) fail(`names no database (or more than one path segment); expected ${EXAMPLE}`);
  const given = url.searchParams.get('sslmode');
  let sslmode: SslMode = 'disable';
  if (given !== null) {
    const mode = MODES[given];
    if (mode === undefined) fail(`sslmode=${given} is not one of ${Object.keys(MODES).filter((m) => typeof MODES[m] === 'string').join(', ')}`);
    if (typeof mode === 'object') fail(`sslmode=${given} is not supported: ${mode.refused}; use sslmode=require (encrypted) or sslmode=disable`);
    sslmode = mode as SslMode;
    if (sslmode !== 'no-verify' && !url.searchParams.has('uselibpqcompat')) url.searchParams.set('uselibpqcompat', 'true');
  }
  const parsed: PostgresUrl = { connectionString: url.toString(), host, port, database, user, sslmode, where: `${host}:${port}/${database}` };
  // Let node-postgres read the URL now (certificate files, sslmode rules), so that its complaints come at start, named.
  try {
    new pg.Client({ connectionString: parsed.connectionString });
  } catch (err) {
    fail(hidePassword((err as Error).message, parsed.connectionString));
  }
  return parsed;
}

/** `text` with the password of `connectionString` (as written and %-decoded) replaced by `***`. */
export function hidePassword(text: string, connectionString: string): string {
  let password = '';
  try {
    password = new URL(connectionString).password;
  } catch {
    return text;
  }
  let out = text;
  for (const form of new Set([password, safeDecode(password)])) if (form) out = out.split(form).join('***');
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
