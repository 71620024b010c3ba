/** What common connection error codes mean, for an operator. */
const MEANINGS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS, temporary)',
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

/**
 * Describes a network failure found in `err` or its causes (`cause`, and
 * `original` as @slack/web-api wraps it), e.g. "connection refused
 * (ECONNREFUSED)"; null when the error is not a network failure.
 */
export function describeNetworkFailure(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown; original?: unknown };
    if (typeof e.code === 'string' && e.code in MEANINGS) return `${MEANINGS[e.code]} (${e.code})`;
    if (e.name === 'TimeoutError') return 'no answer in time (timeout)';
    current = e.cause ?? e.original;
  }
  return null;
}

/** The message of the innermost cause of `err` (`cause`, or `original` as @slack/web-api wraps it): "bad port" under "fetch failed". */
export function innermostMessage(err: unknown): string {
  let current: unknown = err;
  let message = String(err);
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { message?: unknown; cause?: unknown; original?: unknown };
    if (typeof e.message === 'string' && e.message) message = e.message;
    current = e.cause ?? e.original;
  }
  return message;
}
