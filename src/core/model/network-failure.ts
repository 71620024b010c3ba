/**
 * What common connection error codes mean, for an operator. One table for
 * every caller: the feed and transcript fetches and the Slack and Discord
 * start checks name a network problem in the same words.
 */
const MEANINGS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found in DNS',
  EAI_AGAIN: 'host name lookup failed for now (DNS)',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
};

/** How deep the causes of an error are followed. */
const MAX_DEPTH = 6;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  original?: unknown;
}

/**
 * `err` and its causes, outermost first: `cause` (undici wraps the real
 * reason as `TypeError: fetch failed` → `cause.code === 'ECONNREFUSED'`,
 * sometimes twice), else `original` (as @slack/web-api wraps it).
 */
function causeChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = err;
  while (chain.length < MAX_DEPTH && typeof current === 'object' && current !== null) {
    const e = current as ErrorLike;
    chain.push(e);
    current = e.cause ?? e.original;
  }
  return chain;
}

/**
 * Describes a network failure found in `err` or its causes, e.g. "connection
 * refused (ECONNREFUSED)"; null when the error is not a known network failure.
 */
export function describeNetworkFailure(err: unknown): string | null {
  for (const e of causeChain(err)) {
    if (typeof e.code === 'string' && e.code in MEANINGS) return `${MEANINGS[e.code]} (${e.code})`;
    if (e.name === 'TimeoutError') return 'no answer in time (timeout)';
  }
  return null;
}

/** The message of the innermost cause of `err` that has one: "bad port" under "fetch failed". */
export function innermostMessage(err: unknown): string {
  const message = innermostWith(err, (e) => typeof e.message === 'string' && e.message !== '')?.message;
  return typeof message === 'string' ? message : String(err);
}

/**
 * Why a request failed, always in words: the known network failure
 * ({@link describeNetworkFailure}), else the innermost cause's message with
 * its error code when the message does not already name it.
 */
export function describeNetworkError(err: unknown): string {
  const known = describeNetworkFailure(err);
  if (known !== null) return known;
  const message = innermostMessage(err);
  const code = innermostWith(err, (e) => typeof e.code === 'string')?.code;
  return typeof code !== 'string' || message.includes(code) ? message : `${message} (${code})`;
}

function innermostWith(err: unknown, has: (e: ErrorLike) => boolean): ErrorLike | undefined {
  return causeChain(err).reverse().find(has);
}
