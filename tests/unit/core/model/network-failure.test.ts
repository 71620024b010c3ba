import { describe, expect, it } from 'vitest';
import { describeNetworkError, describeNetworkFailure, innermostMessage } from '../../../../src/core/model/network-failure.ts';

/** How undici's fetch rejects: `TypeError: fetch failed`, the reason in `cause` (sometimes twice). */
function undiciError(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
  const reason = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause: new Error('socket', { cause: reason }) });
}

/** How @slack/web-api rejects a request that never got an answer: the reason in `original`. */
function webApiError(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
  const reason = Object.assign(new Error(message), { code });
  return Object.assign(new Error(`A request error occurred: ${message}`), { code: 'slack_webapi_request_error', original: reason });
}

const CODES = [
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
];

describe('one network-error describer for feeds and start checks', () => {
  it('names the known failures in the words the README and the start checks use', () => {
    expect(describeNetworkError(undiciError('ECONNREFUSED'))).toBe('connection refused (ECONNREFUSED)');
    expect(describeNetworkError(webApiError('ENOTFOUND'))).toBe('host name not found in DNS (ENOTFOUND)');
  });

  it.each(CODES)('describes %s the same however it is wrapped (cause or original), with its code', (code) => {
    const described = describeNetworkFailure(undiciError(code));
    expect(described).toMatch(new RegExp(`^[a-zA-Z].* \\(${code}\\)$`));
    expect(describeNetworkFailure(webApiError(code))).toBe(described);
    expect(describeNetworkError(undiciError(code))).toBe(described);
    expect(describeNetworkError(webApiError(code))).toBe(described);
  });

  it('says a timeout is a timeout', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeNetworkFailure(new TypeError('fetch failed', { cause: timeout }))).toBe('no answer in time (timeout)');
  });

  it('is null for an error that is not a known network failure, and describeNetworkError falls back to the innermost message and its code', () => {
    const odd = undiciError('ERR_SOMETHING_NEW', 'bad port');
    expect(describeNetworkFailure(odd)).toBeNull();
    expect(innermostMessage(odd)).toBe('bad port');
    expect(describeNetworkError(odd)).toBe('bad port (ERR_SOMETHING_NEW)');
    expect(describeNetworkError(undiciError('ERR_X', 'failed with ERR_X'))).toBe('failed with ERR_X');
    expect(describeNetworkError(webApiError('ERR_Y', 'bad port'))).toBe('bad port (ERR_Y)');
    expect(describeNetworkError('a string')).toBe('a string');
  });

  it('stops following causes after a few levels (a cycle does not hang)', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    a.cause = a;
    expect(innermostMessage(a)).toBe('a');
    expect(describeNetworkFailure(a)).toBeNull();
  });
});
