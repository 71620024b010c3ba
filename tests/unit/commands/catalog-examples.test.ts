import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogExamples, firstTries } from '../../../commands/catalog-examples.ts';
import type { Answer } from '../../../src/core/answers/answer.ts';
import { CONSOLE_KEYS_SECTION, keyMiss } from '../../../src/adapters/console/console-keys.ts';
import { consoleGreeting } from '../../../src/app/console-greeting.ts';
import { CATALOG_FORMAT_VERSION } from '../../../src/core/model/catalog-schema.ts';
import { CONSOLE, testDispatcher } from '../../helpers/bot.ts';
import { feedFolder } from '../../helpers/feed-fixtures.ts';
import { memoryLibrary } from '../../helpers/library.ts';

/** Words of the shipped demo (Break Things on Purpose) that must never reach another podcast's listeners. */
const DEMO = /chaos|istio|kubernetes|lasagna|finops|terraform|dolezal|hidalgo|petazzoni|fateev|taylor|maxim|gremlin|break things|build things|purpose/i;

const folder = feedFolder(fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url)), 'manifest.json');

async function botOf(file: string) {
  const feed = folder.parsed(file);
  const library = await memoryLibrary({ version: CATALOG_FORMAT_VERSION, podcast: feed.podcast, episodes: feed.episodes });
  const { dispatcher, registry } = await testDispatcher(library);
  const run = (name: string, options: Record<string, string> = {}) => dispatcher.command(name, options, CONSOLE);
  return { library, dispatcher, registry, run };
}

/** Every text of an answer a listener reads. */
function textOf(a: Answer): string {
  return [a.headline, ...a.body, ...a.sections.flatMap((s) => [s.title, ...s.lines]), ...a.suggestions].join('\n');
}

describe('another podcast’s bot shows nothing of the demo', () => {
  it.each(['lighthouse-log.xml', 'tidepool-talks.xml', 'serial-season.xml'])('%s: help, hints, greeting and option descriptions', async (file) => {
    const { library, registry, run } = await botOf(file);
    const long = 'x'.repeat(200);
    const answers = await Promise.all([
      run('help'),
      run('nosuchcommand'),
      run('guest', { name: '' }),
      run('recommend', { episode: '' }),
      run('episode', { query: 'the of and' }),
      run('episode', { query: long }),
      run('guest', { name: long }),
      run('recommend', { episode: long }),
      run('episode', { query: 'zzyzzx' }),
    ]);
    const greeting = consoleGreeting({ feeds: 0, showName: library.podcast.title, episodes: library.size, logLevel: 'warn', tries: firstTries(catalogExamples(library)) });
    const registered = registry.commands.flatMap((c) => [c.description, ...c.options.map((o) => o.description), ...c.examples]);
    const console = [...CONSOLE_KEYS_SECTION.lines, keyMiss('n', null)];
    for (const text of [...answers.map(textOf), greeting, ...registered, ...console]) expect(text).not.toMatch(DEMO);
  });

  it('draws its examples from the catalog served: a real guest, a word of its titles', async () => {
    const { run } = await botOf('lighthouse-log.xml');
    const help = textOf(await run('help'));
    expect(help).toContain('e.g. /guest Tomasz Wren');
    expect((await run('guest', { name: '' })).body).toEqual(['Give a name, like “/guest Tomasz Wren”.']);
    const tide = await botOf('tidepool-talks.xml');
    const ex = catalogExamples(tide.library);
    expect(tide.library.latest(0, 100).some((e) => e.title.toLowerCase().includes(ex.topic!))).toBe(true);
    expect((await tide.run('help')).suggestions[0]).toBe(`/episode ${ex.topic}`);
    expect((await tide.run('episode', { query: ex.topic! })).episodes.length).toBeGreaterThan(0);
  });

  it('falls back to neutral text when the catalog offers no topic or guest', async () => {
    const { library, run } = await botOf('bare-transcript.rss');
    expect(catalogExamples(library)).toMatchObject({ topic: null, guest: null });
    expect((await run('guest', { name: '' })).body).toEqual(['Give a guest’s name.']);
    expect(textOf(await run('help'))).toContain('e.g. /episode <a topic>');
    expect(consoleGreeting({ feeds: 0, showName: 'Hedgehog Hour', episodes: 1, logLevel: 'warn', tries: firstTries(catalogExamples(library)) })).toContain('Try /episode <a topic>, ');
  });

  it('still gives the demo its own examples', async () => {
    const { dispatcher } = await testDispatcher();
    const help = await dispatcher.command('help', {}, CONSOLE);
    expect(help.suggestions[0]).toBe('/episode chaos engineering');
    expect(textOf(help)).toMatch(/e\.g\. \/guest [A-Z]/);
  });
});
