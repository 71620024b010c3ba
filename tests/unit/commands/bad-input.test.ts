import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import { CONSOLE, testDispatcher } from '../../helpers/bot.ts';

const { dispatcher, errors } = await testDispatcher();
const search = (query: string) => dispatcher.command('episode', { query }, CONSOLE);
const allText = (a: Answer) => JSON.stringify(a);

describe('bad input gets a clear answer, never a crash', () => {
  it('limits queries to 80 characters and says so', async () => {
    const a = await search('x'.repeat(5000));
    expect(a.kind).toBe('error');
    expect(a.headline).toBe('That query is too long');
    expect(a.body[0]).toBe('Please keep it to 80 characters or fewer; yours has 5,000.');
  });

  it('treats emoji-only and punctuation-only queries as having no words', async () => {
    for (const q of ['🔥🔥🔥', '.*[(', '¯\\_(ツ)_/¯ !!!']) {
      const a = await search(q);
      expect(a.kind, q).toBe('notice');
      expect(a.headline).toMatch(/^No episodes match “/);
    }
  });

  it('searches mentions and markup as plain words, and carries them only as plain text', async () => {
    for (const q of ['@everyone', '<@123>', '<@&456> **bold** `code`', '[link](https://evil.example)', "'; DROP TABLE episodes; --"]) {
      const a = await search(q);
      expect(['notice', 'episodes']).toContain(a.kind);
      expect(a.headline.length).toBeLessThan(120);
    }
  });

  it('removes control, zero-width and right-to-left override characters before searching', async () => {
    const a = await search('kuber\u200Bnetes\u202E \u0007lasagna\u0000');
    expect(a.headline).toBe('Episodes matching “kubernetes lasagna”');
    expect(a.episodes[0]!.id).toBe('jerome-petazzoni');
    expect(allText(a)).not.toMatch(/[\u0000-\u0008\u200B\u202E]/);
  });

  it('answers empty names and titles with what to type', async () => {
    expect((await dispatcher.command('guest', { name: ' ' }, CONSOLE)).headline).toBe('Which guest?');
    expect((await dispatcher.command('recommend', {}, CONSOLE)).headline).toBe('Like which episode?');
  });

  it('limits names and titles too', async () => {
    const a = await dispatcher.command('guest', { name: 'n'.repeat(81) }, CONSOLE);
    expect(a.headline).toBe('That name is too long');
  });

  it('renders every odd answer as text without throwing or leaking a stack', async () => {
    for (const q of ['', ' ', '\n\t', '🙂', 'a', '"""', '%s%s%n', '${process.exit()}', '\\', 'null', 'undefined', '__proto__', 'constructor']) {
      const text = renderText(await search(q));
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(errors).toEqual([]);
  });
});

describe('an exception in a handler', () => {
  it('is reported with its context and the user gets a short apology', async () => {
    const { dispatcher: d, errors: seen, registry } = await testDispatcher();
    (registry.commands.find((c) => c.name === 'latest') as { run: unknown }).run = () => {
      throw new Error('disk on fire');
    };
    const a = await d.command('latest', {}, CONSOLE);
    expect(a.kind).toBe('error');
    expect(a.headline).toBe('Sorry, something went wrong on my side');
    expect(JSON.stringify(a)).not.toContain('disk on fire');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.context).toMatchObject({ command: 'latest', platform: 'console', userId: 'u1' });
  });
});
