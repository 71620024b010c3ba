import type { App, BlockAction, RespondFn } from '@slack/bolt';
import type { Answer } from '../../core/answers/answer.ts';
import { buttonDelivery, isShareable, type Visibility } from '../../core/answers/visibility.ts';
import { slackInvocation, type SlackWho } from './invocation.ts';
import { ACTION_ID_PATTERN, SHARE_TAG } from './render-actions.ts';
import { renderAnswer } from './render-blocks.ts';
import { guarded, whoFields, type ListenerDeps } from './reply.ts';

/**
 * Answers the buttons: acked at once, then the button's encoded ref is
 * replayed through the dispatcher (any other block action is acked and
 * ignored, so Slack never shows the user a failure), and the answer delivered
 * as `buttonDelivery` says:
 * - Previous / Next / Similar / Another one replace the message they are on.
 * - A notice (an expired button, nothing similar) comes as a new ephemeral
 *   message, so the results stay.
 * - "Share in channel" posts the answer `in_channel` through the response
 *   URL, then deletes the private copy.
 */
export function registerActionListener(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, action, body, respond }) => {
    await ack();
    const who = whoOf(body);
    const encoded = (action.type === 'button' && action.value) || action.action_id;
    if (!ACTION_ID_PATTERN.test(encoded)) {
      deps.log.debug({ action: action.action_id, ...whoFields(who) }, 'ignored a Slack action that is not a bot button');
      return;
    }
    await guarded(deps.log, respond, { action: encoded, ...whoFields(who) }, async () => {
      const invocation = slackInvocation(who, await deps.manage.canManage(who.userId, false));
      const { answer, tag } = await deps.dispatcher.action(encoded, invocation);
      const message: Visibility = body.container['is_ephemeral'] === true ? 'private' : 'public';
      const delivery = buttonDelivery(answer, tag === SHARE_TAG, message);
      if (delivery.kind === 'share') await share(respond, answer, who, message === 'private');
      else if (delivery.kind === 'notice') await respond({ ...renderAnswer(answer, { shareable: false }), response_type: 'ephemeral', replace_original: false });
      else await replace(respond, answer, delivery.visibility);
    });
  });
}

async function replace(respond: RespondFn, answer: Answer, visibility: Visibility): Promise<void> {
  await respond({
    ...renderAnswer(answer, { shareable: isShareable(answer, visibility) }),
    response_type: visibility === 'private' ? 'ephemeral' : 'in_channel',
    replace_original: true,
  });
}

async function share(respond: RespondFn, answer: Answer, who: SlackWho, wasEphemeral: boolean): Promise<void> {
  await respond({
    ...renderAnswer(answer, { shareable: false, sharedBy: who.userId }),
    response_type: 'in_channel',
    replace_original: false,
  });
  if (wasEphemeral) await respond({ delete_original: true });
}

function whoOf(body: BlockAction): SlackWho {
  return {
    userId: body.user.id || null,
    channelId: body.channel?.id ?? null,
    teamId: body.team?.id ?? body.enterprise?.id ?? body.user.team_id ?? null,
  };
}
