import type { IncomingMessage } from 'node:http';

// Fields that are free text: never JSON-decode them even if they look like JSON.
const TEXT_FIELDS = new Set(['text', 'markdown_text', 'title', 'initial_comment']);

/** Reads the whole request body as UTF-8. */
export async function readRawBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a Web API request body the way Slack does.
 *
 * @slack/web-api sends `application/x-www-form-urlencoded` with nested values (blocks, view, metadata...)
 * JSON-encoded as strings; other clients send `application/json`. Both end up as one flat object, and the
 * query string (GET-style calls) is merged underneath.
 */
export function parseApiBody(
  rawBody: string,
  contentType: string | undefined,
  query: URLSearchParams,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of query) body[key] = decodeFormValue(key, value);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (rawBody.length === 0) return body;
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      Object.assign(body, parsed);
    }
    return body;
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [key, value] of new URLSearchParams(rawBody)) body[key] = decodeFormValue(key, value);
    return body;
  }
  // multipart/form-data (file uploads) is not decoded; tests can inspect rawBody.
  return body;
}

function decodeFormValue(key: string, value: string): unknown {
  if (TEXT_FIELDS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Extracts the token from `Authorization: Bearer ...` or a `token` body field. */
export function tokenOf(authorization: string | undefined, body: Record<string, unknown>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (match?.[1] !== undefined) return match[1].trim();
  return typeof body['token'] === 'string' ? body['token'] : undefined;
}
