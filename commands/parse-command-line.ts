import type { CommandDefinition } from './types.ts';

/** A typed command line split into a command name and its option values. */
export interface ParsedCommandLine {
  name: string;
  options: Record<string, string>;
}

/** Words inside `/episode` that mean another command ("/episode latest", "/episode like istio"). */
const SUBCOMMANDS: Record<string, string> = {
  latest: 'latest', new: 'latest', newest: 'latest',
  help: 'help', '?': 'help',
  random: 'random',
  guest: 'guest', with: 'guest',
  like: 'recommend', recommend: 'recommend', similar: 'recommend',
};

/**
 * Parses a line such as `/episode kubernetes lasagna`: the command's single
 * text option takes the rest of the line. A line without a slash means
 * exactly `/episode <line>`. Inside `/episode`, a first word like `latest`,
 * `help`, `random`, `guest <name>` or `like <title>` selects that command instead.
 * Commands with a `show` option take `show:"Show title"` (or `show:word`)
 * anywhere in the line; `/latest <show>` and `/random <show>` take the rest as the show.
 */
export function parseCommandLine(line: string, commands: readonly CommandDefinition[]): ParsedCommandLine {
  const bare = line.trim();
  const trimmed = bare.startsWith('/') ? bare : `/episode ${bare}`;
  const [, name = '', rest = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed) ?? [];
  const lower = name.toLowerCase();
  if (lower === 'episode') {
    const [, first = '', after = ''] = /^(\S+)\s*([\s\S]*)$/.exec(rest) ?? [];
    const sub = SUBCOMMANDS[first.toLowerCase()];
    if (sub && (after.length > 0 || !['guest', 'recommend'].includes(sub))) return withRest(commands, sub, after);
  }
  return withRest(commands, lower, rest);
}

/** For an unknown command, the rest of the line, so "did you mean" can keep it ("/epsiode chaos" → "/episode chaos"). */
export const UNKNOWN_COMMAND_REST = 'text';

/** `show:"Two words"`, `show:“Two words”` or `show:word`, anywhere in the line. */
const SHOW_TOKEN = /(?:^|\s)show:(?:"([^"]*)"|“([^”]*)”|(\S+))/i;

function withRest(commands: readonly CommandDefinition[], name: string, rest: string): ParsedCommandLine {
  const command = commands.find((c) => c.name === name);
  const options: Record<string, string> = {};
  let text = rest;
  const show = command?.options.some((o) => o.name === 'show') ? SHOW_TOKEN.exec(text) : null;
  if (show) {
    options.show = (show[1] ?? show[2] ?? show[3] ?? '').trim();
    text = text.slice(0, show.index) + ' ' + text.slice(show.index + show[0].length);
  }
  const key = command ? command.options[0]?.name : UNKNOWN_COMMAND_REST;
  if (key && text.trim() !== '') options[key] = text.trim();
  return { name, options };
}
