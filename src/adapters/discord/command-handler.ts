import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';
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
export async function handleCommand(interaction: ChatInputCommandInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  const guessPrivate = deps.ephemeral || NEVER_RESULTS.has(interaction.commandName);
  const work = deps.dispatcher.command(interaction.commandName, stringOptions(interaction), invocationOf(interaction));
  const { value: answer } = await deferIfSlow(work, deps.deferAfterMs, () => responder.defer(guessPrivate ? 'ephemeral' : 'public'));
  const visibility = commandVisibility(answer, deps.ephemeral);
  await responder.reply(renderAnswer(answer, { shareable: isShareable(answer, visibility) }), visibility === 'private');
}

/** String options as typed; channel options as a channel reference `<#id|name>` (what `/podcast` reads). */
function stringOptions(interaction: ChatInputCommandInteraction): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  for (const option of interaction.options.data) {
    if (option.type === ApplicationCommandOptionType.String && typeof option.value === 'string') options[option.name] = option.value;
    if (option.type === ApplicationCommandOptionType.Channel && typeof option.value === 'string') {
      const name = option.channel && 'name' in option.channel && option.channel.name ? `|${option.channel.name}` : '';
      options[option.name] = `<#${option.value}${name}>`;
    }
  }
  return options;
}
