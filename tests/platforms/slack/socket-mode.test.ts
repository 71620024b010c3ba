import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import {
  BOT_TOKEN,
  blockText,
  buttonsOf,
  closeHarness,
  startAdapterHarness,
  type AdapterHarness,
} from '../../doubles/slack/adapter-harness.ts';
import { blockActionPayload, slashCommandBody } from '../../doubles/slack/payloads.ts';

const APP_TOKEN = 'xapp-1-A0TEST-fake-app-level-token';

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

/** A slash command as Socket Mode delivers it: the same fields as the HTTP form, as a JSON object. */
function slashCommand(text: string, responseUrl: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(slashCommandBody({ command: '/episode', text, responseUrl })));
}

describe('Slack adapter in Socket Mode', () => {
  it('connects with the app-level token and listens on no port', async () => {
    h = await startAdapterHarness({ appToken: APP_TOKEN });

    expect(h.adapter.mode).toBe('socket');
    expect(h.adapter.httpEndpoint).toBeNull();
    expect(h.double.socketMode.connections).toBe(1);
    const [open] = h.double.callsTo('apps.connections.open');
    expect(open).toMatchObject({ status: 200, response: { ok: true } });
    expect(open!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.logs.some((l) => l.msg === 'Slack adapter listening' && l['mode'] === 'socket')).toBe(true);
    // Bolt and Socket Mode log through our logger at debug level, and no token appears in any line.
    expect(h.logs.some((l) => l['component'] === 'bolt' && l.level === 20)).toBe(true);
    expect(JSON.stringify(h.logs)).not.toMatch(/xapp-1|xoxb-fake/);
  });

  it('answers a slash command envelope in its ack payload', async () => {
    h = await startAdapterHarness({ appToken: APP_TOKEN });

    const reply = await h.double.socketMode.send('slash_commands', slashCommand('chaos', h.double.responseUrl('sock-1')));

    expect(h.double.responsesTo('sock-1')).toEqual([]);
    expect(reply['response_type']).toBe('ephemeral');
    expect(blockText(reply)).toContain('▶ Chaos Engineering and improvement — 11:25');
    expect(buttonsOf(reply).map((b) => b.text)).toEqual(['Next page', 'Similar episodes', 'Share in channel']);
  });

  it('answers a button envelope by replacing the message', async () => {
    h = await startAdapterHarness({ appToken: APP_TOKEN });

    const payload = blockActionPayload({ actionId: '1:e:1:chaos', value: '1:e:1:chaos', responseUrl: h.double.responseUrl('sock-2'), message: null });
    await h.double.socketMode.send('interactive', payload);
    const reply = await h.double.waitForResponse('sock-2');

    expect(reply).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(blockText(reply)).toContain('Page 2 of 2 · 7 results');
  });

  it('closes the connection when stopped', async () => {
    h = await startAdapterHarness({ appToken: APP_TOKEN });

    await h.adapter.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(h.double.socketMode.connections).toBe(0);
  });
});

describe('createSlackAdapter', () => {
  it('refuses HTTP mode without a signing secret, naming both ways out', () => {
    expect(() =>
      createSlackAdapter({
        dispatcher: {} as Dispatcher, log: pino({ level: 'silent' }), botToken: BOT_TOKEN, ephemeral: true, adminUserIds: [],
      }),
    ).toThrow('Slack HTTP mode needs a signing secret (SLACK_SIGNING_SECRET), or set an app token (SLACK_APP_TOKEN) for Socket Mode');
  });
});
