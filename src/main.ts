/**
 * The entry point of `npm start`, `npm run ask` and `npx episode-bot`: reads
 * the command line and the configuration, builds the bot (src/app/), then
 * answers one command or serves until stopped.
 */
import { existsSync } from 'node:fs';
import { ask } from './app/ask.ts';
import { buildBot } from './app/build-bot.ts';
import { parseCliArgs } from './app/cli-args.ts';
import { chatOwnsTerminal } from './app/console-mode.ts';
import { EXIT, fatal } from './app/exit-codes.ts';
import { readConfig } from './app/read-config.ts';
import { serve } from './app/serve.ts';
import { secretsOf } from './config.ts';
import { redact, redactError } from './log.ts';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const request = parseCliArgs(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  if (request.kind === 'exit') {
    process.exitCode = request.code;
    return;
  }
  const config = readConfig(process.env);
  const secrets = secretsOf(config);
  try {
    const asking = request.kind === 'ask';
    const bot = await buildBot(config, !asking, asking || chatOwnsTerminal(config));
    process.on('unhandledRejection', (err) => bot.log.error({ err: redactError(err, secrets) }, 'unhandled rejection'));
    if (request.kind === 'ask') await ask(bot, request.line, request.json);
    else await serve(bot);
  } catch (err) {
    fatal(`unexpected error: ${redact((err as Error)?.stack ?? String(err), secrets)}`, EXIT.cannotRun);
  }
}

void main();
