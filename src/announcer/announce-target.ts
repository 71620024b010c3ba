import type { Answer } from '../core/answer.ts';

/** How a post went: delivered, or failed for good (channel gone, no permission) or for now. */
export type PostResult = { ok: true; messageId: string | null } | { ok: false; permanent: boolean; error: string };

/**
 * A platform the announcer can post to. Adapters implement it; posts are
 * idempotent where the platform allows (the key is stable per episode × channel).
 */
export interface AnnouncementTarget {
  readonly platform: 'discord' | 'slack';
  postAnnouncement(channelId: string, answer: Answer, idempotencyKey: string): Promise<PostResult>;
}
