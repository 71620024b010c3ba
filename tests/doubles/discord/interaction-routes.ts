import type { APIMessage } from 'discord.js';
import { applyMessageEdit, buildMessage } from './entities.ts';
import { discordError, json, noContent, type IncomingCall, type Reply } from './http-utils.ts';
import type { DoubleState, InteractionRecord } from './state.ts';
import type { InteractionCallbackBody } from './types.ts';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

const unknownInteraction = (): Reply => discordError(404, 10062, 'Unknown interaction');
const unknownWebhook = (): Reply => discordError(404, 10015, 'Unknown Webhook');
const unknownMessage = (): Reply => discordError(404, 10008, 'Unknown Message');

// Builds a message sent through the interaction's webhook (reply, deferred reply or follow-up).
function webhookMessage(state: DoubleState, record: InteractionRecord, data: unknown, files: IncomingCall['files']): APIMessage {
  const { payload } = record;
  const channelId = payload.channel?.id ?? payload.channel_id ?? '0';
  const message = buildMessage({
    channelId,
    ...(payload.guild_id ? { guildId: payload.guild_id } : {}),
    author: state.botUser,
    body: data,
    files,
    webhookId: state.applicationId,
    applicationId: state.applicationId,
  });
  const user = payload.member?.user ?? payload.user;
  if (payload.type === 2 && user) {
    message.type = 20;
    message.interaction_metadata = {
      id: payload.id,
      type: 2,
      user,
      authorizing_integration_owners: payload.authorizing_integration_owners,
    };
  }
  return message;
}

/** `POST /interactions/:id/:token/callback` — Discord answers 204 without a body unless `with_response=true`. */
export function handleInteractionCallback(state: DoubleState, call: IncomingCall, id: string, token: string): Reply {
  const record = state.interactions.get(id);
  if (!record || record.payload.token !== token) return unknownInteraction();
  if (record.acknowledged) return discordError(400, 40060, 'Interaction has already been acknowledged.');
  const body = call.body as InteractionCallbackBody | null;
  if (!body || typeof body.type !== 'number') return discordError(400, 50035, 'Invalid Form Body');
  record.acknowledged = true;

  let message: APIMessage | null = null;
  if (body.type === 4) {
    message = record.original = webhookMessage(state, record, body.data, call.files);
  } else if (body.type === 5) {
    const flags = (Number(body.data?.['flags'] ?? 0) & EPHEMERAL) | LOADING;
    message = record.original = webhookMessage(state, record, { content: '', flags }, []);
  } else if ((body.type === 7 || body.type === 6) && record.payload.message) {
    const stored = state.messages.get(record.payload.message.id) ?? record.payload.message;
    message = body.type === 7 ? applyMessageEdit(stored, body.data, call.files) : stored;
    state.messages.set(message.id, message);
    // Like Discord, `@original` of a component interaction is then the message the component is on.
    record.original = message;
  }

  const withResponse = call.query['with_response'] === 'true';
  if (!withResponse) return noContent();
  return json(200, {
    interaction: {
      id,
      type: record.payload.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: body.type === 5,
            response_message_ephemeral: ((message.flags ?? 0) & EPHEMERAL) !== 0,
          }
        : {}),
    },
    resource: { type: body.type, ...(message && body.type !== 6 ? { message } : {}) },
  });
}

function findByToken(state: DoubleState, appId: string, token: string): InteractionRecord | undefined {
  if (appId !== state.applicationId) return undefined;
  for (const record of state.interactions.values()) if (record.payload.token === token) return record;
  return undefined;
}

/** `POST /webhooks/:appId/:token` — an interaction follow-up message. */
export function handleFollowUp(state: DoubleState, call: IncomingCall, appId: string, token: string): Reply {
  const record = findByToken(state, appId, token);
  if (!record || !record.acknowledged) return unknownWebhook();
  const message = webhookMessage(state, record, call.body, call.files);
  record.followUps.set(message.id, message);
  return call.query['wait'] === 'true' ? json(200, message) : noContent();
}

/** `GET|PATCH|DELETE /webhooks/:appId/:token/messages/:messageId` (`@original` = the interaction response). */
export function handleWebhookMessage(state: DoubleState, call: IncomingCall, appId: string, token: string, messageId: string): Reply {
  const record = findByToken(state, appId, token);
  if (!record) return unknownWebhook();
  const isOriginal = messageId === '@original' || record.original?.id === messageId;
  const message = isOriginal ? record.original : record.followUps.get(messageId);
  if (!message) return unknownMessage();
  if (call.method === 'GET') return json(200, message);
  if (call.method === 'DELETE') {
    if (isOriginal) record.original = null;
    else record.followUps.delete(messageId);
    return noContent();
  }
  if (call.method === 'PATCH') {
    applyMessageEdit(message, call.body, call.files);
    message.flags = (message.flags ?? 0) & ~LOADING;
    return json(200, message);
  }
  return discordError(405, 0, '405: Method Not Allowed');
}
