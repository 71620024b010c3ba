import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApplicationFlags, GatewayReadyDispatchData } from 'discord.js';
import { buildGuildCreate } from './entities.ts';
import type { DoubleState } from './state.ts';

interface GatewaySession {
  id: string;
  seq: number;
  connection: GatewayConnection | null;
  // Dispatches sent while disconnected, replayed on RESUME.
  backlog: Array<{ s: number; t: string; d: unknown }>;
}

interface GatewayConnection {
  id: number;
  ws: WebSocket;
  session: GatewaySession | null;
  // IDENTIFY `compress: true`: every payload is sent as a zlib-deflated binary frame.
  compress: boolean;
}

const TRACE = ['["gateway-double",{"micros":0}]'];

/** The gateway half of the double: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME, dispatches. */
export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, GatewaySession>();

  constructor(private readonly state: DoubleState) {}

  /** Attach to the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Sends a dispatch (op 0) to every session; returns how many sessions got it (or will on RESUME). */
  dispatch(t: string, d: unknown): number {
    for (const session of this.sessions.values()) {
      const payload = { op: 0, t, s: ++session.seq, d };
      if (session.connection) this.send(session.connection, payload);
      else session.backlog.push(payload);
    }
    return this.sessions.size;
  }

  /** Asks every client to reconnect and RESUME (op 7), like Discord does during gateway restarts. */
  requestReconnect(): void {
    for (const connection of this.connections) this.send(connection, { op: 7, d: null, s: null, t: null });
  }

  /** Number of identified (or resumed) sessions currently connected. */
  get connectedSessions(): number {
    return [...this.sessions.values()].filter((session) => session.connection !== null).length;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'ws://double.invalid').searchParams);
    const connection: GatewayConnection = { id: this.state.gatewayConnections.length + 1, ws, session: null, compress: false };
    this.state.gatewayConnections.push({ id: connection.id, query });
    this.connections.add(connection);
    ws.on('close', (code) => this.onClose(connection, code));
    ws.on('error', () => undefined);
    if (query['v'] !== '10' || (query['encoding'] ?? 'json') !== 'json' || query['compress']) {
      ws.close(4012, 'Double supports only v=10&encoding=json without compress');
      return;
    }
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    this.send(connection, { op: 10, d: { heartbeat_interval: this.state.heartbeatIntervalMs, _trace: TRACE }, s: null, t: null });
  }

  private onClose(connection: GatewayConnection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // Discord invalidates the session when the client closes with 1000/1001; other codes keep it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
  }

  private onMessage(connection: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(isBinary ? '' : data.toString()) as { op?: unknown; d?: unknown };
    } catch {
      connection.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = typeof payload.op === 'number' ? payload.op : -1;
    this.state.recordGatewayPayload({ connection: connection.id, op, d: payload.d });
    switch (op) {
      case 1:
        this.send(connection, { op: 11, d: null, s: null, t: null });
        return;
      case 2:
        this.identify(connection, payload.d as { token?: string; compress?: boolean });
        return;
      case 6:
        this.resume(connection, payload.d as { token?: string; session_id?: string; seq?: number });
        return;
      case 3:
      case 4:
      case 8:
        if (!connection.session) connection.ws.close(4003, 'Not authenticated.');
        return;
      default:
        connection.ws.close(4001, 'Unknown opcode.');
    }
  }

  private identify(connection: GatewayConnection, d: { token?: string; compress?: boolean }): void {
    if (connection.session) return void connection.ws.close(4005, 'Already authenticated.');
    if (d?.token !== this.state.token) return void connection.ws.close(4004, 'Authentication failed.');
    connection.compress = d.compress === true;
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), seq: 0, connection, backlog: [] };
    this.sessions.set(session.id, session);
    connection.session = session;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.state.botUser,
      guilds: this.state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.state.gatewayUrl,
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.sendDispatch(session, 'READY', { ...ready, user_settings: {}, relationships: [], private_channels: [], presences: [], session_type: 'normal', _trace: TRACE });
    for (const guild of this.state.guilds) {
      this.sendDispatch(session, 'GUILD_CREATE', buildGuildCreate(guild, this.state.botUser, this.state.applicationId));
    }
  }

  private resume(connection: GatewayConnection, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = this.sessions.get(d?.session_id ?? '');
    if (!session || d.token !== this.state.token) {
      this.send(connection, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.connection && session.connection !== connection) session.connection.ws.terminate();
    session.connection = connection;
    connection.session = session;
    for (const missed of session.backlog.splice(0)) if (missed.s > (d.seq ?? 0)) this.send(connection, { op: 0, ...missed });
    this.sendDispatch(session, 'RESUMED', { _trace: TRACE });
  }

  private sendDispatch(session: GatewaySession, t: string, d: unknown): void {
    if (session.connection) this.send(session.connection, { op: 0, t, s: ++session.seq, d });
  }

  private send(connection: GatewayConnection, payload: object): void {
    if (connection.ws.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify(payload);
    connection.ws.send(connection.compress ? deflateSync(text) : text);
  }
}
