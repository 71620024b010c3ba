import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { encodeActionRef } from '../../core/answers/action-ref.ts';
import type { ActionRef, AnswerAction } from '../../core/answers/answer.ts';
import { LIMITS } from './discord-limits.ts';
import { clip, plainText } from './discord-text.ts';

/** An action row of buttons, as Discord's JSON. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The tag of the "Post to channel" button's custom id. */
export const SHARE_TAG = 'share';

/** Label of the button that posts an ephemeral answer publicly. */
export const SHARE_LABEL = 'Post to channel';

const STYLES: Record<AnswerAction['kind'], APIButtonComponentWithCustomId['style']> = {
  previous: ButtonStyle.Secondary,
  next: ButtonStyle.Secondary,
  similar: ButtonStyle.Primary,
  another: ButtonStyle.Primary,
  share: ButtonStyle.Success,
};

/**
 * The answer's actions as buttons, 5 per row and at most 5 rows, with
 * "Post to channel" last when `shareRef` is given. A button whose ref does
 * not fit in a custom id (100 characters) is left out, as is a duplicate.
 */
export function renderButtons(actions: readonly AnswerAction[], shareRef: ActionRef | null): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const add = (kind: AnswerAction['kind'], label: string, customId: string | null) => {
    if (customId === null || buttons.some((b) => b.custom_id === customId)) return;
    buttons.push({ type: ComponentType.Button, style: STYLES[kind], label: clip(plainText(label), LIMITS.buttonLabel), custom_id: customId });
  };
  const room = LIMITS.rows * LIMITS.buttonsPerRow - (shareRef ? 1 : 0);
  for (const action of actions) if (buttons.length < room) add(action.kind, action.label, encodeActionRef(action.ref));
  if (shareRef) add('share', SHARE_LABEL, encodeActionRef(shareRef, SHARE_TAG));
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}
