import { createHmac } from 'node:crypto';

/** Headers Slack attaches to every request it sends to an app. */
export interface SlackRequestHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
  'Content-Type': string;
  [name: string]: string;
}

/** Current time as Slack's request timestamp (whole seconds since the epoch). */
export function slackTimestamp(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}

/**
 * Content type Slack uses for a body. Bolt's HTTPReceiver compares the header to
 * `application/x-www-form-urlencoded` EXACTLY (no `; charset=...`), otherwise it JSON-parses the body.
 */
export function contentTypeFor(rawBody: string): string {
  return rawBody.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
}

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function slackSignature(signingSecret: string, rawBody: string, timestamp: number): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Builds the headers Slack would send with `rawBody`, signed with Slack's v0 scheme.
 * Pass an old `timestamp` (e.g. `slackTimestamp(-6 * 60)`) to build a stale request.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp: number = slackTimestamp(),
): SlackRequestHeaders {
  return {
    'X-Slack-Signature': slackSignature(signingSecret, rawBody, timestamp),
    'X-Slack-Request-Timestamp': String(timestamp),
    'Content-Type': contentTypeFor(rawBody),
  };
}
