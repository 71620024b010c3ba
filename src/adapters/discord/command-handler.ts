import { ApplicationCommandOptionType, type APIChatInputApplicationCommandInteraction } from 'discord.js';
import { commandVisibility, isShareable } from '../../core/answers/visibility.ts';
import { deferIfSlow } from '../answer-budget.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { invocationOf } from './invocation.ts';
import { renderAnswer } from './render-embeds.ts';
import type { Responder } from './responder.ts';

/** Commands whose answer is never episode results, so always private (see `commandVisibility`). */
const NEVER_RESULTS = new Set(['help', 'podcast']);

/**
 * A slash command: its string options to the dispatcher, the answer rendered
 * as a reply, private or public as `commandVisibility` says. A slow answer is
 * deferred before it is known, privately unless it will likely be public
 * results (a wrong guess is corrected by the responder).
 */
export async function handleCommand(interaction: APIChatInputApplicationCommandInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  const commandName = interaction.data.name;
  const guessPrivate = deps.ephemeral || NEVER_RESULTS.has(commandName);
  const manages = deps.dispatcher.commands.find((c) => c.name === commandName)?.requiresManage === true;
  const invocation = deps.channels && manages ? { ...invocationOf(interaction), channels: deps.channels(interaction) } : invocationOf(interaction);
  const work = deps.dispatcher.command(commandName, stringOptions(interaction), invocation);
  const { value: answer } = await deferIfSlow(work, deps.deferAfterMs, () => responder.defer(guessPrivate ? 'ephemeral' : 'public'));
  const visibility = commandVisibility(answer, deps.ephemeral);
  await responder.reply(renderAnswer(answer, { shareable: isShareable(answer, visibility) }), visibility === 'private');
}

/** String options as typed; channel options as a channel reference `<#id|name>` (what `/podcast` reads). */
function stringOptions(interaction: APIChatInputApplicationCommandInteraction): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  for (const option of interaction.data.options ?? []) {
    if (option.type === ApplicationCommandOptionType.String) options[option.name] = option.value;
    if (option.type === ApplicationCommandOptionType.Channel) {
      const channel = interaction.data.resolved?.channels?.[option.value];
      options[option.name] = `<#${option.value}${channel?.name ? `|${channel.name}` : ''}>`;
    }
    if (option.type === ApplicationCommandOptionType.Role) options[option.name] = `<@&${option.value}>`;
    if (option.type === ApplicationCommandOptionType.Boolean) options[option.name] = String(option.value);
  }
  return options;
}
