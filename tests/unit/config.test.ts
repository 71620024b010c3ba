import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { httpPortOf, loadConfig, parseDuration, secretsOf } from '../../src/config.ts';
import { createLogger, redact } from '../../src/log.ts';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const r = loadConfig({});
    expect(r.ok && r.value).toMatchObject({ CATALOG_PATH: resolve(import.meta.dirname, '..', '..', 'data', 'episodes.json'), FEED_POLL_INTERVAL: 900_000, SLACK_PORT: 3000, DISCORD_EPHEMERAL: true });
  });

  it('names every malformed variable without echoing its value', () => {
    const r = loadConfig({ SLACK_PORT: '99999', LOG_LEVEL: 'loud', DISCORD_API_URL: 'ftp://x', SLACK_BOT_TOKEN: 'not-a-token' });
    expect(r.ok).toBe(false);
    const text = !r.ok ? r.error.join('\n') : '';
    for (const name of ['SLACK_PORT', 'LOG_LEVEL', 'DISCORD_API_URL', 'SLACK_BOT_TOKEN']) expect(text).toContain(`${name}:`);
    expect(text).not.toContain('not-a-token');
  });

  it('names the missing companion of a platform token', () => {
    const discord = loadConfig({ DISCORD_TOKEN: 'abc.def.ghi' });
    expect(!discord.ok && discord.error[0]).toMatch(/^DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set/);
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fake-1-2-3' });
    expect(!slack.ok && slack.error[0]).toMatch(/^SLACK_SIGNING_SECRET: required/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fake-1-2-3', SLACK_APP_TOKEN: 'xapp-fake-1-2' }).ok).toBe(true);
  });

  it('takes the HTTP port from PORT, else SLACK_PORT, else 3000, and names a malformed one', () => {
    const port = (env: Record<string, string>) => {
      const r = loadConfig(env);
      return r.ok ? httpPortOf(r.value) : r.error;
    };
    expect(port({})).toBe(3000);
    expect(port({ SLACK_PORT: '4000' })).toBe(4000);
    expect(port({ PORT: '8080', SLACK_PORT: '4000' })).toBe(8080);
    expect(port({ PORT: '0' })).toEqual(['PORT: must be a whole number from 1 to 65535']);
    expect(port({ PORT: 'http' })).toEqual(['PORT: must be a whole number from 1 to 65535']);
  });

  it('takes DISCORD_PUBLIC_KEY as 64 hex characters, with DISCORD_APPLICATION_ID, and names what is wrong', () => {
    const key = 'a1'.repeat(32);
    expect(loadConfig({ DISCORD_PUBLIC_KEY: key, DISCORD_APPLICATION_ID: '123456789012345678' }).ok).toBe(true);
    const short = loadConfig({ DISCORD_PUBLIC_KEY: 'abc123', DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(!short.ok && short.error).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY: must be the application's public key: 64 hexadecimal characters/)]);
    expect(!short.ok && short.error.join()).not.toContain('abc123');
    const lonely = loadConfig({ DISCORD_PUBLIC_KEY: key });
    expect(!lonely.ok && lonely.error[0]).toMatch(/^DISCORD_APPLICATION_ID: required when DISCORD_PUBLIC_KEY is set/);
  });

  it('reads durations like 15m, 30s and 1h', () => {
    expect([parseDuration('15m'), parseDuration('30s'), parseDuration('1h'), parseDuration('soon')]).toEqual([900_000, 30_000, 3_600_000, null]);
  });
});

describe('logging', () => {
  it('redacts tokens from messages, fields and errors', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const config = loadConfig({ DISCORD_TOKEN: 'MTIzNDU2.secret.token', DISCORD_APPLICATION_ID: '123456789012345678' });
    const log = createLogger({ level: 'info', format: 'json', secrets: config.ok ? secretsOf(config.value) : [], destination: out });
    log.error({ err: new Error('login failed for MTIzNDU2.secret.token'), token: 'xoxb-fake-111-222-abc', url: 'https://x/?t=MTIzNDU2.secret.token' }, 'oops MTIzNDU2.secret.token');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('MTIzNDU2.secret.token');
    expect(text).not.toContain('xoxb-fake-111-222-abc');
    expect(JSON.parse(text)).toMatchObject({ msg: 'oops [redacted]', err: { message: 'login failed for [redacted]' } });
  });

  it('redacts the password of a feed URL, in child loggers\' bindings too (grandchildren included)', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const config = loadConfig({ FEED_URL: 'https://fan:p%40ss-w0rd-9@feeds.example/private.xml' });
    const secrets = config.ok ? secretsOf(config.value) : [];
    const log = createLogger({ level: 'info', format: 'json', secrets, destination: out });
    log.child({ feed: 'https://fan:p%40ss-w0rd-9@feeds.example/private.xml' }).child({ part: 'poll' }).info('polled with p@ss-w0rd-9');
    expect(text).not.toMatch(/p%40ss-w0rd-9|p@ss-w0rd-9/);
    expect(JSON.parse(text)).toMatchObject({ feed: 'https://fan:[redacted]@feeds.example/private.xml', part: 'poll', msg: 'polled with [redacted]' });
  });

  it('redacts Slack-shaped tokens even when they are not configured', () => {
    expect(redact('token xoxb-fake-12345678 leaked', [])).toBe('token xoxb-[redacted] leaked');
  });
});
