import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podcastCommand, type PodcastService } from '../../../commands/podcast.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { commandPayloads } from '../../../src/adapters/discord/command-payloads.ts';
import { registerCommands } from '../../../src/adapters/discord/register.ts';
import { runRegisterCli } from '../../../src/app/cli/register-discord.ts';
import { startDiscordDouble, type DiscordDouble } from '../../doubles/discord/index.ts';

const unused = (): never => {
  throw new Error('not called when registering');
};
const service: PodcastService = { subscribe: unused, unsubscribe: unused, status: unused };
const commands = new CommandRegistry(() => 'Break Things on Purpose', [podcastCommand(service)]).commands;
const NAMES = ['episode', 'latest', 'guest', 'random', 'recommend', 'podcast', 'help'];

describe('Discord command payloads, generated from the command definitions', () => {
  it('turns /episode into a chat-input command with a STRING option, max_length and autocomplete, for servers and DMs', () => {
    const [episode] = commandPayloads(commands, 'global');
    expect(episode).toEqual({
      type: 1,
      name: 'episode',
      description: 'Find episodes by topic, guest or title (empty: the latest episodes)',
      options: [
        { type: 3, name: 'query', description: 'What to look for: a topic, a guest, a title', required: false, max_length: 80, autocomplete: true },
        { type: 3, name: 'show', description: 'Only episodes of this show (when the bot follows several)', required: false, max_length: 80, autocomplete: true },
      ],
      integration_types: [0],
      contexts: [0, 1],
    });
  });

  it('limits /podcast to server managers in servers: Manage Server permission, fixed choices and a channel picker', () => {
    const podcast = commandPayloads(commands, 'global').find((c) => c.name === 'podcast');
    expect(podcast).toMatchObject({
      default_member_permissions: '32',
      contexts: [0],
      options: [
        { type: 3, name: 'action', required: true, max_length: 20, choices: ['subscribe', 'unsubscribe', 'status', 'follow', 'unfollow'].map((c) => ({ name: c, value: c })) },
        { type: 3, name: 'feed', required: false, autocomplete: true },
        { type: 3, name: 'show', required: false, autocomplete: true },
        { type: 7, name: 'channel', required: false, channel_types: [0, 5, 15] },
        { type: 3, name: 'only', required: false, max_length: 100 },
        { type: 8, name: 'mention', required: false },
        { type: 5, name: 'remove', required: false },
        { type: 3, name: 'confirm', required: false },
      ],
    });
    expect(podcast?.options?.[0]).not.toHaveProperty('autocomplete');
  });

  it('keeps every description within 100 characters, puts required options first, and leaves contexts out of guild commands', () => {
    const long = { ...commands[0]!, description: 'd'.repeat(150), options: [{ ...commands[0]!.options[0]!, required: false }, { ...commands[0]!.options[0]!, name: 'must', required: true }] };
    const [payload] = commandPayloads([long], 'guild');
    expect(payload!.description).toHaveLength(100);
    expect(payload!.options!.map((o) => o.name)).toEqual(['must', 'query']);
    expect(payload).not.toHaveProperty('contexts');
    expect(payload).not.toHaveProperty('integration_types');
    expect(payload).not.toHaveProperty('dm_permission');
  });
});

describe('Discord command registration against the double', () => {
  let double: DiscordDouble;
  const options = () => ({ token: double.token, applicationId: double.applicationId, apiUrl: double.apiUrl, commands });

  beforeAll(async () => {
    double = await startDiscordDouble();
  });
  afterAll(async () => {
    await double?.close();
  });

  it('registers in one server with a bulk PUT to the guild route and reports every command as added', async () => {
    const result = await registerCommands({ ...options(), guildId: double.guildId });

    const put = await double.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${double.applicationId}/guilds/${double.guildId}/commands`);
    expect(put.headers['authorization']).toBe(`Bot ${double.token}`);
    expect(put.body).toEqual(commandPayloads(commands, 'guild'));
    expect(double.commands(double.guildId).map((c) => (c as { name: string }).name)).toEqual(NAMES);
    expect(double.commands()).toEqual([]);
    expect(result).toMatchObject({ scope: 'guild', guildId: double.guildId, added: NAMES, changed: [], removed: [], unchanged: [] });
    expect(result.summary).toBe(
      [
        `Registered 7 commands in server ${double.guildId} (available at once):`,
        '  added      /episode, /latest, /guest, /random, /recommend, /podcast, /help',
        '  changed    -',
        '  removed    -',
        '  unchanged  -',
      ].join('\n'),
    );
  });

  it('registers globally when no server is given, and on a second run says what changed and what was removed', async () => {
    const first = await registerCommands(options());
    const put = double.requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.path).toBe(`/applications/${double.applicationId}/commands`);
    expect(first.added).toEqual(NAMES);

    const edited = commands
      .filter((c) => c.name !== 'random')
      .map((c) => (c.name === 'latest' ? { ...c, description: 'The newest episodes, 5 at a time' } : c));
    const second = await registerCommands({ ...options(), commands: edited });

    expect(second).toMatchObject({ scope: 'global', guildId: null, added: [], changed: ['latest'], removed: ['random'], unchanged: ['episode', 'guest', 'recommend', 'podcast', 'help'] });
    expect(double.commands().map((c) => (c as { name: string }).name)).toEqual(['episode', 'latest', 'guest', 'recommend', 'podcast', 'help']);
    expect(double.unmatchedRequests).toEqual([]);
  });
});

describe('npm run register:discord', () => {
  let double: DiscordDouble;
  beforeAll(async () => {
    double = await startDiscordDouble();
  });
  afterAll(async () => {
    await double?.close();
  });

  function run(env: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    return runRegisterCli(env, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
  }

  it('exits 2 naming the missing variable', async () => {
    expect(await run({})).toMatchObject({ code: 2, out: '', err: expect.stringContaining('DISCORD_TOKEN (the bot token) is not set') });
    expect(await run({ DISCORD_TOKEN: 'x'.repeat(20) })).toMatchObject({ code: 2, err: expect.stringContaining('DISCORD_APPLICATION_ID') });
  });

  it('exits 1 when Discord refuses the token, without printing it', async () => {
    const token = 'wrong-token-1234567890';
    const result = await run({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: double.applicationId, DISCORD_API_URL: double.apiUrl });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^register:discord: Discord refused the registration: /);
    expect(result.err).not.toContain(token);
  });

  it('runs as a script: registers in DISCORD_GUILD_ID, prints the changes and exits 0', async () => {
    const env = { ...process.env, DISCORD_TOKEN: double.token, DISCORD_APPLICATION_ID: double.applicationId, DISCORD_GUILD_ID: double.guildId, DISCORD_API_URL: double.apiUrl };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/app/cli/register-discord.ts'], { env, timeout: 20_000 });

    expect(stdout).toContain(`Registered 7 commands in server ${double.guildId}`);
    expect(stdout).toContain('added      /episode, /latest, /guest, /random, /recommend, /podcast, /help');
    expect(double.commands(double.guildId)).toHaveLength(7);
  });
});
