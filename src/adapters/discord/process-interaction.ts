import {
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentButtonInteraction,
  type REST,
} from 'discord.js';
import { apologyAnswer } from '../../../commands/dispatcher.ts';
import { handleAutocomplete } from './autocomplete-handler.ts';
import { handleButton } from './button-handler.ts';
import { handleCommand } from './command-handler.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { interactionContext } from './invocation.ts';
import { renderAnswer } from './render-embeds.ts';
import { Responder, type InteractionCallback } from './responder.ts';

/** What handling an interaction needs: the handlers' deps and a REST client for the interaction's webhook. */
export interface InteractionDeps extends HandlerDeps {
  /** Webhook calls (edits, follow-ups) authenticate with the interaction token, so a client without a bot token works. */
  rest: REST;
}

/**
 * The one path every Discord interaction takes, whether it came over the
 * gateway (INTERACTION_CREATE) or to the HTTP endpoint: PING gets PONG,
 * autocomplete its choices, slash commands and buttons their answers; the
 * first response goes through `callback` (the HTTP response, or a REST
 * call), the rest over the interaction's webhook. Whatever fails is logged
 * with its context and the user gets an apology; this never rejects.
 * Resolves once the interaction is fully answered; says whether it was one
 * the bot handles (false: nothing was sent).
 */
export async function processInteraction(raw: APIInteraction, callback: InteractionCallback, deps: InteractionDeps): Promise<boolean> {
  if (raw.type === InteractionType.Ping) {
    await callback({ type: InteractionResponseType.Pong }).catch((err: unknown) => deps.log.warn({ err }, 'Discord PING not answered'));
    return true;
  }
  const responder = new Responder(raw, callback, deps.rest);
  if (raw.type === InteractionType.ApplicationCommandAutocomplete) {
    await handleAutocomplete(raw, responder, deps);
    return true;
  }
  if (!isSlashCommand(raw) && !isButton(raw)) return false;
  try {
    if (isSlashCommand(raw)) await handleCommand(raw, responder, deps);
    else if (isButton(raw)) await handleButton(raw, responder, deps);
  } catch (err) {
    deps.log.error({ err, ...interactionContext(raw) }, 'Discord interaction failed');
    await responder
      .reply(renderAnswer(apologyAnswer(), { shareable: false }), true)
      .catch((e: unknown) => deps.log.warn({ err: e, ...interactionContext(raw) }, 'Discord apology not delivered'));
  }
  return true;
}

function isSlashCommand(raw: APIInteraction): raw is APIChatInputApplicationCommandInteraction {
  return raw.type === InteractionType.ApplicationCommand && raw.data.type === ApplicationCommandType.ChatInput;
}

function isButton(raw: APIInteraction): raw is APIMessageComponentButtonInteraction {
  return raw.type === InteractionType.MessageComponent && raw.data.component_type === ComponentType.Button;
}
