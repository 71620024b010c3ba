import type { types } from '@slack/bolt';
import { encodeActionRef } from '../../core/answers/action-ref.ts';
import type { ActionRef, Answer } from '../../core/answers/answer.ts';
import { truncate } from '../../core/model/text.ts';
import { LIMITS } from './block-limits.ts';

/** The tag of the "Share in channel" button's ref. */
export const SHARE_TAG = 'share';

/**
 * Matches every button this adapter renders: an encoded ref, optionally
 * tagged (`share/1:e:0:chaos`). Older versions still match, so a stale
 * button gets the polite "expired" answer instead of silence.
 */
export const ACTION_ID_PATTERN = /^(?:[a-z]+\/)?\d+:[a-z]:/;

/**
 * The answer's buttons (Previous / Next, Similar episodes, Another one) plus
 * "Share in channel" when `shareable`; null when there are none. Each button's
 * `action_id` and `value` are the encoded ref, so it works after a restart.
 */
export function actionsBlock(answer: Answer, shareable: boolean): types.ActionsBlock | null {
  const buttons = answer.actions
    .map((a) => button(a.label === 'Next' || a.label === 'Previous' ? `${a.label} page` : a.label, a.ref))
    .filter((b): b is types.Button => b !== null);
  if (shareable && answer.ref) {
    const share = button('Share in channel', answer.ref, SHARE_TAG);
    if (share) buttons.push({ ...share, style: 'primary' });
  }
  const unique = buttons.filter((b, i) => buttons.findIndex((o) => o.action_id === b.action_id) === i);
  if (unique.length === 0) return null;
  return { type: 'actions', block_id: 'episode-bot-actions', elements: unique.slice(0, LIMITS.actionsElements) };
}

function button(label: string, ref: ActionRef, tag = ''): types.Button | null {
  const encoded = encodeActionRef(ref, tag);
  if (encoded === null || encoded.length > LIMITS.actionId) return null;
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
    action_id: encoded,
    value: encoded,
  };
}
