import type { AutocompleteInteraction } from 'discord.js';
import { autocompleteChoices, type Choice } from './autocomplete-choices.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { interactionContext, invocationOf } from './invocation.ts';

/** Discord drops an autocomplete answer after 3 s; give up well before. */
const AUTOCOMPLETE_BUDGET_MS = 2_000;

/** Answers an autocomplete request with choices; on error or when too slow, with none. Never throws. */
export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  let choices: Choice[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    const option = deps.dispatcher.commands.find((c) => c.name === interaction.commandName)?.options.find((o) => o.name === focused.name);
    if (option) choices = await withinBudget(autocompleteChoices(deps.dispatcher, option, String(focused.value), invocationOf(interaction)));
  } catch (err) {
    deps.log.error({ err, ...interactionContext(interaction) }, 'Discord autocomplete failed');
  }
  if (interaction.responded) return;
  try {
    await interaction.respond(choices);
  } catch (err) {
    deps.log.warn({ err, ...interactionContext(interaction) }, 'Discord autocomplete answer not delivered');
  }
}

function withinBudget(work: Promise<Choice[]>): Promise<Choice[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Choice[]>((resolve) => {
    timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
