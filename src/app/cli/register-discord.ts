import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { podcastCommand, type PodcastService } from '../../../commands/podcast.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { loadConfig } from '../../config.ts';
import { redact } from '../../log.ts';
import { registerCommands } from '../../adapters/discord/register.ts';

/** Where the CLI writes. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

// Registration reads command definitions only; /podcast's storage is never called.
const definitionsOnly: PodcastService = {
  subscribe: unused,
  unsubscribe: unused,
  status: unused,
};

function unused(): never {
  throw new Error('register:discord only reads command definitions');
}

/**
 * `npm run register:discord`: registers the bot's commands with Discord
 * (in DISCORD_GUILD_ID only when set, globally otherwise) and prints what
 * changed. Exit code 0 when registered, 1 when Discord refused or could not
 * be reached, 2 when the configuration is incomplete or malformed.
 */
export async function runRegisterCli(env: Record<string, string | undefined>, io: CliOutput): Promise<number> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    io.err(`register:discord: configuration error:\n${loaded.error.map((e) => `  - ${e}`).join('\n')}\n`);
    return 2;
  }
  const c = loaded.value;
  if (!c.DISCORD_TOKEN || !c.DISCORD_APPLICATION_ID) {
    const missing = !c.DISCORD_TOKEN ? 'DISCORD_TOKEN (the bot token)' : 'DISCORD_APPLICATION_ID (the application id)';
    io.err(`register:discord: ${missing} is not set; set it in .env or the environment (see docs/discord-setup.md).\n`);
    return 2;
  }
  const commands = new CommandRegistry(() => 'podcast', [podcastCommand(definitionsOnly)]).commands;
  try {
    const result = await registerCommands({
      token: c.DISCORD_TOKEN,
      applicationId: c.DISCORD_APPLICATION_ID,
      ...(c.DISCORD_GUILD_ID ? { guildId: c.DISCORD_GUILD_ID } : {}),
      ...(c.DISCORD_API_URL ? { apiUrl: c.DISCORD_API_URL } : {}),
      commands,
    });
    io.out(`${result.summary}\n`);
    return 0;
  } catch (err) {
    io.err(`register:discord: Discord refused the registration: ${redact((err as Error)?.message ?? String(err), [c.DISCORD_TOKEN])}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.exitCode = await runRegisterCli(process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
