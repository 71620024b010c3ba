import { ApplicationCommandOptionType, type APIChatInputApplicationCommandInteraction } from 'discord.js';
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
export async function handleCommand(interaction: APIChatInputApplicationCommandInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  const commandName = interaction.data.name;
  const guessPrivate = commandName === 'help' || deps.ephemeral;
  const work = deps.dispatcher.command(commandName, stringOptions(interaction), invocationOf(interaction));
  const { value: answer } = await deferIfSlow(work, deps.deferAfterMs, () => responder.defer(guessPrivate ? 'ephemeral' : 'public'));
  const ephemeral = isPrivateAnswer(answer, deps.ephemeral);
  await responder.reply(renderAnswer(answer, { shareable: ephemeral }), ephemeral);
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
  }
  return options;
}
