/**
 * The bot for the end-to-end bench, in a process of its own (so the load
 * generator and the platform doubles do not share its event loop): library
 * from a snapshot, the real dispatcher, and the real Slack (HTTP mode) and
 * Discord adapters pointed at the doubles. Prints one JSON line when ready
 * ({"slackUrl": …}); on any line on stdin, prints how many commands it ran,
 * the time spent in the dispatcher and its CPU time; stops when stdin closes.
 *
 *   e2e-bot.ts --snapshot FILE --slack-api URL --discord-api URL --discord-token T --discord-app ID
 */
import { Writable } from 'node:stream';
import { Dispatcher } from '../commands/dispatcher.ts';
import { CommandRegistry } from '../commands/registry.ts';
import { createDiscordAdapter } from '../src/adapters/discord/discord-adapter.ts';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { readSavedLibrary } from './read-saved-library.ts';
import { createLogger } from '../src/log.ts';
import { createHttpServer } from '../src/server/http-server.ts';

/** The Slack signing secret the load (bench/e2e.ts) signs with. */
const E2E_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || !args[i + 1]) throw new Error(`missing --${name}`);
  return args[i + 1]!;
};

async function main(): Promise<void> {
  const read = await readSavedLibrary(flag('snapshot'));
  if (!read.ok) throw new Error(read.error);
  const library = read.value;
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(() => library.podcast.title), library, random: () => 0, onError: () => {} });
  // Time spent in the dispatcher (commands and core), to tell it from the adapters' share.
  const inner = dispatcher.command.bind(dispatcher);
  let commands = 0;
  let dispatcherMs = 0;
  dispatcher.command = async (...a: Parameters<Dispatcher['command']>) => {
    const t = performance.now();
    try {
      return await inner(...a);
    } finally {
      dispatcherMs += performance.now() - t;
      commands++;
    }
  };
  const discard = new Writable({ write: (_c, _e, done) => done() });
  const log = createLogger({ level: 'info', format: 'json', secrets: [E2E_SIGNING_SECRET], destination: discard });
  const slack = createSlackAdapter({
    dispatcher,
    log: log.child({ adapter: 'slack' }),
    botToken: 'xoxb-bench-token',
    signingSecret: E2E_SIGNING_SECRET,
    apiUrl: flag('slack-api'),
    ephemeral: true,
    adminUserIds: [],
    botId: 'B123',
    botUserId: 'U_BOT',
    retryConfig: { retries: 0 },
  });
  const discord = createDiscordAdapter({
    dispatcher,
    log: log.child({ adapter: 'discord' }),
    token: flag('discord-token'),
    applicationId: flag('discord-app'),
    apiUrl: flag('discord-api'),
    ephemeral: true,
  });
  await slack.start();
  await discord.start();
  // Mounted on the process's HTTP server, as src/app/http-front.ts does.
  const endpoint = slack.httpEndpoint!;
  const server = createHttpServer({ routes: [{ method: 'POST', path: endpoint.path, accepts: endpoint.accepts, handle: endpoint.handle }], log });
  await server.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ slackUrl: `http://127.0.0.1:${server.port}${endpoint.path}` })}\n`);
  process.stdin.resume();
  process.stdin.on('data', () => {
    process.stdout.write(`${JSON.stringify({ commands, dispatcherMs, cpuMs: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 })}\n`);
  });
  process.stdin.on('end', () => {
    void Promise.allSettled([server.close(1_000), slack.stop(), discord.stop()]).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`e2e bot: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
