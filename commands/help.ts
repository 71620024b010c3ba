import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { catalogExamples, commandExamples, firstTries, type CatalogExamples } from './catalog-examples.ts';
import type { CommandContext, CommandDefinition } from './types.ts';

/**
 * The help answer, listing `commands` with examples from the catalog being
 * served (`examples`); `headline` replaces the default title (e.g. for an unknown command).
 */
export function helpAnswer(commands: readonly CommandDefinition[], podcastTitle: string, examples: CatalogExamples, headline?: string): Answer {
  const answer = emptyAnswer('help', headline ?? `I answer questions about “${podcastTitle}”`);
  answer.body = [
    'Search by topic, guest or title; typos, accents and partial words are fine. Results come 5 at a time, with the chapter and minute where your words come up.',
  ];
  answer.sections = commands.map((c) => ({
    title: `/${c.name}${c.options.map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('')}`,
    lines: [c.description + (c.requiresManage ? ' (server managers only)' : ''), ...(commandExamples(c.name, examples) ?? c.examples).map((e) => `e.g. ${e}`)],
  }));
  answer.suggestions = firstTries(examples).filter((s) => !s.includes('<'));
  return answer;
}

/** `/help`: what the bot can do, with examples. */
export function helpCommand(all: () => readonly CommandDefinition[], podcastTitle: () => string): CommandDefinition {
  return {
    name: 'help',
    description: 'What this bot can do, with examples',
    options: [],
    examples: ['/help'],
    run: (_input, ctx: CommandContext) => helpAnswer(all(), podcastTitle(), catalogExamples(ctx.library)),
  };
}
