import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyKind, RecordedFile } from './types.ts';

/** A parsed incoming REST call (before the double decides how to answer). */
export interface IncomingCall {
  method: string;
  path: string;
  rawUrl: string;
  apiVersion: string | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  bodyKind: BodyKind;
  files: RecordedFile[];
}

/** How the double answers a call. `body: undefined` means no body at all (e.g. 204). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

/** Discord's JSON error shape: `{ message, code }`. */
export const discordError = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });

export const notFound = (): Reply => discordError(404, 0, '404: Not Found');

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; bodyKind: BodyKind; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: null, bodyKind: 'none', files: [] };
  if (contentType.startsWith('application/json')) {
    return { body: JSON.parse(raw.toString('utf8')), bodyKind: 'json', files: [] };
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, bodyKind: 'multipart', files };
  }
  return { body: raw.toString('utf8'), bodyKind: 'text', files: [] };
}

/** Reads and parses a request: decoded path without the `/api/vN` prefix, query, headers and body. */
export async function readCall(req: IncomingMessage): Promise<IncomingCall> {
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://double.invalid');
  const decoded = decodePath(url.pathname);
  const versioned = /^\/api\/v(\d+)(\/.*)?$/.exec(decoded);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const parsed = await parseBody(await readRaw(req), headers['content-type'] ?? '');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: versioned ? (versioned[2] ?? '/') : decoded,
    rawUrl,
    apiVersion: versioned?.[1] ?? null,
    query: Object.fromEntries(url.searchParams),
    headers,
    ...parsed,
  };
}

/** Writes a reply; JSON content-type only when there is a body (204 must have neither). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers).end(payload);
}
