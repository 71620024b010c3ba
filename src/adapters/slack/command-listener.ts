import type { App, SlashCommand } from '@slack/bolt';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import { slackInvocation, type SlackWho } from './invocation.ts';
import { renderAnswer } from './render-blocks.ts';
import { guarded, whoFields, type ListenerDeps } from './reply.ts';
import { fromSlackText } from './slack-text.ts';

/**
 * Answers every slash command (`/episode`, `/latest`, …; an unknown one gets
 * help). The command is acked at once with an empty body, so Slack shows
 * nothing until the answer is posted to the response URL: ephemeral with
 * "Share in channel" by default, in the channel when so configured; errors
 * are always ephemeral.
 */
export function registerCommandListener(app: App, deps: ListenerDeps): void {
  app.command(/^\/\S+$/, async ({ ack, command, respond }) => {
    await ack();
    const who = whoOf(command);
    await guarded(deps.log, respond, { command: command.command, ...whoFields(who) }, async () => {
      const line = `${command.command} ${fromSlackText(command.text ?? '')}`;
      const parsed = parseCommandLine(line, deps.dispatcher.commands);
      const needed = deps.dispatcher.commands.find((c) => c.name === parsed.name)?.requiresManage === true;
      const invocation = slackInvocation(who, await deps.manage.canManage(who.userId, needed));
      const answer = await deps.dispatcher.command(parsed.name, parsed.options, invocation);
      const ephemeral = deps.ephemeral || answer.kind === 'error';
      await respond({
        ...renderAnswer(answer, { shareable: ephemeral }),
        response_type: ephemeral ? 'ephemeral' : 'in_channel',
      });
    });
  });
}

function whoOf(command: SlashCommand): SlackWho {
  return {
    userId: command.user_id || null,
    channelId: command.channel_id || null,
    teamId: command.team_id || command.enterprise_id || null,
  };
}
