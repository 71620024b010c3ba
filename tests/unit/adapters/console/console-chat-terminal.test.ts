import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { announcementAnswer } from '../../../../src/core/answers/announcement.ts';
import { ConsoleChat } from '../../../../src/adapters/console/console-chat.ts';
import { shippedLibrary } from '../../../helpers/bot.ts';
import { testDispatcher } from '../../../helpers/bot.ts';

const { dispatcher } = await testDispatcher();

/** The console chat on a terminal: keys go in as a terminal sends them, everything written comes out. */
class Terminal {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly chat: ConsoleChat;
  text = '';

  constructor() {
    this.output.on('data', (d) => (this.text += d));
    this.chat = new ConsoleChat({ dispatcher, input: this.input, output: this.output, interactive: true, greeting: 'Hello.' });
  }

  /** Types keys (a string of characters as a terminal sends them) and lets the chat react. */
  async type(keys: string): Promise<void> {
    this.input.write(keys);
    await settle();
  }

  /** What the screen shows, ANSI cursor movements removed. */
  get plain(): string {
    // eslint-disable-next-line no-control-regex
    return this.text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  }

  /** Output written after `marker` last appeared. */
  after(marker: string): string {
    return this.plain.slice(this.plain.lastIndexOf(marker) + marker.length);
  }

  closed(): Promise<boolean> {
    return Promise.race([this.chat.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 300))]);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const CTRL_C = '\x03';
const CTRL_D = '\x04';

let term: Terminal | null = null;
afterEach(async () => {
  await term?.chat.stop();
  term = null;
});

async function open(): Promise<Terminal> {
  term = new Terminal();
  await term.chat.start();
  await settle();
  return term;
}

describe('the console chat on a terminal', () => {
  it('clears a half-typed line at Ctrl-C and keeps running', async () => {
    const t = await open();
    await t.type('kubern');
    await t.type(CTRL_C);
    expect(await t.closed()).toBe(false);
    await t.type('istio\r');
    expect(t.plain).toContain('Episodes matching “istio”');
    expect(t.plain).not.toContain('kubernistio');
  });

  it('leaves at a second Ctrl-C', async () => {
    const t = await open();
    await t.type('chaos');
    await t.type(CTRL_C);
    await t.type(CTRL_C);
    expect(await t.closed()).toBe(true);
  });

  it('says how to leave at Ctrl-C on an empty line, and leaves at the next one', async () => {
    const t = await open();
    await t.type(CTRL_C);
    expect(t.plain).toContain('(Ctrl-C again or Ctrl-D leaves; so does /quit.)');
    expect(await t.closed()).toBe(false);
    await t.type(CTRL_C);
    expect(await t.closed()).toBe(true);
  });

  it('does not leave at a Ctrl-C after typing resumed', async () => {
    const t = await open();
    await t.type(CTRL_C);
    await t.type('x');
    await t.type(CTRL_C);
    expect(await t.closed()).toBe(false);
  });

  it('leaves at Ctrl-D on an empty line', async () => {
    const t = await open();
    await t.type(CTRL_D);
    expect(await t.closed()).toBe(true);
  });

  it('prints a log line above the prompt and keeps the half-typed line', async () => {
    const t = await open();
    await t.type('kube');
    t.chat.print('WARN: feed slow');
    await settle();
    const shown = t.after('WARN: feed slow');
    expect(shown).toBe('\nepisode-bot> kube');
    await t.type('rnetes\r');
    expect(t.plain).toContain('Episodes matching “kubernetes”');
  });

  it('prints an announcement above the prompt, and s then shows episodes similar to it', async () => {
    const t = await open();
    await t.type('chao');
    const zack = (await shippedLibrary()).get('zack-butcher')!;
    t.chat.announce(announcementAnswer(zack, 'Break Things on Purpose'));
    await settle();
    expect(t.after('s = similar episodes')).toBe('\n\nepisode-bot> chao');
    await t.type('\x15s\r');
    expect(t.plain).toContain('If you liked “Zack Butcher”');
  });

  it('treats a bare line exactly as /episode <line>', async () => {
    const t = await open();
    await t.type('latest\r');
    expect(t.plain).toContain('Latest episodes');
    expect(t.plain).not.toContain('No episodes match “latest”');
    await t.type('help\r');
    expect(t.after('help\r')).toContain('/episode [query]');
  });

  it('lists its keys in /help', async () => {
    const t = await open();
    await t.type('/help\r');
    const help = t.after('/help');
    expect(help).toContain('Keys in this console');
    for (const key of ['n / p: next / previous page', 's: episodes similar', 'a: another random episode', '/quit']) expect(help).toContain(key);
  });

  it('says what happened when n, p or a have nothing to do', async () => {
    const t = await open();
    await t.type('/episode chaos\r');
    await t.type('p\r');
    expect(t.plain).toContain('This is the first page already (page 1 of 2). n goes on.');
    await t.type('n\r');
    await t.type('n\r');
    expect(t.plain).toContain('That was the last page (page 2 of 2). p goes back.');
    await t.type('s\r');
    await t.type('a\r');
    expect(t.plain).toContain('“a” picks another random episode after /random. Type /random.');
  });

  it('goes on to older episodes after /episode with no query, without showing the newest again', async () => {
    const t = await open();
    await t.type('/episode\r');
    await t.type('n\r');
    const second = t.after('n\r');
    expect(second).toContain('6. Paul Marsicovetere');
    expect(second).not.toContain('Maxim Fateev and Samar Abbas');
  });
});
