import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LogLevel } from '@slack/bolt';
import type { Logger } from '@slack/bolt';
import { contentTypeFor } from './signing.ts';

/** What Bolt's receiver answered. */
export interface BoltResponse {
  status: number;
  /** Response body as text (`''` for Bolt's no-body responses such as 401). */
  body: string;
  /** The body parsed as JSON when Bolt sent `application/json`, else `undefined`. */
  json: unknown;
  headers: Headers;
}

/**
 * POSTs `rawBody` to Bolt's receiver as Slack would. `headers` usually comes from `signSlackRequest`; pass `{}` for an
 * unsigned request. A `Content-Type` matching the body is added when `headers` has none.
 */
export async function postToBolt(
  url: string,
  rawBody: string,
  headers: Record<string, string> = {},
): Promise<BoltResponse> {
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const response = await fetch(url, {
    method: 'POST',
    headers: hasContentType ? headers : { ...headers, 'Content-Type': contentTypeFor(rawBody) },
    body: rawBody,
  });
  const body = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
  const json = isJson ? (JSON.parse(body) as unknown) : undefined;
  return { status: response.status, body, json, headers: response.headers };
}

/** Anything started like Bolt's `App` with the default HTTPReceiver. */
export interface StartableOverHttp {
  start(listenOptions: { port: number; host: string }): Promise<Server>;
}

/** Where a started Bolt app listens. */
export interface BoltListening {
  /** e.g. `http://127.0.0.1:PORT/slack/events` */
  eventsUrl: string;
  origin: string;
  server: Server;
}

/**
 * Starts a Bolt `App` (default HTTPReceiver) on 127.0.0.1 with an ephemeral port and returns its URL.
 * `App#start` forwards its argument to `HTTPReceiver#start`, which hands an object straight to `server.listen()`.
 */
export async function startBoltOnLoopback(app: StartableOverHttp, path = '/slack/events'): Promise<BoltListening> {
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { eventsUrl: `${origin}${path}`, origin, server };
}

/** One line Bolt logged through a {@link CapturingLogger}. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** A Bolt/WebClient logger that keeps lines in memory instead of printing them. */
export interface CapturingLogger extends Logger {
  readonly lines: LogLine[];
}

/** Creates a silent logger for `new App({ logger })`; inspect `.lines` to assert on warnings. */
export function createCapturingLogger(): CapturingLogger {
  let level: LogLevel = LogLevel.DEBUG;
  const lines: LogLine[] = [];
  const push = (lineLevel: LogLine['level']) => (...msg: unknown[]) => {
    lines.push({ level: lineLevel, message: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ') });
  };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
