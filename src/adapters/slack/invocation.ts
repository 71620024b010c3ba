import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Invocation } from '../../../commands/types.ts';

/** Who asked and where, as Slack's payloads tell it. */
export interface SlackWho {
  userId: string | null;
  channelId: string | null;
  /** The workspace (team) id, or the Enterprise Grid org id. */
  teamId: string | null;
}

/** Decides whether a Slack user may manage the bot (run `requiresManage` commands). */
export interface ManageCheck {
  /** `needed`: only then is the Web API asked; otherwise only the configured admin list counts. */
  canManage(userId: string | null, needed: boolean): Promise<boolean>;
}

/** The dispatcher's invocation for a Slack user. */
export function slackInvocation(who: SlackWho, canManage: boolean): Invocation {
  return { platform: 'slack', userId: who.userId, channelId: who.channelId, serverId: who.teamId, canManage };
}

/**
 * Admins are the configured user ids; when a command needs it, workspace
 * admins and owners too (`users.info`, scope `users:read`). A failed lookup
 * is logged and counts as "no".
 */
export function createManageCheck(adminUserIds: readonly string[], client: webApi.WebClient, log: Logger): ManageCheck {
  const admins = new Set(adminUserIds);
  return {
    async canManage(userId, needed) {
      if (!userId) return false;
      if (admins.has(userId)) return true;
      if (!needed) return false;
      try {
        const { user } = await client.users.info({ user: userId });
        return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      } catch (err) {
        log.warn({ err, user: userId }, 'cannot look up whether a Slack user is an admin');
        return false;
      }
    },
  };
}
