import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { APIInteraction } from 'discord.js';
import { handleInteractionCallback } from './interaction-routes.ts';
import type { DoubleState } from './state.ts';
import type { InteractionCallbackBody } from './types.ts';

/** How {@link DiscordDouble.postInteraction} signs and sends a request. */
export interface SignedPostOptions {
  /** `valid` (default), `wrong-key` (signed with another key pair), `none` (no signature headers), `tampered` (body changed after signing). */
  signature?: 'valid' | 'wrong-key' | 'none' | 'tampered';
  /** Seconds since the epoch put in `X-Signature-Timestamp` (default: now). */
  timestamp?: number;
  /** Default `application/json`, as Discord sends. */
  contentType?: string;
  /** A body to send instead of the payload's JSON (signed as given). */
  rawBody?: string | Buffer;
  /** HTTP method (default POST). */
  method?: string;
}

/** The endpoint's HTTP response to Discord's request. */
export interface InteractionHttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null when the body is not JSON. */
  body: unknown;
  text: string;
  /** Milliseconds from sending the request to the whole response. */
  ms: number;
}

/** An Ed25519 key pair standing for a Discord application's: the public half goes to the bot as DISCORD_PUBLIC_KEY. */
export class ApplicationKeys {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;
  private readonly otherKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.otherKey = generateKeyPairSync('ed25519').privateKey;
    this.publicKeyHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  }

  /** Discord's signature: Ed25519 over the timestamp followed by the raw body, hex-encoded. */
  sign(timestamp: string, body: Buffer, wrongKey = false): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp), body]), wrongKey ? this.otherKey : this.privateKey).toString('hex');
  }
}

/**
 * Acts as Discord toward an Interactions Endpoint URL: signs `payload` (or
 * `rawBody`) and POSTs it, then, when the endpoint answered 200 with an
 * interaction response, records that response as the interaction's callback,
 * so the webhook routes (edits of `@original`, follow-ups) accept calls as
 * Discord does after an HTTP response.
 */
export async function postInteraction(
  state: DoubleState,
  keys: ApplicationKeys,
  url: string,
  payload: APIInteraction | null,
  options: SignedPostOptions = {},
): Promise<InteractionHttpResponse> {
  const body = Buffer.from(options.rawBody ?? JSON.stringify(payload));
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = options.signature ?? 'valid';
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
  if (signature !== 'none') {
    headers['x-signature-ed25519'] = keys.sign(timestamp, body, signature === 'wrong-key');
    headers['x-signature-timestamp'] = timestamp;
  }
  const sent = signature === 'tampered' ? Buffer.concat([body, Buffer.from(' ')]) : body;
  const started = performance.now();
  const res = await fetch(url, { method: options.method ?? 'POST', headers, body: new Uint8Array(sent) });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (payload && res.status === 200 && parsed && typeof (parsed as { type?: unknown }).type === 'number') acknowledge(state, payload, parsed as InteractionCallbackBody);
  return { status: res.status, headers: res.headers, body: parsed, text, ms };
}

// The endpoint's response, applied as Discord applies an interaction callback (and recorded like one).
function acknowledge(state: DoubleState, payload: APIInteraction, body: InteractionCallbackBody): void {
  const path = `/interactions/${payload.id}/${payload.token}/callback`;
  const call = { method: 'POST', path, rawUrl: path, apiVersion: '10', query: {}, headers: {}, body, bodyKind: 'json' as const, files: [] };
  const reply = handleInteractionCallback(state, call, payload.id, payload.token);
  const request = { method: 'HTTP-RESPONSE', path, rawUrl: path, query: {}, headers: {}, body, bodyKind: 'json' as const, files: [], status: reply.status, matched: true, at: Date.now() };
  state.recordCallback({ interactionId: payload.id, token: payload.token, body, bodyKind: 'json', files: [], withResponse: false, request });
}
