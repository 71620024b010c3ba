import type { Answer } from '../core/answers/answer.ts';
import type { Result } from '../core/model/result.ts';

/** How a post went: delivered, or failed for good (channel gone, no permission) or for now. */
export type PostResult = { ok: true; messageId: string | null } | { ok: false; permanent: boolean; error: string };

/** The post an earlier attempt left in the channel. */
export interface EarlierPost {
  messageId: string | null;
}

/**
 * Whether an earlier attempt's post is in the channel: the post, null when it
 * is not there, or (an expected failure) why the bot cannot tell.
 */
export type LookupResult = Result<EarlierPost | null>;

/**
 * A platform the announcer can post to. Adapters implement it; posts are
 * idempotent where the platform allows (the key is stable per episode × channel).
 */
/** How one channel wants its posts: whom to ping (a Discord role `<@&id>`, a Slack user group `<!subteam^ID>`), never anyone else. */
export interface PostShape {
  mention?: string | null;
}

export interface AnnouncementTarget {
  readonly platform: 'discord' | 'slack';
  postAnnouncement(channelId: string, answer: Answer, idempotencyKey: string, shape?: PostShape): Promise<PostResult>;
  /**
   * Before a delivery is attempted again (the process died mid-post, or the
   * post timed out), looks in the channel's messages since `since` for the
   * post of an earlier attempt, so it is not posted twice.
   */
  findAnnouncement?(channelId: string, answer: Answer, idempotencyKey: string, since: Date): Promise<LookupResult>;
}
