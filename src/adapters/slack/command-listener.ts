import type { App, SlashCommand } from '@slack/bolt';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import { commandVisibility, isShareable } from '../../core/answers/visibility.ts';
import { deferIfSlow } from '../answer-budget.ts';
import { slackInvocation, type SlackWho } from './invocation.ts';
import { renderAnswer, type SlackMessage } from './render-blocks.ts';
import { apologyMessage, guarded, whoFields, type ListenerDeps } from './reply.ts';
import { fromSlackText } from './slack-text.ts';

/** What the slash-command listener needs. */
export interface CommandListenerDeps extends ListenerDeps {
  /** An answer ready within this many milliseconds rides on the acknowledgement; a slower one goes to `response_url`. */
  answerBudgetMs: number;
}

/** A slash command's answer with its visibility, as both `ack()` and `respond()` take it. */
type CommandReply = SlackMessage & { response_type: 'ephemeral' | 'in_channel' };

/**
 * Answers every slash command (`/episode`, `/latest`, …; an unknown one gets
 * help), ephemeral or in the channel as `commandVisibility` says: episode
 * results privately with "Share in channel" by default, in the channel when so
 * configured; help, notices and errors always privately.
 *
 * An answer ready within `answerBudgetMs` is sent in the acknowledgement
 * itself (`ack({ blocks, text, response_type })`: the HTTP response body, or
 * the Socket Mode envelope's ack payload), one round trip and no second
 * request. A slower one is acknowledged empty when the budget runs out, well
 * inside Slack's 3 seconds, and posted to the response URL when ready.
 */
export function registerCommandListener(app: App, deps: CommandListenerDeps): void {
  app.command(/^\/\S+$/, async ({ ack, command, respond }) => {
    const who = whoOf(command);
    const context = { command: command.command, ...whoFields(who) };
    const work = commandReply(command, who, deps).catch((err: unknown): CommandReply => {
      deps.log.error({ err, ...context }, 'Slack request failed');
      return { ...apologyMessage(), response_type: 'ephemeral' };
    });
    const { value: reply, deferred } = await deferIfSlow(work, deps.answerBudgetMs, () => ack());
    if (deferred) await guarded(deps.log, respond, context, async () => void (await respond(reply)));
    else await ack(reply);
  });
}

async function commandReply(command: SlashCommand, who: SlackWho, deps: CommandListenerDeps): Promise<CommandReply> {
  const line = `${command.command} ${fromSlackText(command.text ?? '')}`;
  const parsed = parseCommandLine(line, deps.dispatcher.commands);
  const needed = deps.dispatcher.commands.find((c) => c.name === parsed.name)?.requiresManage === true;
  const invocation = { ...slackInvocation(who, await deps.manage.canManage(who.userId, needed)), ...(deps.channels && needed ? { channels: deps.channels } : {}) };
  const answer = await deps.dispatcher.command(parsed.name, parsed.options, invocation);
  const visibility = commandVisibility(answer, deps.ephemeral);
  const rendered = renderAnswer(answer, { shareable: isShareable(answer, visibility) });
  return { ...rendered, response_type: visibility === 'private' ? 'ephemeral' : 'in_channel' };
}

function whoOf(command: SlashCommand): SlackWho {
  return {
    userId: command.user_id || null,
    channelId: command.channel_id || null,
    teamId: command.team_id || command.enterprise_id || null,
  };
}
