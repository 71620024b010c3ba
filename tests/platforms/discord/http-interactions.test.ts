import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../commands/dispatcher.ts';
import { podcastCommand } from '../../../commands/podcast.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { createDiscordHttpAdapter, type DiscordHttpAdapter } from '../../../src/adapters/discord/discord-http-adapter.ts';
import type { DiscordDispatcher } from '../../../src/adapters/discord/handler-deps.ts';
import { StorePodcastService } from '../../../src/podcast-admin/podcast-service.ts';
import type { Store } from '../../../src/store/store.ts';
import { memoryStore } from '../../helpers/library.ts';
import { buttonId, memoryLogger, runCommand, startDiscordBot, type LogLine, type MessageData } from '../../doubles/discord/bot-harness.ts';
import { DEFAULT_MEMBER_PERMISSIONS, startDiscordDouble, type DiscordDouble } from '../../doubles/discord/index.ts';
import { shippedLibrary } from '../../helpers/bot.ts';
import { serveEndpoint, type ServedEndpoint } from '../../helpers/http-endpoint.ts';

const EPHEMERAL = 64;
const MANAGE_GUILD = 1n << 5n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Discord adapter in HTTP mode, mounted on the process's real HTTP server, with the double acting as Discord. */
describe('Discord HTTP interactions endpoint (DISCORD_PUBLIC_KEY)', () => {
  let double: DiscordDouble;
  let adapter: DiscordHttpAdapter;
  let front: ServedEndpoint;
  let store: Store;
  const logs: LogLine[] = [];
  const dispatched: string[] = [];

  beforeAll(async () => {
    double = await startDiscordDouble();
    store = memoryStore();
    const library = await shippedLibrary();
    const registry = new CommandRegistry(() => library.podcast.title, [podcastCommand(new StorePodcastService(store, library, null))]);
    const real = new Dispatcher({ registry, library, random: () => 0, onError: () => undefined });
    const dispatcher: DiscordDispatcher = {
      get commands() {
        return real.commands;
      },
      async command(name, options, invocation, purpose) {
        dispatched.push(name);
        if (options['query'] === 'slow chaos') return sleep(450).then(() => real.command(name, { query: 'chaos' }, invocation, purpose));
        return real.command(name, options, invocation, purpose);
      },
      action: (encoded, invocation) => (dispatched.push(encoded), real.action(encoded, invocation)),
      suggest: (typed, kinds, limit) => (dispatched.push(`suggest:${typed}`), real.suggest(typed, kinds, limit)),
    };
    adapter = createDiscordHttpAdapter({
      dispatcher,
      log: memoryLogger(logs),
      publicKey: double.publicKey,
      applicationId: double.applicationId,
      token: double.token,
      apiUrl: double.apiUrl,
      ephemeral: true,
      deferAfterMs: 150,
    });
    await adapter.start();
    front = await serveEndpoint(adapter.httpEndpoint);
  });

  afterAll(async () => {
    await front?.close();
    await adapter?.stop();
    await double?.close();
    store?.close();
  });

  const post = (payload: Parameters<DiscordDouble['postInteraction']>[1], options?: Parameters<DiscordDouble['postInteraction']>[2]) =>
    double.postInteraction(front.url, payload, options);
  const command = (name: string, options: Record<string, string> = {}, memberPermissions?: bigint) =>
    post(double.chatInputInteraction({ name, options, ...(memberPermissions === undefined ? {} : { memberPermissions }) }));
  const dataOf = (res: { body: unknown }) => (res.body as { data: MessageData }).data;

  it('answers PING with PONG ({ type: 1 }), as Discord checks when the endpoint URL is saved', async () => {
    const res = await post(double.pingInteraction());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 1 });
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('answers a slash command inside the HTTP response, exactly as the gateway mode answers it', async () => {
    const res = await command('episode', { query: 'kubernetes lasagna' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: [{ title: 'Jérôme Petazzoni' }] } });

    const gateway = await startDiscordBot();
    try {
      const overGateway = await runCommand(gateway.double, 'episode', { query: 'kubernetes lasagna' });
      expect(res.body).toEqual(overGateway.body);
    } finally {
      await gateway.close();
    }
    expect(double.requests.filter((r) => r.path.includes('/callback'))).toEqual([]); // the response was the HTTP answer, no REST callback
  });

  it('defers a slow answer (type 5 in the HTTP response) and edits @original over REST with the answer', async () => {
    const payload = double.chatInputInteraction({ name: 'episode', options: { query: 'slow chaos' } });
    const res = await post(payload);
    expect(res.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(res.ms).toBeLessThan(1_000);

    const edit = await double.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${double.applicationId}/${payload.token}/messages/@original`);
    expect(edit.status).toBe(200);
    expect(edit.headers['authorization']).toBeUndefined(); // the interaction token in the URL is the credential
    expect(edit.body).toMatchObject({ embeds: [{ author: { name: 'Episodes matching “chaos”' } }, { footer: { text: 'Page 1 of 2 · 7 results' } }], allowed_mentions: { parse: [] } });
  });

  it('answers autocomplete with choices (type 8)', async () => {
    const res = await post(double.autocompleteInteraction({ name: 'guest', focusedOption: 'name', value: 'petaz' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 8, data: { choices: [{ name: 'Jérôme Petazzoni', value: 'Jérôme Petazzoni' }] } });
  });

  it('pages with Next (type 7, the message updated in place) and posts to the channel with "Post to channel"', async () => {
    const first = dataOf(await command('episode', { query: 'chaos' }));
    const onMessage = { message: { content: '', embeds: first.embeds, components: first.components, flags: EPHEMERAL } as never };

    const next = await post(double.componentInteraction({ customId: buttonId(first, 'Next'), ...onMessage }));
    expect(next.body).toMatchObject({ type: 7, data: { embeds: [{ title: 'Zack Butcher' }, { footer: { text: 'Page 2 of 2 · 7 results' } }] } });

    const shared = await post(double.componentInteraction({ customId: buttonId(first, 'Post to channel'), user: { id: '1300000000000000444' }, ...onMessage }));
    expect(shared.body).toMatchObject({ type: 4, data: { content: 'Shared by <@1300000000000000444>', allowed_mentions: { parse: [] } } });
    expect(dataOf(shared).flags).toBeUndefined();
  });

  it('refuses /podcast to a member without Manage Server, and answers a manager', async () => {
    const member = await command('podcast', { action: 'status' });
    expect(dataOf(member)).toMatchObject({ flags: EPHEMERAL, embeds: [{ title: 'Only server managers can use /podcast' }] });

    const manager = await command('podcast', { action: 'status' }, BigInt(DEFAULT_MEMBER_PERMISSIONS) | MANAGE_GUILD);
    expect(JSON.stringify(dataOf(manager).embeds)).not.toContain('Only server managers');
  });

  it('refuses a missing, wrong or tampered signature with 401 and dispatches nothing', async () => {
    const before = dispatched.length;
    for (const signature of ['none', 'wrong-key', 'tampered'] as const) {
      const res = await post(double.chatInputInteraction({ name: 'episode', options: { query: 'chaos' } }), { signature });
      expect(res.status, signature).toBe(401);
      expect(res.body).toEqual({ error: 'invalid request signature' });
    }
    await sleep(300);
    expect(dispatched.length).toBe(before);
  });

  it('refuses a timestamp more than 5 minutes off (a replayed request), and takes one within', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post(double.pingInteraction(), { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await post(double.pingInteraction(), { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await post(double.pingInteraction(), { timestamp: now - 4 * 60 })).status).toBe(200);
  });

  it('answers bad input with 4xx: a body over 1 MiB (413), malformed JSON (400), not an interaction (400), another content type (415), GET (405)', async () => {
    const huge = await post(null, { rawBody: `{"type":1,"pad":"${'x'.repeat(1024 * 1024 + 10)}"}` });
    expect(huge.status).toBe(413);
    expect((await post(null, { rawBody: '{"type":1,' })).status).toBe(400);
    expect((await post(null, { rawBody: '[1,2,3]' })).status).toBe(400);
    expect((await post(null, { rawBody: '{"type":"1"}' })).status).toBe(400);
    expect((await post(double.pingInteraction(), { contentType: 'text/plain' })).status).toBe(415);
    expect((await post(double.pingInteraction(), { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    const get = await fetch(front.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // Still answering.
    expect((await post(double.pingInteraction())).body).toEqual({ type: 1 });
  });

  it('answers an interaction type it does not handle (a modal submit) with 400, not silence', async () => {
    const modal = { ...double.chatInputInteraction({ name: 'episode' }), type: 5, data: { custom_id: 'm', components: [] } };
    const res = await post(modal as never);
    expect(res.status).toBe(400);
  });

  it('made no unmatched REST calls, and no gateway connection', () => {
    expect(double.unmatchedRequests).toEqual([]);
    expect(double.gatewayConnections).toEqual([]); // with a bot token set too (the comparison test's gateway bot had a double of its own)
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
