import { Command, CommanderError, Option } from 'commander';

/** What the command line asks for: run the bot, or answer one command and exit. */
export type CliRequest =
  | { kind: 'serve' }
  | { kind: 'ask'; line: string; json: boolean }
  /** Help was printed, or the arguments were wrong (already explained on standard error): exit with this code. */
  | { kind: 'exit'; code: number };

/** Where the parser writes its help and errors. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const EXAMPLES = `
Examples:
  npm start                                      chat in the console (or serve Discord/Slack when configured)
  npm run -s ask -- "/episode istio"             answer one command and exit
  npm run -s ask -- "/episode istio" --json | jq '.episodes[0].title'
  npx episode-bot "/latest"                      the same, through the package's bin

Exit codes: 0 answered (no matches included); 1 the bot cannot run; 2 a malformed setting or option.`;

/**
 * Parses the arguments of `episode-bot` (`npm start`, `npm run ask`, `npx episode-bot`)
 * with commander: a command to answer once (the words are joined), `--json`,
 * `--help`. An unknown option is refused with exit code 2; `--ask` (what
 * `npm run ask` passes) requires a command.
 */
export function parseCliArgs(args: readonly string[], output: CliOutput): CliRequest {
  const program = new Command('episode-bot')
    .description('Answers questions about a podcast’s episodes on Discord, Slack or the console, and announces new ones.')
    .argument('[command...]', 'a command to answer once, then exit, e.g. "/episode istio" (none: start the bot)')
    .option('--json', 'print the answer as JSON (the platform-neutral Answer)')
    .addOption(new Option('--ask', 'a command is required (npm run ask)').hideHelp())
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(episode-bot --help lists the options)')
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride();
  try {
    program.parse([...args], { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    return { kind: 'exit', code: err.exitCode === 0 ? 0 : 2 };
  }
  const line = (program.processedArgs[0] as string[]).join(' ').trim();
  const { json = false, ask = false } = program.opts<{ json?: boolean; ask?: boolean }>();
  if (line !== '') return { kind: 'ask', line, json };
  if (ask || json) {
    output.err('error: which command? e.g. npm run -s ask -- "/episode istio"\n(episode-bot --help lists the options)\n');
    return { kind: 'exit', code: 2 };
  }
  return { kind: 'serve' };
}
