import { request } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes, type Readiness } from '../../../src/server/health.ts';
import { createHttpServer, type HttpServer } from '../../../src/server/http-server.ts';
import { sendJson } from '../../../src/server/route.ts';

/** Sends a raw request (chunked when `chunks` is given, so no Content-Length announces the size). */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, chunks: Buffer[] = []): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the process HTTP server', () => {
  let server: HttpServer;
  let port: number;
  let readiness: Readiness = { ready: false, reasons: ['starting'] };
  const received: Buffer[] = [];

  beforeAll(async () => {
    server = createHttpServer({
      log: pino({ level: 'silent' }),
      bodyLimit: 1_000,
      routes: [
        { method: 'POST', path: '/echo', accepts: ['application/json'], handle: (_req, res, body) => (received.push(body), sendJson(res, 200, { bytes: body.length })) },
        { method: 'POST', path: '/boom', handle: () => Promise.reject(new Error('route failure')) },
        ...healthRoutes(async () => readiness),
      ],
    });
    await server.listen(0, '127.0.0.1');
    port = server.port!;
  });
  afterAll(() => server.close());

  it('routes by exact path: 404 for an unknown one, 405 with Allow for a wrong method, HEAD like GET', async () => {
    expect((await send(port, 'GET', '/nothing-here')).status).toBe(404);
    const wrong = await send(port, 'GET', '/echo');
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('POST');
    expect((await send(port, 'HEAD', '/healthz')).status).toBe(200);
    expect((await send(port, 'GET', '/healthz?verbose=1')).status).toBe(200);
  });

  it('hands a POST its body, and refuses a body over the limit with 413, announced or chunked', async () => {
    const ok = await send(port, 'POST', '/echo', { 'content-type': 'application/json; charset=utf-8' }, [Buffer.from('{"a":1}')]);
    expect(ok).toMatchObject({ status: 200, body: '{"bytes":7}' });

    const announced = await send(port, 'POST', '/echo', { 'content-type': 'application/json', 'content-length': '5000' }, [Buffer.alloc(5000, 'x')]);
    expect(announced.status).toBe(413);
    const before = received.length;
    const chunked = await send(port, 'POST', '/echo', { 'content-type': 'application/json' }, Array.from({ length: 5 }, () => Buffer.alloc(400, 'y')));
    expect(chunked.status).toBe(413);
    expect(received.length).toBe(before);
  });

  it('refuses another content type with 415, before reading the body', async () => {
    const res = await send(port, 'POST', '/echo', { 'content-type': 'text/plain' }, [Buffer.from('hello')]);
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toEqual({ error: 'the content type must be application/json' });
    expect((await send(port, 'POST', '/echo', {}, [Buffer.from('{}')])).status).toBe(415);
  });

  it('answers 500 when a route fails, says nothing of why, and keeps serving', async () => {
    const res = await send(port, 'POST', '/boom', {}, [Buffer.from('x')]);
    expect(res).toMatchObject({ status: 500, body: '{"error":"internal error"}' });
    expect((await send(port, 'GET', '/healthz')).status).toBe(200);
  });

  it('/healthz is 200 while alive; /readyz follows the readiness check, with its reasons', async () => {
    expect(JSON.parse((await send(port, 'GET', '/healthz')).body)).toEqual({ status: 'ok' });
    readiness = { ready: false, reasons: ['starting'] };
    const starting = await send(port, 'GET', '/readyz');
    expect(starting.status).toBe(503);
    expect(JSON.parse(starting.body)).toEqual({ status: 'not ready', reasons: ['starting'] });
    expect(starting.headers['cache-control']).toBe('no-store');
    readiness = { ready: true, reasons: [] };
    expect(await send(port, 'GET', '/readyz')).toMatchObject({ status: 200, body: '{"status":"ready"}' });
  });
});

describe('readiness checks that fail or hang', () => {
  it('count as not ready: 503 with a fixed reason (no error text), within the 2 s timeout', async () => {
    const server = createHttpServer({
      log: pino({ level: 'silent' }),
      routes: [
        ...healthRoutes(() => Promise.reject(new Error('postgres://user:secret@db/x refused'))).map((r) => ({ ...r, path: `/failing${r.path}` })),
        ...healthRoutes(() => new Promise(() => undefined)).map((r) => ({ ...r, path: `/hanging${r.path}` })),
      ],
    });
    await server.listen(0, '127.0.0.1');
    try {
      const failing = await send(server.port!, 'GET', '/failing/readyz');
      expect(failing.status).toBe(503);
      expect(failing.body).toBe('{"status":"not ready","reasons":["readiness check failed"]}');
      const started = performance.now();
      const hanging = await send(server.port!, 'GET', '/hanging/readyz');
      expect(hanging.body).toContain('readiness check timed out');
      expect(performance.now() - started).toBeLessThan(3_500);
    } finally {
      await server.close();
    }
  });
});
