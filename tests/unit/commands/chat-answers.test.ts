import { describe, expect, it } from 'vitest';
import { encodeActionRef } from '../../../src/core/answers/action-ref.ts';
import { episodeFacts } from '../../../src/core/answers/format.ts';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import type { Invocation } from '../../../commands/types.ts';
import { CONSOLE, testDispatcher } from '../../helpers/bot.ts';

const { dispatcher } = await testDispatcher();
const run = (name: string, options: Record<string, string> = {}) => dispatcher.command(name, options, CONSOLE);
const line = (text: string) => {
  const parsed = parseCommandLine(text, dispatcher.commands);
  return dispatcher.command(parsed.name, parsed.options, CONSOLE);
};

/** A seeded source of numbers in [0, 1) (mulberry32), so a test's picks are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a miss that helps', () => {
  it('offers the corrected query when a word is too far off for search but close to a word of the catalog', async () => {
    const a = await run('episode', { query: 'petazoniii' });
    expect(a.headline).toBe('No episodes match “petazoniii”');
    expect(a.body).toContain('Did you mean “petazzoni”?');
    expect(a.suggestions[0]).toBe('/episode petazzoni');
    expect((await run('episode', { query: 'petazzoni' })).episodes.length).toBeGreaterThan(0);
  });

  it('says which words matched nothing when nothing comes close, and suggests a topic the catalog has', async () => {
    const a = await run('episode', { query: 'quantum computing' });
    expect(a.body.join(' ')).toContain('No episode mentions “quantum” or “computing”');
    expect(a.suggestions).toContain('/episode chaos engineering');
    expect(a.suggestions).not.toContain('/episode kubernetes');
  });

  it('answers a multi-word query where some words matched nothing with results for the others, naming the missing ones', async () => {
    const a = await run('episode', { query: 'quantum kubernetes' });
    expect(a.headline).toBe('Episodes matching “quantum kubernetes”');
    expect(a.body).toContain('“quantum” is not in any episode, so these are the results for “kubernetes”.');
    expect(a.episodes[0]!.id).toBe('jerome-petazzoni');
    expect(a.ref).toEqual({ command: 'episode', arg: 'quantum kubernetes', page: 0 });
  });

  it('gives the nearest guest names for a /guest miss, and every guest when there are few', async () => {
    const a = await run('guest', { name: 'Kelsey Hidalgo' });
    expect(a.headline).toBe('No guest matches “Kelsey Hidalgo”');
    expect(a.body[0]).toBe('Did you mean Alex Hidalgo?');
    expect(a.suggestions[0]).toBe('/guest Alex Hidalgo');
    expect(a.body[1]).toMatch(/^The 16 guests: Maxim Fateev, Samar Abbas, .*Ryan Kitchens\.$/);
    const far = await run('guest', { name: 'Kelsey Hightower' });
    expect(far.body[0]).toBe('No guest’s name comes close.');
  });

  it('points a /guest miss at the episodes that mention the name', async () => {
    const a = await run('guest', { name: 'chaos' });
    expect(a.suggestions[0]).toBe('/episode chaos');
    expect(a.body.join(' ')).toContain('7 episodes mention “chaos”');
  });

  it('answers a mistyped command with "did you mean", keeping the rest of the line', async () => {
    const a = await line('/epsiode chaos');
    expect(a.kind).toBe('notice');
    expect(a.headline).toBe('I don’t know “/epsiode”. Did you mean /episode?');
    expect(a.suggestions[0]).toBe('/episode chaos');
    expect(a.sections).toEqual([]);
    expect((await line('/lates')).headline).toContain('Did you mean /latest?');
  });
});

describe('a /recommend miss', () => {
  it('offers the corrected title or topic', async () => {
    const a = await run('recommend', { episode: 'petazoniii' });
    expect(a.headline).toBe('No episode or topic matches “petazoniii”');
    expect(a.suggestions[0]).toBe('/recommend petazzoni');
  });
});

describe('typed titles and names', () => {
  it('strips the quotes around a title, whichever quotes they are', async () => {
    for (const typed of ['"Jérôme Petazzoni"', '“Jérôme Petazzoni”', "'Jérôme Petazzoni'", '« Jérôme Petazzoni »']) {
      const a = await run('recommend', { episode: typed });
      expect(a.headline, typed).toBe('If you liked “Jérôme Petazzoni”');
      expect(JSON.stringify(a), typed).not.toMatch(/“["'«]/);
    }
    expect((await run('guest', { name: '"Alex Hidalgo"' })).headline).toBe('Episodes with Alex Hidalgo');
    expect((await run('episode', { query: '"kubernetes lasagna"' })).headline).toBe('Episodes matching “kubernetes lasagna”');
  });
});

describe('richer results', () => {
  it('gives the guest’s role and organisation instead of repeating a title that is the guest’s name', async () => {
    const a = await run('episode', { query: 'istio' });
    expect(a.episodes[0]!.title).toBe('Zack Butcher');
    expect(episodeFacts(a.episodes[0]!)).toBe('Founding Engineer, Tetrate · hosted by Jason · Aug 10, 2021 · 18 min');
  });

  it('names guests with their roles when the title does not, and the hosts where known', async () => {
    const hill = (await run('episode', { query: 'hill you’ll die on' })).episodes.find((e) => e.id === 'the-hill-youll-die-on')!;
    expect(episodeFacts(hill)).toBe(
      'with Brian Holt (Principal Program Manager, Microsoft), Jérôme Petazzoni (Tinkerer and Container Technology Educator), J Paul Reed (Sr Applied Resilience Engineer, Netflix) · Jun 29, 2021 · 6 min',
    );
    const carmen = (await run('episode', { query: 'carmen saenz' })).episodes[0]!;
    expect(episodeFacts(carmen)).toContain('hosted by Ana Medina and Jason');
  });
});

describe('lists in text', () => {
  it('right-aligns one- and two-digit ranks, and indents the lines under them past the number', async () => {
    const page2 = (await dispatcher.action(encodeActionRef({ command: 'latest', arg: '', page: 1 })!, CONSOLE)).answer;
    const lines = renderText(page2).split('\n');
    expect(lines).toContain(' 6. Paul Marsicovetere');
    expect(lines).toContain('10. Jose Nino');
    expect(lines[lines.indexOf(' 6. Paul Marsicovetere') + 1]).toMatch(/^ {4}Senior Cloud Infrastructure Engineer, Formidable/);
    const page1 = renderText(await run('latest')).split('\n');
    expect(page1).toContain('1. Maxim Fateev and Samar Abbas');
  });
});

describe('/random', () => {
  const place = (channelId: string): Invocation => ({ ...CONSOLE, platform: 'discord', channelId });

  it('shows every episode once before any comes again in a channel, with a seeded source', async () => {
    const { dispatcher: d, library } = await testDispatcher(undefined, seeded(42));
    const picks: string[] = [];
    for (let i = 0; i < library.size; i++) picks.push((await d.command('random', {}, place('c1'))).episodes[0]!.id);
    expect(new Set(picks).size).toBe(library.size);
    const again = (await d.command('random', {}, place('c1'))).episodes[0]!.id;
    expect(again).not.toBe(picks.at(-1));
  });

  it('keeps a separate deck per channel, and the same seed gives the same picks', async () => {
    const draw = async (seed: number) => {
      const { dispatcher: d } = await testDispatcher(undefined, seeded(seed));
      const out: string[] = [];
      for (let i = 0; i < 5; i++) out.push((await d.command('random', {}, place(i % 2 === 0 ? 'a' : 'b'))).episodes[0]!.id);
      return out;
    };
    const first = await draw(7);
    expect(await draw(7)).toEqual(first);
    const inA = first.filter((_, i) => i % 2 === 0);
    expect(new Set(inA).size).toBe(inA.length);
  });

  it('picks another one with the "Another one" button, still without repeating', async () => {
    const { dispatcher: d, library } = await testDispatcher(undefined, () => 0);
    let answer = await d.command('random', {}, place('c1'));
    const seen = [answer.episodes[0]!.id];
    for (let i = 1; i < library.size; i++) {
      const another = answer.actions.find((x) => x.kind === 'another')!;
      answer = (await d.action(encodeActionRef(another.ref)!, place('c1'))).answer;
      seen.push(answer.episodes[0]!.id);
    }
    expect(new Set(seen).size).toBe(library.size);
  });
});
