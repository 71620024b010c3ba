import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  TextChannel,
  type Interaction,
} from 'discord.js';
import { DiscordErrors, startDiscordDouble, type DiscordDouble } from '../../doubles/discord/index.ts';

/** Client options that keep discord.js entirely on the double. */
function clientFor(double: DiscordDouble): Client {
  return new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: double.apiUrl }, shards: [0], shardCount: 1 });
}

function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

/** Every outbound TCP connection made by this test file (REST via undici, gateway via ws). */
const outbound: string[] = [];
const onSocket = (message: unknown): void => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('lookup', (_error: Error | null, _address: string, _family: number, host: string) => outbound.push(`dns:${host}`));
  socket.once('connect', () => outbound.push(`${socket.remoteAddress}:${socket.remotePort}`));
};

describe('Discord double with the real discord.js Client', () => {
  let double: DiscordDouble;
  let client: Client;
  let readyClient: Promise<Client>;

  beforeAll(async () => {
    subscribe('net.client.socket', onSocket);
    double = await startDiscordDouble();
    client = clientFor(double);
    readyClient = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(double.token);
    await readyClient;
  });

  afterAll(async () => {
    await client?.destroy();
    await double?.close();
    unsubscribe('net.client.socket', onSocket);
  });

  it('logs in through GET /gateway/bot, a JSON gateway, READY and GUILD_CREATE', async () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(double.botUser.id);
    expect(client.application?.id).toBe(double.applicationId);
    const guild = client.guilds.cache.get(double.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(double.channelId)).toBeInstanceOf(TextChannel);

    const gatewayBot = double.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers['authorization']).toBe(`Bot ${double.token}`);
    expect(double.gatewayConnections[0]?.query).toEqual({ v: '10', encoding: 'json' });
    const identify = await double.waitForGatewayPayload((p) => p.op === 2);
    expect(identify.d).toMatchObject({ token: double.token, intents: GatewayIntentBits.Guilds, shard: [0, 1], compress: false });
  });

  it('delivers a chat-input INTERACTION_CREATE as a ChatInputCommandInteraction with its options', async () => {
    const received = nextInteraction(client);
    const { id } = double.sendInteraction(double.chatInputInteraction({ name: 'ask', options: { question: 'Which episode covers Rust?' } }));
    const interaction = await received;

    expect(interaction).toBeInstanceOf(ChatInputCommandInteraction);
    const command = interaction as ChatInputCommandInteraction;
    expect(command.id).toBe(id);
    expect(command.commandName).toBe('ask');
    expect(command.options.getString('question', true)).toBe('Which episode covers Rust?');
    expect(command.guildId).toBe(double.guildId);
    expect(command.channel?.id).toBe(double.channelId);
    expect(command.memberPermissions?.has('SendMessages')).toBe(true);
    await command.reply('ok');
  });

  it('records an ephemeral reply as callback type 4 answered with a bodiless 204', async () => {
    const received = nextInteraction(client);
    const { id } = double.sendInteraction(double.chatInputInteraction({ name: 'ask', options: { question: 'q' } }));
    const interaction = (await received) as ChatInputCommandInteraction;

    await interaction.reply({ content: 'hi', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });

    const callback = await double.waitForCallback(id);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'hi', flags: 64, allowed_mentions: { parse: [] } } });
    expect(callback.bodyKind).toBe('json');
    expect(callback.withResponse).toBe(false);
    expect(callback.request.status).toBe(204);
    expect(callback.request.headers['authorization']).toBeUndefined();
    expect(interaction.replied && interaction.ephemeral).toBe(true);
  });

  it('records a reply with a file as a multipart callback with payload_json and the file', async () => {
    const received = nextInteraction(client);
    const { id } = double.sendInteraction(double.chatInputInteraction({ name: 'transcript' }));
    const interaction = (await received) as ChatInputCommandInteraction;

    await interaction.reply({ content: 'Transcript attached', files: [{ attachment: Buffer.from('Hello listeners'), name: 'ep42.txt' }] });

    const callback = await double.waitForCallback(id);
    expect(callback.bodyKind).toBe('multipart');
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'Transcript attached', attachments: [{ id: '0' }] } });
    expect(callback.files.map((f) => [f.field, f.filename, f.data.toString()])).toEqual([['files[0]', 'ep42.txt', 'Hello listeners']]);
  });

  it('answers with_response=true with an interaction callback response carrying the message', async () => {
    const received = nextInteraction(client);
    double.sendInteraction(double.chatInputInteraction({ name: 'ask' }));
    const interaction = (await received) as ChatInputCommandInteraction;

    const response = await interaction.reply({ content: 'with response', withResponse: true });

    expect(response.resource?.message?.content).toBe('with response');
    expect(response.interaction.responseMessageId).toBe(response.resource?.message?.id);
  });

  it('defers (type 5), then edits @original with a PATCH and sends a follow-up to the webhook', async () => {
    const received = nextInteraction(client);
    const { id, token } = double.sendInteraction(double.chatInputInteraction({ name: 'ask', options: { question: 'slow one' } }));
    const interaction = (await received) as ChatInputCommandInteraction;

    await interaction.deferReply();
    expect((await double.waitForCallback(id)).body).toEqual({ type: 5, data: { flags: 0 } });

    const edited = await interaction.editReply({ content: 'Episode 42 covers it.' });
    expect(edited.content).toBe('Episode 42 covers it.');
    const patch = await double.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${double.applicationId}/${token}/messages/@original`);
    expect(patch.body).toMatchObject({ content: 'Episode 42 covers it.' });
    expect(patch.status).toBe(200);

    const followUp = await interaction.followUp({ content: 'More details', flags: MessageFlags.Ephemeral });
    expect(followUp.content).toBe('More details');
    const post = await double.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${double.applicationId}/${token}`);
    expect(post.query).toMatchObject({ wait: 'true' });
    expect((await interaction.fetchReply()).content).toBe('Episode 42 covers it.');
  });

  it('delivers a DM interaction with a user instead of a member (channel uncached without Partials.Channel)', async () => {
    const received = nextInteraction(client);
    const { id } = double.sendInteraction(double.chatInputInteraction({ name: 'ask', guildId: null, user: { id: '1300000000000000333', username: 'dm-fan' } }));
    const interaction = (await received) as ChatInputCommandInteraction;

    expect(interaction.inGuild()).toBe(false);
    expect([interaction.user.username, interaction.member, interaction.channel]).toEqual(['dm-fan', null, null]);
    await interaction.reply('Hello in DM');
    expect((await double.waitForCallback(id)).body).toMatchObject({ type: 4, data: { content: 'Hello in DM' } });
  });

  it('answers an autocomplete interaction with type 8 choices', async () => {
    const received = nextInteraction(client);
    const { id } = double.sendInteraction(double.autocompleteInteraction({ name: 'episode', focusedOption: 'title', value: 'ru' }));
    const interaction = await received;

    expect(interaction).toBeInstanceOf(AutocompleteInteraction);
    const autocomplete = interaction as AutocompleteInteraction;
    expect(autocomplete.options.getFocused(true)).toMatchObject({ name: 'title', value: 'ru' });
    await autocomplete.respond([{ name: 'Rust in production', value: 'ep-42' }]);

    expect((await double.waitForCallback(id)).body).toEqual({ type: 8, data: { choices: [{ name: 'Rust in production', value: 'ep-42' }] } });
  });

  it("updates the message a button was on with callback type 7", async () => {
    const received = nextInteraction(client);
    const payload = double.componentInteraction({ customId: 'more:42' });
    const { id } = double.sendInteraction(payload);
    const interaction = await received;

    expect(interaction).toBeInstanceOf(ButtonInteraction);
    const button = interaction as ButtonInteraction;
    expect(button.customId).toBe('more:42');
    expect(button.message.id).toBe(payload.message.id);
    await button.update({ content: 'Expanded', components: [] });

    expect((await double.waitForCallback(id)).body).toMatchObject({ type: 7, data: { content: 'Expanded', components: [] } });
  });

  it('fetches a channel over REST and posts a message to it', async () => {
    const channel = await client.channels.fetch(double.channelId, { force: true });
    expect(channel).toBeInstanceOf(TextChannel);

    const message = await (channel as TextChannel).send({ content: 'New episode out!', allowedMentions: { parse: [] } });

    expect(message.content).toBe('New episode out!');
    expect(message.author.id).toBe(double.botUser.id);
    const post = await double.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${double.channelId}/messages`);
    expect(post.headers['authorization']).toBe(`Bot ${double.token}`);
    expect(post.body).toMatchObject({ content: 'New episode out!', allowed_mentions: { parse: [] } });
  });

  it('retries a message POST after a 429 with retry_after', async () => {
    const channel = client.channels.cache.get(double.channelId) as TextChannel;
    double.rateLimitChannelMessagesOnce(double.channelId, 0.05);
    const before = double.requests.length;

    const message = await channel.send('after the limit');

    expect(message.content).toBe('after the limit');
    const [limited, retried] = double.requests.slice(before).filter((r) => r.method === 'POST');
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(50);
  });

  it('surfaces a 403 Missing Permissions as a DiscordAPIError with code 50013', async () => {
    const channel = client.channels.cache.get(double.channelId) as TextChannel;
    double.failChannelMessages(double.channelId, DiscordErrors.missingPermissions);
    try {
      const error = await channel.send('forbidden').then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ code: 50013, status: 403, message: 'Missing Permissions' });
    } finally {
      double.failChannelMessages(double.channelId, null);
    }
  });

  it('overwrites global and guild application commands and returns them with ids', async () => {
    const commands = await client.application!.commands.set([{ name: 'ask', description: 'Ask about episodes' }]);
    expect(commands.first()?.name).toBe('ask');
    expect(commands.first()?.id).toMatch(/^\d+$/);
    const guildCommands = await client.application!.commands.set([{ name: 'latest', description: 'Latest episode' }], double.guildId);
    expect(guildCommands.first()?.guildId).toBe(double.guildId);

    expect(double.commands()).toMatchObject([{ name: 'ask', application_id: double.applicationId }]);
    expect((await client.application!.commands.fetch()).map((c) => c.name)).toEqual(['ask']);
  });

  it('resumes the session after the gateway asks for a reconnect', async () => {
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    double.requestReconnect();
    const resume = await double.waitForGatewayPayload((p) => p.op === 6, 5_000);
    expect(resume.d).toMatchObject({ token: double.token });
    await resumed;

    const received = nextInteraction(client);
    double.sendInteraction(double.chatInputInteraction({ name: 'ask' }));
    expect((await received).isChatInputCommand()).toBe(true);
  });

  it('rejects login with a wrong token as TokenInvalid', async () => {
    const intruder = clientFor(double);
    await expect(intruder.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await intruder.destroy();
  });

  it('saw no unexpected REST calls and no connection to anything but the double', () => {
    expect(double.unmatchedRequests).toEqual([]);
    const doubleAddress = new URL(double.apiUrl).host;
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.filter((target) => target !== doubleAddress)).toEqual([]);
  });
});

describe('Discord double standalone behaviour', () => {
  it('answers unknown routes with Discord-style 404 JSON and lists them when a wait times out', async () => {
    const double = await startDiscordDouble();
    try {
      const response = await fetch(`${double.apiUrl}/v10/voice/regions`, { headers: { authorization: `Bot ${double.token}` } });
      expect([response.status, await response.json()]).toEqual([404, { message: '404: Not Found', code: 0 }]);
      expect(double.unmatchedRequests).toMatchObject([{ method: 'GET', path: '/voice/regions', matched: false }]);
      await expect(double.waitForCallback('42', 20)).rejects.toThrow(/No callback for interaction 42[^]*GET \/voice\/regions \[UNMATCHED\] → 404/);
    } finally {
      await double.close();
    }
  });

  it('acknowledges heartbeats (op 1 → op 11)', async () => {
    const double = await startDiscordDouble({ heartbeatIntervalMs: 50 });
    const client = clientFor(double);
    try {
      const acknowledged = new Promise<void>((resolve) =>
        client.on(Events.Debug, (message) => message.includes('Heartbeat acknowledged') && resolve()),
      );
      await client.login(double.token);
      await double.waitForGatewayPayload((p) => p.op === 1);
      await acknowledged;
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    } finally {
      await client.destroy();
      await double.close();
    }
  });

  it('leaves no sockets or servers open after client.destroy() and double.close()', async () => {
    const tcp = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const baseline = tcp();
    const double = await startDiscordDouble();
    const client = clientFor(double);
    await client.login(double.token);
    expect(tcp()).toBeGreaterThan(baseline);

    await client.destroy();
    await double.close();

    expect(double.connectedSessions).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tcp()).toBeLessThanOrEqual(baseline);
  });
});
