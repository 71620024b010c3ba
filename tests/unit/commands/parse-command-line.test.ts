import { describe, expect, it } from 'vitest';
import { decodeActionRef, encodeActionRef } from '../../../src/core/answers/action-ref.ts';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import { CONSOLE, testDispatcher } from '../../helpers/bot.ts';

const { dispatcher, registry } = await testDispatcher();
const run = (name: string, options: Record<string, string> = {}) => dispatcher.command(name, options, CONSOLE);
const ids = (a: { episodes: Array<{ id: string }> }) => a.episodes.map((e) => e.id);

describe('/episode', () => {
  it('answers a search with ranked episodes, the matched chapter and paging', async () => {
    const a = await run('episode', { query: 'kubernetes lasagna' });
    expect(a.kind).toBe('episodes');
    expect(a.headline).toBe('Episodes matching “kubernetes lasagna”');
    expect(a.episodes[0]).toMatchObject({ id: 'jerome-petazzoni', rank: 1, chapter: { title: 'Multilayered Kubernetes lasagna', startSeconds: 966 } });
    expect(a.ref).toEqual({ command: 'episode', arg: 'kubernetes lasagna', page: 0 });
    expect(a.actions.map((x) => x.kind)).toEqual(['similar']);
  });

  it('pages through many results five at a time with Next and Previous', async () => {
    const first = await run('episode', { query: 'chaos' });
    expect(first.episodes).toHaveLength(5);
    expect(first.paging).toMatchObject({ page: 0, pageSize: 5, pageCount: 2 });
    const next = first.actions.find((a) => a.kind === 'next')!;
    const second = (await dispatcher.action(encodeActionRef(next.ref)!, CONSOLE)).answer;
    expect(second.paging?.page).toBe(1);
    expect(second.episodes[0]!.rank).toBe(6);
    expect(second.actions.some((a) => a.kind === 'previous')).toBe(true);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(first.paging!.total);
  });

  it('shows the last page for a page past the end (an old button)', async () => {
    const { answer } = await dispatcher.action(encodeActionRef({ command: 'episode', arg: 'chaos', page: 99 })!, CONSOLE);
    expect(answer.paging).toMatchObject({ page: 1, pageCount: 2 });
    expect(answer.episodes[0]!.rank).toBe(6);
  });

  it('lists the latest episodes when the query is empty, so Next goes on to older ones', async () => {
    const a = await run('episode', { query: '   ' });
    expect(a.headline).toBe('The latest episodes');
    expect(ids(a)[0]).toBe('maxim-fateev-and-samar-abbas');
    const next = (await dispatcher.action(encodeActionRef(a.actions.find((x) => x.kind === 'next')!.ref)!, CONSOLE)).answer;
    expect(ids(next)).not.toContain('maxim-fateev-and-samar-abbas');
    expect(next.episodes[0]!.rank).toBe(6);
  });

  it('says nothing matched and suggests what to try', async () => {
    const a = await run('episode', { query: 'zyzzyva quokka' });
    expect(a.kind).toBe('notice');
    expect(a.headline).toBe('No episodes match “zyzzyva quokka”');
    expect(a.suggestions).toContain('/latest');
    expect(a.episodes).toEqual([]);
  });

  it('suggests a close title or guest for a misspelled query with no match', async () => {
    const a = await run('episode', { query: 'veronca lopes' });
    expect(ids(a)[0] ?? a.suggestions[0]).toMatch(/veronica|Veronica/);
  });
});

describe('/latest, /guest, /random, /help', () => {
  it('lists the newest episodes first, in listing order where dates are missing', async () => {
    const a = await run('latest');
    expect(ids(a)).toEqual(['maxim-fateev-and-samar-abbas', 'john-martinez', 'omar-marrero', 'carmen-saenz', 'zack-butcher']);
    expect(a.paging).toMatchObject({ total: 17, pageCount: 4 });
  });

  it('finds every episode with a guest, typos allowed', async () => {
    expect(ids(await run('guest', { name: 'petazoni' }))).toEqual(['the-hill-youll-die-on', 'jerome-petazzoni']);
    expect(ids(await run('guest', { name: 'Taylor Dolezal' }))).toEqual(['taylor-dolezal', 'taylor-dolezal-terraform-special']);
    expect((await run('guest', { name: 'jerome' })).headline).toBe('Episodes with Jérôme Petazzoni');
  });

  it('says so when no guest matches', async () => {
    const a = await run('guest', { name: 'Nobody Atall' });
    expect(a.kind).toBe('notice');
    expect(a.headline).toBe('No guest matches “Nobody Atall”');
  });

  it('picks a random episode with the injected randomness, with a button for another', async () => {
    const { dispatcher: d } = await testDispatcher(undefined, () => 0.99);
    const a = await d.command('random', {}, CONSOLE);
    expect(ids(a)).toEqual(['ryan-kitchens']);
    expect(a.actions.map((x) => x.kind)).toContain('another');
  });

  it('explains every command with examples', async () => {
    const a = await run('help');
    expect(a.kind).toBe('help');
    expect(a.sections.map((s) => s.title)).toEqual(['/episode [query] [show]', '/latest [show]', '/guest <name>', '/random [show]', '/recommend <episode>', '/help']);
    expect(a.sections.every((s) => s.lines.some((l) => l.startsWith('e.g. /')))).toBe(true);
  });

  it('answers an unknown command with the help text', async () => {
    const a = await run('frobnicate');
    expect(a.kind).toBe('help');
    expect(a.headline).toBe('I don’t know “/frobnicate”. Here is what I can do:');
  });
});

describe('buttons', () => {
  it('round-trips a ref through its encoded form within 100 characters', () => {
    const ref = { command: 'episode' as const, arg: 'kubernetes lasagna', page: 3 };
    const encoded = encodeActionRef(ref, 'share')!;
    expect(encoded.length).toBeLessThanOrEqual(100);
    expect(decodeActionRef(encoded)).toEqual({ ok: true, value: { ref, tag: 'share' } });
  });

  it('leaves out a button whose state would not fit', () => {
    expect(encodeActionRef({ command: 'episode', arg: '🔥'.repeat(60), page: 0 })).toBeNull();
  });

  it('answers a stale or foreign button politely', async () => {
    for (const stale of ['0:e:0:old', 'garbage', '1:z:0:x']) {
      const { answer } = await dispatcher.action(stale, CONSOLE);
      expect(answer.kind).toBe('notice');
      expect(answer.headline).toBe('That button has expired');
    }
  });

  it('answers a button for an episode that no longer exists', async () => {
    const { answer } = await dispatcher.action('1:s:0:gone-episode', CONSOLE);
    expect(answer.headline).toBe('That episode is no longer in the catalog');
  });
});

describe('command lines', () => {
  const parse = (line: string) => parseCommandLine(line, registry.commands);

  it('gives the rest of the line to the command’s text option', () => {
    expect(parse('/episode kubernetes   lasagna')).toEqual({ name: 'episode', options: { query: 'kubernetes   lasagna' } });
    expect(parse('/recommend istio')).toEqual({ name: 'recommend', options: { episode: 'istio' } });
    expect(parse('/latest')).toEqual({ name: 'latest', options: {} });
  });

  it('understands sub-commands inside /episode', () => {
    expect(parse('/episode latest')).toEqual({ name: 'latest', options: {} });
    expect(parse('/episode help')).toEqual({ name: 'help', options: {} });
    expect(parse('/episode like Alex Hidalgo')).toEqual({ name: 'recommend', options: { episode: 'Alex Hidalgo' } });
    expect(parse('/episode guest taylor')).toEqual({ name: 'guest', options: { name: 'taylor' } });
    expect(parse('/episode guest')).toEqual({ name: 'episode', options: { query: 'guest' } });
  });

  it('treats a line without a slash as a search', () => {
    expect(parse('chaos')).toEqual({ name: 'episode', options: { query: 'chaos' } });
  });
});
