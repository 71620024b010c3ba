import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { podcastCommand, type PodcastService } from '../../../../commands/podcast.ts';
import { CommandRegistry } from '../../../../commands/registry.ts';
import type { CommandDefinition } from '../../../../commands/types.ts';
import { MANIFEST_LIMITS, buildSlackManifest, type SlackManifest } from '../../../../src/adapters/slack/manifest.ts';
import { emptyAnswer } from '../../../../src/core/answers/answer.ts';

const run = promisify(execFile);
const never = (): never => {
  throw new Error('not called');
};
const definitionsOnly: PodcastService = { subscribe: never, unsubscribe: never, status: never };
const commands = new CommandRegistry(() => 'podcast', [podcastCommand(definitionsOnly)]).commands;
const URL = 'https://bot.example.com/slack/events';

/** Runs `npm run slack:manifest`'s script with no Slack variables at all. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/app/cli/slack-manifest.ts', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('Slack app manifest', () => {
  it('declares every command for Socket Mode by default, with hints, escaped by Slack only when it takes a channel', () => {
    const manifest = buildSlackManifest({ commands });

    expect(manifest.settings).toEqual({
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    });
    expect(manifest.features.slash_commands).toEqual([
      { command: '/episode', description: 'Find episodes by topic, guest or title (empty: the latest episodes)', usage_hint: '[query] [show:<name>]', should_escape: false },
      { command: '/latest', description: 'The newest episodes', usage_hint: '[show]', should_escape: false },
      { command: '/guest', description: 'Every episode with a guest (typos are fine)', usage_hint: '<name>', should_escape: false },
      { command: '/random', description: 'A random episode to listen to', usage_hint: '[show]', should_escape: false },
      { command: '/recommend', description: 'What to listen to next, given an episode or a topic', usage_hint: '<episode>', should_escape: false },
      {
        command: '/podcast',
        description: 'Follow podcasts, subscribe channels to new episodes, see the feed status (admins only)',
        usage_hint: 'follow <feed URL or name> | unfollow <show> [remove:true] | subscribe [show] [#channel] [only:<words>] [@group] | unsubscribe [show] [#channel] | status',
        should_escape: true,
      },
      { command: '/help', description: 'What this bot can do, with examples', should_escape: false },
    ]);
    expect(manifest.features.slash_commands.every((c) => c.description.length <= MANIFEST_LIMITS.commandDescription)).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history']);
    expect(manifest.features.bot_user).toEqual({ display_name: 'episode-bot', always_online: true });
  });

  it('points every slash command and interactivity at the events URL in HTTP mode', () => {
    const manifest = buildSlackManifest({ commands, requestUrl: URL });

    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: URL });
    expect(manifest.features.slash_commands.map((c) => c.url)).toEqual(commands.map(() => URL));
  });

  it('keeps names and descriptions within Slack\'s limits and marks admin-only commands', () => {
    const long: CommandDefinition = {
      name: 'podcast-subscriptions-for-this-workspace', description: 'd'.repeat(3000), options: [], examples: [],
      requiresManage: true, run: () => emptyAnswer('notice', ''),
    };

    const manifest: SlackManifest = buildSlackManifest({ commands: [long], name: 'n'.repeat(100) });

    const [cmd] = manifest.features.slash_commands;
    expect(cmd!.command).toHaveLength(MANIFEST_LIMITS.commandName);
    expect(cmd!.description.length).toBeLessThanOrEqual(MANIFEST_LIMITS.commandDescription);
    expect(buildSlackManifest({ commands: [{ ...long, description: 'Subscribe' }] }).features.slash_commands[0]!.description).toBe(
      'Subscribe (admins only)',
    );
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(MANIFEST_LIMITS.appName);
  });

  it.each(['http://bot.example.com/slack/events', 'bot.example.com', ''])('refuses the request URL "%s"', (url) => {
    expect(() => buildSlackManifest({ commands, requestUrl: url })).toThrow(/must be an https:\/\/ URL/);
  });
});

describe('npm run slack:manifest', () => {
  it('prints the Socket Mode manifest as JSON with no Slack tokens set', async () => {
    const { code, stdout } = await cli();

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(buildSlackManifest({ commands }));
  });

  it('prints the HTTP-mode manifest for --url', async () => {
    const { code, stdout } = await cli('--url', URL);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(buildSlackManifest({ commands, requestUrl: URL }));
  });

  it.each([
    [['--url', 'http://insecure.example.com'], /must be an https:\/\/ URL/],
    [['--frobnicate'], /unknown option --frobnicate/],
  ])('exits with status 2 and a message for %s', async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
