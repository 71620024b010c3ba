import type { Answer } from './answer.ts';

/** Who sees an answer: only the person who asked, or everyone in the channel. */
export type Visibility = 'private' | 'public';

/**
 * Who sees the answer to a slash command; the one rule of Discord and Slack.
 *
 * - Episode results (`/episode`, `/latest`, `/guest`, `/random`,
 *   `/recommend`) follow the platform's setting (`DISCORD_EPHEMERAL`,
 *   `SLACK_EPHEMERAL`, `resultsPrivate` here): private by default, with a
 *   button that posts them to the channel.
 * - Help, notices (no match, a value refused, `/podcast` confirmations and
 *   status) and errors are always private: they concern only the person who
 *   asked, a channel gains nothing from someone's typo, and `/podcast status`
 *   names feeds and failures meant for the admin.
 */
export function commandVisibility(answer: Answer, resultsPrivate: boolean): Visibility {
  return answer.kind === 'episodes' && !resultsPrivate ? 'public' : 'private';
}

/**
 * Whether a message offers "Post to channel" / "Share in channel": private
 * episode results the bot can make again (the answer has a `ref`).
 */
export function isShareable(answer: Answer, visibility: Visibility): boolean {
  return visibility === 'private' && answer.kind === 'episodes' && answer.ref !== null;
}

/** What a button's answer does with the message the button was on. */
export type ButtonDelivery =
  /** Post the results publicly, naming who shared them; a private original goes away. */
  | { kind: 'share' }
  /** Replace the message (paging, "Similar episodes", "Another one"), keeping who sees it. */
  | { kind: 'replace'; visibility: Visibility }
  /** A new private message (an expired button, nothing similar); the results stay. */
  | { kind: 'notice' };

/**
 * How a button's answer is delivered, on both platforms: anything but
 * episode results is a private notice; a share button posts the results to
 * the channel; any other button replaces the message it was on and keeps its
 * visibility (`message`).
 */
export function buttonDelivery(answer: Answer, sharing: boolean, message: Visibility): ButtonDelivery {
  if (answer.kind !== 'episodes') return { kind: 'notice' };
  return sharing ? { kind: 'share' } : { kind: 'replace', visibility: message };
}
