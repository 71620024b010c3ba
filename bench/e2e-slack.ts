/**
 * Slack end to end, the bot beside the framework's floor: a bare Bolt app
 * (bench/e2e-slack-bare.ts) answering a fixed message with `ack()` then
 * `respond()`, and the bot (bench/e2e-bot.ts), each in its own process, under
 * the same load: signed `/episode <query>` slash commands until the answer
 * reaches "Slack" (this process), in the acknowledgement's body or as a POST
 * to the response URL, whichever carries it. Latency at concurrency 1 and 50
 * and each server's CPU time per command in each phase.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import type { SlackApiDouble } from '../tests/doubles/slack/types.ts';
import { ROOT } from './processes.ts';
import { summarize, type Summary } from './stats.ts';

/** Sends the n-th request with this query; resolves with its latency in ms. */
export type Send = (query: string, n: number) => Promise<number>;
/** A server's counters: commands answered, time in the dispatcher, CPU time (ms). */
export type Usage = () => Promise<{ commands: number; dispatcherMs: number; cpuMs: number }>;
/** Times `requests` sends with `concurrency` in flight after a warm-up (bench/e2e.ts). */
export type Load = (send: Send, queries: readonly string[], requests: number, concurrency: number, start: number) => Promise<number[]>;

/** One Slack server under load. */
export interface SlackServerFigures {
  c1: Summary;
  c50: Summary;
  /** The server process's CPU time per command, one at a time and with 50 in flight (ms). */
  cpuMsC1: number;
  cpuMsC50: number;
  /** Share of answers that came in the acknowledgement (the rest through the response URL). */
  inAck: number;
}

/** The comparison, or why it was skipped. */
export type SlackVsBare = { bare: SlackServerFigures; bot: SlackServerFigures } | { skipped: string };

/** A slash command POSTed; the status and the response body. */
function postForm(url: URL, body: string, headers: Record<string, string>, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What the sender needs of the Slack doubles (tests/doubles/slack). */
export interface SlackDoubles {
  double: SlackApiDouble;
  slashCommandBody: typeof import('../tests/doubles/slack/payloads.ts').slashCommandBody;
  signSlackRequest: typeof import('../tests/doubles/slack/signing.ts').signSlackRequest;
}

/**
 * Sends `/episode <query>` signed to `url`; the latency runs until the answer
 * arrives: in the acknowledgement's body when it has one, else when the
 * double received it at the response URL (its `receivedAt`, even when that
 * was before the acknowledgement was read). `counts.inAck` / `counts.total` tell which.
 */
export function slackSender(url: string, doubles: SlackDoubles, secret: string, agent: Agent, counts = { inAck: 0, total: 0 }): Send {
  const target = new URL(url);
  let sent = 0;
  return async (query, n) => {
    const id = `bench-${n}-${++sent}`;
    const body = doubles.slashCommandBody({ command: '/episode', text: query, responseUrl: doubles.double.responseUrl(id) });
    const headers = doubles.signSlackRequest(secret, body);
    const started = performance.now();
    const res = await postForm(target, body, headers, agent);
    if (res.status !== 200) throw new Error(`Slack receiver answered ${res.status}`);
    counts.total++;
    if (res.body.includes('"blocks"')) {
      counts.inAck++;
      return performance.now() - started;
    }
    const posted = await doubles.double.waitForCall('response_url', (c) => c.responseId === id, 30_000);
    return posted.receivedAt - started;
  };
}

/** A server process speaking the bench protocol (bench/e2e-bot.ts): its Slack URL, its usage, a stop. */
export async function startServer(args: string[]): Promise<{ slackUrl: string; usage: Usage; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
    });
  const { slackUrl } = JSON.parse(await nextLine()) as { slackUrl: string };
  const usage: Usage = async () => {
    const line = nextLine();
    child.stdin.write('\n');
    return JSON.parse(await line) as Awaited<ReturnType<Usage>>;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill(), 5_000).unref();
    });
  return { slackUrl, usage, stop };
}

/**
 * 300 untimed commands (so both servers are equally warm), then 200 one at a
 * time and 1,000 with 50 in flight. Each phase has keep-alive connections of
 * its own, so none sits idle past the server's keep-alive timeout.
 */
async function measure(url: string, usage: Usage, doubles: SlackDoubles, secret: string, queries: readonly string[], load: Load): Promise<SlackServerFigures> {
  const counts = { inAck: 0, total: 0 };
  const phase = async (requests: number, concurrency: number, start: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency, scheduling: 'fifo' });
    try {
      return await load(slackSender(url, doubles, secret, agent, counts), queries, requests, concurrency, start);
    } finally {
      agent.destroy();
      doubles.double.clearCalls();
    }
  };
  await phase(300, 10, 500_000);
  const u0 = await usage();
  const c1 = summarize(await phase(200, 1, 600_000));
  const u1 = await usage();
  const c50 = summarize(await phase(1_000, 50, 700_000));
  const u2 = await usage();
  const per = (a: typeof u0, b: typeof u0) => (b.cpuMs - a.cpuMs) / (b.commands - a.commands);
  return { c1, c50, cpuMsC1: per(u0, u1), cpuMsC50: per(u1, u2), inAck: counts.inAck / counts.total };
}

/**
 * Runs the comparison: the bare Bolt app in a process started here, then the
 * bot already running at `bot.slackUrl`. Both answer the same queries.
 */
export async function runSlackVsBare(options: {
  doubles: SlackDoubles;
  secret: string;
  queries: readonly string[];
  bot: { slackUrl: string; usage: Usage };
  load: Load;
  say: (line: string) => void;
}): Promise<SlackVsBare> {
  const { doubles, secret, queries, load, say } = options;
  let bare: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    say('end to end: Slack, a bare Bolt app (ack, then respond) vs the bot, 200 commands one at a time, then 1,000 with 50 in flight, each');
    bare = await startServer(['bench/e2e-slack-bare.ts', '--slack-api', doubles.double.apiUrl, '--signing-secret', secret]);
    const bareFigures = await measure(bare.slackUrl, bare.usage, doubles, secret, queries, load);
    const botFigures = await measure(options.bot.slackUrl, options.bot.usage, doubles, secret, queries, load);
    return { bare: bareFigures, bot: botFigures };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!;
    say(`  Slack vs bare Bolt failed: ${reason}`);
    return { skipped: reason };
  } finally {
    await bare?.stop();
  }
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));

/** The Markdown section: per catalog, both servers' figures and the issue's two targets. */
export function slackVsBareMarkdown(sizes: ReadonlyArray<{ label: string; slackVsBare?: SlackVsBare | null }>): string[] {
  const measured = sizes.filter((s) => s.slackVsBare);
  if (measured.length === 0) return [];
  const out = [
    '## Slack: the bot beside a bare Bolt app',
    '',
    'Same load, same run: a bare Bolt app answering a fixed two-block message with `ack()` then `respond()` (the framework\'s usual path: the answer is a second HTTP request, to the response URL) and the bot (answer in the acknowledgement when ready within 1.5 s). Latency until the answer reaches the Slack double; CPU time of the server process per command.',
    '',
    '| Catalog | Server | c1 p50 / p99 (ms) | c50 p50 / p99 (ms) | CPU per command, c1 / c50 (ms) | answers in the ack | CPU bot ÷ bare, c1 / c50 (target ≤ 0.8) | c1 p50 bot < bare |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: |',
  ];
  for (const s of measured) {
    const f = s.slackVsBare!;
    if ('skipped' in f) {
      out.push(`| ${s.label} | – | skipped: ${f.skipped} | | | | | |`);
      continue;
    }
    const row = (name: string, x: SlackServerFigures, extra: string[]) =>
      `| ${s.label} | ${name} | ${ms(x.c1.p50)} / ${ms(x.c1.p99)} | ${ms(x.c50.p50)} / ${ms(x.c50.p99)} | ${ms(x.cpuMsC1)} / ${ms(x.cpuMsC50)} | ${Math.round(x.inAck * 100)} % | ${extra.join(' | ')} |`;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const met = (r: number) => (r <= 0.8 ? 'yes' : '**no**');
    const r1 = f.bot.cpuMsC1 / f.bare.cpuMsC1;
    const r50 = f.bot.cpuMsC50 / f.bare.cpuMsC50;
    out.push(row('bare Bolt app', f.bare, ['', '']));
    out.push(
      row('episode-bot', f.bot, [
        `${ratio(f.bot.cpuMsC1, f.bare.cpuMsC1)} (${met(r1)}) / ${ratio(f.bot.cpuMsC50, f.bare.cpuMsC50)} (${met(r50)})`,
        f.bot.c1.p50 < f.bare.c1.p50 ? 'yes' : '**no**',
      ]),
    );
  }
  return [...out, ''];
}
