import { podcastCommand, type PodcastService } from '../../../commands/podcast.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { buildSlackManifest } from '../../adapters/slack/manifest.ts';

// The manifest reads command definitions only; /podcast's storage is never called.
const definitionsOnly: PodcastService = { subscribe: unused, unsubscribe: unused, status: unused };

function unused(): never {
  throw new Error('slack:manifest only reads command definitions');
}

const USAGE = `usage: npm run slack:manifest [-- --url https://your-host/slack/events] [--name "App name"]
Prints the Slack app manifest as JSON. Socket Mode by default; --url switches to HTTP mode.`;

/** Reads `--flag value` or `--flag=value`; undefined when absent. */
function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[i + 1] ?? '');
}

function main(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a, i) => a.startsWith('-') && !/^--(url|name)(=|$)/.test(a) && !/^--(url|name)$/.test(args[i - 1] ?? ''));
  if (unknown.length > 0) {
    process.stderr.write(`slack:manifest: unknown option ${unknown[0]}\n${USAGE}\n`);
    return 2;
  }
  try {
    // Only the command definitions are needed: no catalog, no storage, no tokens.
    const commands = new CommandRegistry(() => 'podcast', [podcastCommand(definitionsOnly)]).commands;
    const manifest = buildSlackManifest({ commands, requestUrl: flag(args, 'url'), name: flag(args, 'name') });
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`slack:manifest: ${(err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
