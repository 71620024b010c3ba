import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../../core/answers/answer.ts';
import { deferIfSlow } from '../answer-budget.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { invocationOf } from './invocation.ts';
import { renderAnswer } from './render-embeds.ts';
import type { Responder } from './responder.ts';

/**
 * Whether an answer is sent privately: episode results follow the
 * `ephemeral` setting (with "Post to channel" when private); help, notices
 * and errors are always private, as they concern only the person who asked.
 */
export function isPrivateAnswer(answer: Answer, ephemeral: boolean): boolean {
  return answer.kind === 'episodes' ? ephemeral : true;
}

/** A slash command: its string options to the dispatcher, the answer rendered as a reply. */
export async function handleCommand(interaction: ChatInputCommandInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  const guessPrivate = interaction.commandName === 'help' || deps.ephemeral;
  const work = deps.dispatcher.command(interaction.commandName, stringOptions(interaction), invocationOf(interaction));
  const { value: answer } = await deferIfSlow(work, deps.deferAfterMs, () => responder.defer(guessPrivate ? 'ephemeral' : 'public'));
  const ephemeral = isPrivateAnswer(answer, deps.ephemeral);
  await responder.reply(renderAnswer(answer, { shareable: ephemeral }), ephemeral);
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
