import { ApplicationCommandOptionType, type APIApplicationCommandAutocompleteInteraction } from 'discord.js';
import { autocompleteChoices, type Choice } from './autocomplete-choices.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { interactionContext, invocationOf } from './invocation.ts';
import type { Responder } from './responder.ts';

/** Discord drops an autocomplete answer after 3 s; give up well before. */
const AUTOCOMPLETE_BUDGET_MS = 2_000;

/** Answers an autocomplete request with choices; on error or when too slow, with none. Never throws. */
export async function handleAutocomplete(interaction: APIApplicationCommandAutocompleteInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  let choices: Choice[] = [];
  try {
    const focused = focusedOption(interaction);
    const option = deps.dispatcher.commands.find((c) => c.name === interaction.data.name)?.options.find((o) => o.name === focused?.name);
    if (focused && option) choices = await withinBudget(autocompleteChoices(deps.dispatcher, option, focused.value, invocationOf(interaction), interaction.data.name));
  } catch (err) {
    deps.log.error({ err, ...interactionContext(interaction) }, 'Discord autocomplete failed');
  }
  if (responder.responded) return;
  try {
    await responder.choices(choices);
  } catch (err) {
    deps.log.warn({ err, ...interactionContext(interaction) }, 'Discord autocomplete answer not delivered');
  }
}

/** The option being typed into, with what has been typed so far. */
function focusedOption(interaction: APIApplicationCommandAutocompleteInteraction): { name: string; value: string } | null {
  for (const option of interaction.data.options ?? []) {
    if (option.type === ApplicationCommandOptionType.String && option.focused) return { name: option.name, value: option.value };
  }
  return null;
}

function withinBudget(work: Promise<Choice[]>): Promise<Choice[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Choice[]>((resolve) => {
    timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
