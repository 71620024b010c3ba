/**
 * The floor for the Slack end-to-end comparison, in a process of its own: a
 * bare Bolt app (HTTP mode, the default receiver) that answers `/episode`
 * with a fixed two-block message the way most Bolt apps do, `ack()` then
 * `respond()` to the response URL. Same protocol as bench/e2e-bot.ts: prints
 * {"slackUrl": …} when ready; on any line on stdin, prints how many commands
 * it answered and its CPU time; stops when stdin closes.
 *
 *   e2e-slack-bare.ts --slack-api URL --signing-secret S
 */
import { App, LogLevel } from '@slack/bolt';
import type { AddressInfo, Server } from 'node:net';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || !args[i + 1]) throw new Error(`missing --${name}`);
  return args[i + 1]!;
};

/** The fixed answer: two blocks and a fallback, about the size of a short real answer. */
const ANSWER = {
  response_type: 'ephemeral' as const,
  text: 'Episodes matching your query: 1. An episode (with A Guest · Jul 13, 2021 · 25 min)',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: '*Episodes matching your query*', verbatim: true } },
    { type: 'section', text: { type: 'mrkdwn', text: '*1. <https://example.com/episode|An episode>*\nwith A Guest · Jul 13, 2021 · 25 min', verbatim: true } },
  ],
};

async function main(): Promise<void> {
  const app = new App({
    signingSecret: flag('signing-secret'),
    token: 'xoxb-bench-bare-token',
    botId: 'B123',
    botUserId: 'U_BOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    processBeforeResponse: false,
    clientOptions: { slackApiUrl: flag('slack-api'), retryConfig: { retries: 0 } },
  });
  let commands = 0;
  app.command('/episode', async ({ ack, respond }) => {
    await ack();
    await respond(ANSWER);
    commands++;
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ slackUrl: `http://127.0.0.1:${port}/slack/events` })}\n`);
  process.stdin.resume();
  process.stdin.on('data', () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ commands, dispatcherMs: 0, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  });
  process.stdin.on('end', () => void app.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`e2e bare Slack app: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
