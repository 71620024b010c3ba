// The Socket Mode half of the double: `apps.connections.open` hands out `ws://127.0.0.1:PORT/link/?ticket=N`, the
// WebSocket greets with `hello`, envelopes are pushed with `send()`, and the client's ack (`{ envelope_id, payload }`)
// resolves it. Protocol: https://docs.slack.dev/apis/events-api/using-socket-mode
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { SocketModeDouble } from './types.ts';

const DEFAULT_TIMEOUT_MS = 2_000;

/** Serves Socket Mode connections on the double's HTTP server. */
export class SocketModeServer implements SocketModeDouble {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: Record<string, unknown>) => void>();
  private readonly connectionWaiters = new Set<() => void>();
  private tickets = 0;
  private envelopes = 0;
  /** Ticket numbers the clients connected with, in order. */
  readonly connectedTickets: number[] = [];

  constructor(private readonly origin: string) {}

  /** A fresh WebSocket URL, as `apps.connections.open` returns it. */
  nextUrl(): string {
    return `${this.origin.replace(/^http/, 'ws')}/link/?ticket=${++this.tickets}`;
  }

  /** Takes over an HTTP upgrade to `/link/`; refuses any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://double.invalid');
    if (!url.pathname.startsWith('/link')) {
      socket.destroy();
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, Number(url.searchParams.get('ticket'))));
  }

  get connections(): number {
    return [...this.sockets].filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  waitForConnection(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (this.connections > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connectionWaiters.delete(done);
        reject(new Error(`Slack double: no Socket Mode connection within ${timeoutMs}ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.connectionWaiters.add(done);
    });
  }

  send(type: string, payload: Record<string, unknown>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Record<string, unknown>> {
    const ws = [...this.sockets].find((s) => s.readyState === WebSocket.OPEN);
    if (!ws) return Promise.reject(new Error('Slack double: no open Socket Mode connection to send to'));
    const envelopeId = `env-${++this.envelopes}`;
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(envelopeId);
        reject(new Error(`Slack double: envelope ${envelopeId} (${type}) was not acked within ${timeoutMs}ms`));
      }, timeoutMs);
      this.acks.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        resolve(ackPayload);
      });
    });
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
    return acked;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, ticket: number): void {
    this.sockets.add(ws);
    this.connectedTickets.push(ticket);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.connections, connection_info: { app_id: 'A_TEST' } }));
    for (const done of this.connectionWaiters) done();
    this.connectionWaiters.clear();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    try {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? {});
      if (message.envelope_id) this.acks.delete(message.envelope_id);
    } catch {
      // Not JSON: Slack ignores it too.
    }
  }
}
