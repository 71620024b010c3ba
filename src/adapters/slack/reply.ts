import type { ChannelAccess } from '../../../commands/types.ts';
import type { RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import { apologyAnswer, type Dispatcher } from '../../../commands/dispatcher.ts';
import type { ManageCheck, SlackWho } from './invocation.ts';
import { renderAnswer } from './render-blocks.ts';

/** What the Slack listeners use of the dispatcher (an interface, so tests can inject a failing one). */
export type SlackDispatcher = Pick<Dispatcher, 'command' | 'action' | 'commands'>;

/** What every listener needs. */
export interface ListenerDeps {
  dispatcher: SlackDispatcher;
  log: Logger;
  /** Episode results privately (with "Share in channel") rather than in the channel; see `commandVisibility`. */
  ephemeral: boolean;
  manage: ManageCheck;
  /** Whether the bot can post in a channel (before subscribing it). */
  channels?: ChannelAccess;
}

/** Log fields naming who asked where: `user`, `channel`, `team`. */
export function whoFields(who: SlackWho): Record<string, string | null> {
  return { user: who.userId, channel: who.channelId, team: who.teamId };
}

/**
 * Runs a listener's work after its ack. An exception is logged with
 * `context` and the user gets a short ephemeral apology; nothing escapes,
 * so Bolt and the process keep running.
 */
export async function guarded(
  log: Logger,
  respond: RespondFn,
  context: Record<string, unknown>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error({ err, ...context }, 'Slack request failed');
    try {
      await respond({ ...apologyMessage(), response_type: 'ephemeral', replace_original: false });
    } catch (replyErr) {
      log.error({ err: replyErr, ...context }, 'cannot send the apology to Slack');
    }
  }
}

/** The short apology for an unexpected failure, rendered for Slack. */
export function apologyMessage() {
  return renderAnswer(apologyAnswer(), { shareable: false });
}
