import { MessageFlags, type APIMessageComponentButtonInteraction } from 'discord.js';
import { decodeActionRef } from '../../core/answers/action-ref.ts';
import { buttonDelivery, isShareable } from '../../core/answers/visibility.ts';
import { deferIfSlow } from '../answer-budget.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { invocationOf, userOf } from './invocation.ts';
import { SHARE_TAG } from './render-buttons.ts';
import { renderAnswer } from './render-embeds.ts';
import type { Responder } from './responder.ts';

/**
 * A button: its custom id (an encoded action ref) to the dispatcher, the
 * answer delivered as `buttonDelivery` says. Paging, "Similar episodes" and
 * "Another one" replace the message (it stays ephemeral or public); "Post to
 * channel" posts the answer publicly with a "Shared by" line that pings
 * nobody; an expired button or an answer that can no longer be made gets a
 * polite private notice and leaves the message alone.
 */
export async function handleButton(interaction: APIMessageComponentButtonInteraction, responder: Responder, deps: HandlerDeps): Promise<void> {
  const customId = interaction.data.custom_id;
  const decoded = decodeActionRef(customId);
  const sharing = decoded.ok && decoded.value.tag === SHARE_TAG;
  const work = deps.dispatcher.action(customId, invocationOf(interaction));
  const { value } = await deferIfSlow(work, deps.deferAfterMs, () => responder.defer(sharing ? 'public' : 'update'));
  const { answer, tag } = value;
  const message = ((interaction.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0 ? 'private' : 'public';
  const delivery = buttonDelivery(answer, tag === SHARE_TAG, message);
  if (delivery.kind === 'notice') {
    await responder.reply(renderAnswer(answer, { shareable: false }), true);
  } else if (delivery.kind === 'share') {
    await responder.reply(renderAnswer(answer, { shareable: false, ...sharedBy(interaction) }), false);
  } else {
    await responder.update(renderAnswer(answer, { shareable: isShareable(answer, delivery.visibility) }));
  }
}

function sharedBy(interaction: APIMessageComponentButtonInteraction): { sharedBy?: string } {
  const id = userOf(interaction)?.id;
  return id ? { sharedBy: id } : {};
}
