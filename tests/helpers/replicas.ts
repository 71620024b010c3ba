import { createServer } from 'node:net';
import { startBot, type BotProcess } from './bot-process.ts';

/** One bot process of several on one database, with its own HTTP port. */
export interface Replica {
  name: string;
  bot: BotProcess;
  /** `http://127.0.0.1:<PORT>` */
  base: string;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Short lease timings (the defaults are 20 s and 5 s), a 1 s poll, no console, no announcement of the feed's back catalog. */
export const REPLICA_TIMINGS = { LEASE_TTL: '4s', LEASE_HEARTBEAT: '1s', FEED_POLL_INTERVAL: '1s', ANNOUNCE_ON_FIRST_POLL: '0', CONSOLE: 'off' };

/** Starts a bot process named `name` with `env` on a port of its own (standard input closed, as under a process manager). */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const bot = startBot({ ...REPLICA_TIMINGS, ...env, PORT: String(port) });
  bot.child.stdin.end();
  return { name, bot, base: `http://127.0.0.1:${port}` };
}

/** GET `path` on a replica: status and text, or null when it does not answer. */
export async function get(replica: Replica, path: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(`${replica.base}${path}`, { signal: AbortSignal.timeout(2_000) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/** Whether the replica says it leads (`episode_bot_leader 1` in its metrics). */
export async function leads(replica: Replica): Promise<boolean> {
  return /^episode_bot_leader 1$/m.test((await get(replica, '/metrics'))?.text ?? ''); // the sample line, not the HELP text
}

/** Waits until `check` holds (polling every 50 ms); resolves with the milliseconds it took. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, replicas: readonly Replica[] = []): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${replicas.map((r) => `--- ${r.name}\n${r.bot.stderr().slice(-4_000)}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/** Waits until every replica answers /readyz with 200. */
export async function allReady(replicas: readonly Replica[], timeoutMs = 30_000): Promise<void> {
  await until('every replica to be ready', async () => (await Promise.all(replicas.map((r) => get(r, '/readyz')))).every((r) => r?.status === 200), timeoutMs, replicas);
}

/** The replica that leads (waiting for one to), among those given. */
export async function leaderAmong(replicas: readonly Replica[], timeoutMs = 15_000): Promise<Replica> {
  let found: Replica | undefined;
  await until('a leader', async () => {
    const flags = await Promise.all(replicas.map(leads));
    found = replicas[flags.indexOf(true)];
    return found !== undefined;
  }, timeoutMs, replicas);
  return found!;
}
