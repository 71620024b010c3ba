/**
 * End to end through the real adapters and their local doubles: a signed
 * Slack slash command POSTed to the real Bolt receiver until the answer
 * arrives (in the acknowledgement, or at the response URL), and a Discord interaction dispatched by the
 * gateway double until the interaction callback arrives; latency at
 * concurrency 1 and 50. The bot runs in its own process (bench/e2e-bot.ts),
 * the doubles and the load here. When the adapters or doubles are missing,
 * the part is skipped with the reason. Then Slack beside a bare Bolt app
 * (bench/e2e-slack.ts).
 */
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { runSlackVsBare, slackSender, type SlackVsBare } from './e2e-slack.ts';
import { ROOT } from './processes.ts';
import { runPool, summarize, type Summary } from './stats.ts';

/**
 * Latency at concurrency 1 and 50 (ms); the bot process's CPU time per
 * request at concurrency 50; and the time in the dispatcher (commands and
 * core) per request one at a time. Or why the part was skipped.
 */
export type E2ePart = { c1: Summary; c50: Summary; botCpuMsPerRequest: number; dispatcherMsPerRequest: number } | { skipped: string };

/** Both platforms, and Slack beside a bare Bolt app (bench/e2e-slack.ts). */
export interface E2eFigures {
  slack: E2ePart;
  discord: E2ePart;
  slackVsBare?: SlackVsBare;
}

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
type Send = (query: string, n: number) => Promise<number>;

/**
 * Times `requests` sends with `concurrency` in flight (runPool of
 * bench/stats.ts), in steady state: first a wave of `concurrency`
 * simultaneous requests so every HTTP client has its connections open (a
 * Node server accepts about one new connection per event-loop turn under
 * load, which would show as second-long outliers a long-running bot never
 * sees), then a warm-up and the timed requests in one pool.
 */
export async function load(send: Send, queries: readonly string[], requests: number, concurrency: number, start: number): Promise<number[]> {
  await Promise.all(Array.from({ length: concurrency }, (_, i) => send(queries[i % queries.length]!, start - 1 - i)));
  const warmup = Math.max(20, 4 * concurrency);
  const latencies: number[] = [];
  await runPool(warmup + requests, concurrency, async (i) => {
    const ms = await send(queries[i % queries.length]!, start + i);
    if (i >= warmup) latencies.push(ms);
  });
  return latencies;
}

type Usage = () => Promise<{ commands: number; dispatcherMs: number; cpuMs: number }>;

/** 200 requests one at a time, then 1,000 with 50 in flight; the bot's usage around each phase. */
async function phases(send: Send, queries: readonly string[], usage: Usage): Promise<E2ePart> {
  const u0 = await usage();
  const c1 = summarize(await load(send, queries, 200, 1, 0));
  const u1 = await usage();
  const c50 = summarize(await load(send, queries, 1_000, 50, 100_000));
  const u2 = await usage();
  return {
    c1,
    c50,
    botCpuMsPerRequest: (u2.cpuMs - u1.cpuMs) / (u2.commands - u1.commands),
    dispatcherMsPerRequest: (u1.dispatcherMs - u0.dispatcherMs) / (u1.commands - u0.commands),
  };
}

/** Starts the bot process on the doubles; resolves with its Slack URL and a stop function. */
async function startBot(snapshot: string, urls: { slackApi: string; discordApi: string; discordToken: string; discordApp: string }) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_BOT_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_BOT_PROF] : []), '--import', 'tsx', 'bench/e2e-bot.ts', '--snapshot', snapshot, '--slack-api', urls.slackApi, '--discord-api', urls.discordApi, '--discord-token', urls.discordToken, '--discord-app', urls.discordApp],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the bench bot exited (${code})`)));
    });
  const { slackUrl } = JSON.parse(await nextLine()) as { slackUrl: string };
  const usage = async () => {
    const line = nextLine();
    child.stdin.write('\n');
    return JSON.parse(await line) as { commands: number; dispatcherMs: number; cpuMs: number };
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill(), 5_000).unref();
    });
  return { slackUrl, stop, usage };
}

/** Runs both parts against the library snapshot at `snapshot`, `/episode <query>` for each query in turn. */
export async function runE2e(snapshot: string, queries: readonly string[], say: (line: string) => void): Promise<E2eFigures> {
  let slackDoubles: typeof import('../tests/doubles/slack/index.ts');
  let discordDoubles: typeof import('../tests/doubles/discord/index.ts');
  try {
    await import('../src/adapters/slack/slack-adapter.ts');
    await import('../src/adapters/discord/discord-adapter.ts');
    slackDoubles = await import('../tests/doubles/slack/index.ts');
    discordDoubles = await import('../tests/doubles/discord/index.ts');
  } catch (err) {
    const reason = `adapters or doubles not available: ${(err as Error).message.split('\n')[0]}`;
    return { slack: { skipped: reason }, discord: { skipped: reason } };
  }
  const slackDouble = await slackDoubles.startSlackApiDouble();
  const discordDouble = await discordDoubles.startDiscordDouble();
  let bot: Awaited<ReturnType<typeof startBot>> | null = null;
  try {
    bot = await startBot(snapshot, { slackApi: slackDouble.apiUrl, discordApi: discordDouble.apiUrl, discordToken: discordDouble.token, discordApp: discordDouble.applicationId });
    const agent = new Agent({ keepAlive: true, maxSockets: 50, scheduling: 'fifo' });
    const slackSlash = { double: slackDouble, slashCommandBody: slackDoubles.slashCommandBody, signSlackRequest: slackDoubles.signSlackRequest };
    // Until the answer arrives: in the acknowledgement's body, or at the response URL when it was slower than the budget.
    const slackSend: Send = slackSender(bot.slackUrl, slackSlash, SIGNING_SECRET, agent);
    const discordSend: Send = async (query) => {
      const payload = discordDouble.chatInputInteraction({ name: 'episode', options: { query } });
      const path = `/interactions/${payload.id}/${payload.token}/callback`;
      const answered = discordDouble.waitForRequest((r) => r.path === path, 30_000).then(() => performance.now());
      answered.catch(() => undefined);
      const started = performance.now();
      discordDouble.sendInteraction(payload);
      return (await answered) - started;
    };
    const part = async (name: string, send: Send): Promise<E2ePart> => {
      say(`end to end: ${name} (200 requests one at a time, then 1,000 with 50 in flight, each after a warm-up)`);
      try {
        return await phases(send, queries, bot!.usage);
      } catch (err) {
        const reason = (err as Error).message.split('\n')[0]!;
        say(`  ${name} failed: ${reason}`);
        return { skipped: reason };
      }
    };
    const slack = await part('Slack', slackSend);
    const discord = await part('Discord', discordSend);
    const slackVsBare = await runSlackVsBare({ doubles: slackSlash, secret: SIGNING_SECRET, queries, bot: bot!, load, say });
    return { slack, discord, slackVsBare };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!;
    return { slack: { skipped: reason }, discord: { skipped: reason } };
  } finally {
    await bot?.stop();
    await slackDouble.close();
    await discordDouble.close();
  }
}
