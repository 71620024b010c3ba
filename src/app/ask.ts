import { parseCommandLine } from '../../commands/parse-command-line.ts';
import { CONSOLE_CALLER } from '../adapters/console/console-caller.ts';
import { ANSI, PLAIN, renderText } from '../adapters/console/render-text.ts';
import type { Bot } from './build-bot.ts';

/** One command answered on standard output, as text (no console keys: there is no next line to type them on) or JSON. */
export async function ask(bot: Bot, line: string, json: boolean): Promise<void> {
  const parsed = parseCommandLine(line, bot.dispatcher.commands);
  const answer = await bot.dispatcher.command(parsed.name, parsed.options, CONSOLE_CALLER);
  const text = json ? JSON.stringify(answer, null, 2) : renderText({ ...answer, actions: [] }, process.stdout.isTTY ? ANSI : PLAIN);
  process.stdout.write(text + '\n');
}
