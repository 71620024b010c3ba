import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, REPO_ROOT, sourceFiles, type ImportEdge } from '../helpers/read-imports.ts';

/**
 * The rooms of the code and who may import whom. Imports point inward: adapters → commands → core,
 * and the services (announcing, following, podcast-admin, library) → store ports, feed and core.
 * Only the app (src/app/, src/main.ts) knows every concrete class.
 *
 * | room             | files                                          | may import (values)                              | and types of     |
 * | ---------------- | ---------------------------------------------- | ------------------------------------------------ | ---------------- |
 * | core/model       | src/core/model/                                | core/model                                       |                  |
 * | core/answers     | src/core/answers/                              | core/model, core/answers                         |                  |
 * | core/search      | src/core/search/                               | core/model, core/search                          |                  |
 * | feed             | src/feed/                                      | core/model, feed, package.json (user agent)      |                  |
 * | store/ports      | src/store/*.ts, src/store/ports/               | core/model, store/ports                          |                  |
 * | store/concrete   | src/store/{sqlite,postgres,rows}/              | core/model, store/ports, store/concrete          |                  |
 * | commands         | commands/                                      | core/*, commands                                 |                  |
 * | adapters/<x>     | src/adapters/{console,discord,slack}/          | commands, core/answers, core/model, adapters/shared, its own folder | announcing/port |
 * | adapters/shared  | src/adapters/*.ts                              | commands, core/answers, core/model, adapters/shared | announcing/port |
 * | services         | announcing, following, podcast-admin, library  | core/*, store/ports, feed, the services          | podcast-admin: commands |
 * | server           | src/server/ (HTTP routes, health, metrics) | core/model, server (never an adapter: app hands it handlers) |      |
 * | app              | src/app/, src/main.ts                          | everything                                       |                  |
 * | config, log      | src/config.ts, src/log.ts                      | core/model (Result)                              |                  |
 *
 * Packages: see PACKAGE_RULES below.
 */
const ROOMS = {
  'core/model': /^src\/core\/model\//,
  'core/answers': /^src\/core\/answers\//,
  'core/search': /^src\/core\/search\//,
  feed: /^src\/feed\//,
  'store/concrete': /^src\/store\/(sqlite|postgres|rows)\//,
  'store/ports': /^src\/store\/(ports\/.+|[^/]+)$/,
  commands: /^commands\//,
  'adapters/shared': /^src\/adapters\/[^/]+$/,
  'adapters/console': /^src\/adapters\/console\//,
  'adapters/discord': /^src\/adapters\/discord\//,
  'adapters/slack': /^src\/adapters\/slack\//,
  'announcing/port': /^src\/announcing\/announcement-target\.ts$/,
  announcing: /^src\/announcing\//,
  following: /^src\/following\//,
  'podcast-admin': /^src\/podcast-admin\//,
  library: /^src\/library\//,
  server: /^src\/server\//,
  app: /^src\/(app\/|main\.ts$)/,
  config: /^src\/config\.ts$/,
  log: /^src\/log\.ts$/,
  'package.json': /^package\.json$/,
} as const;
type Room = keyof typeof ROOMS;

const CORE: Room[] = ['core/model', 'core/answers', 'core/search'];
const SERVICES: Room[] = ['announcing', 'announcing/port', 'following', 'podcast-admin', 'library'];
const ADAPTER_BASE: Room[] = ['commands', 'core/answers', 'core/model', 'adapters/shared'];
const adapter = (own: Room) => ({ may: [...ADAPTER_BASE, own], types: ['announcing/port'] as Room[] });

/** Value imports from `may`; type-only imports from `may` and `types`. */
const RULES: Record<Room, { may: Room[]; types?: Room[] }> = {
  'core/model': { may: ['core/model'] },
  'core/answers': { may: ['core/model', 'core/answers'] },
  'core/search': { may: ['core/model', 'core/search'] },
  feed: { may: ['core/model', 'feed', 'package.json'] },
  'store/ports': { may: ['core/model', 'store/ports'] },
  'store/concrete': { may: ['core/model', 'store/ports', 'store/concrete'] },
  commands: { may: [...CORE, 'commands'] },
  'adapters/shared': adapter('adapters/shared'),
  'adapters/console': adapter('adapters/console'),
  'adapters/discord': adapter('adapters/discord'),
  'adapters/slack': adapter('adapters/slack'),
  'announcing/port': { may: [...CORE, 'store/ports', 'feed', ...SERVICES] },
  announcing: { may: [...CORE, 'store/ports', 'feed', ...SERVICES] },
  following: { may: [...CORE, 'store/ports', 'feed', ...SERVICES] },
  'podcast-admin': { may: [...CORE, 'store/ports', 'feed', ...SERVICES], types: ['commands'] },
  library: { may: [...CORE, 'store/ports', 'feed', ...SERVICES] },
  server: { may: ['core/model', 'server'] },
  app: { may: Object.keys(ROOMS) as Room[] },
  config: { may: ['core/model'] },
  log: { may: [] },
  'package.json': { may: [] },
};

/** Packages only some rooms may import (`typesAnywhere`: type-only imports are fine outside core). */
const PACKAGE_RULES: Array<{ packages: RegExp; onlyIn?: Room[]; notIn?: Room[]; typesAnywhere?: boolean; why: string }> = [
  {
    packages: /^(better-sqlite3|pg|discord\.js|@slack\/.+|pino(-pretty)?|undici|(node:)?(http|https|net))$/,
    notIn: CORE,
    why: 'no network, database or logger in core',
  },
  { packages: /^(better-sqlite3|pg)$/, onlyIn: ['store/concrete'], why: 'SQL and database drivers live in the store implementations' },
  { packages: /^pino(-pretty)?$/, onlyIn: ['app', 'log'], typesAnywhere: true, why: 'the logger is built in src/log.ts and passed in' },
  { packages: /^discord\.js$/, onlyIn: ['adapters/discord'], why: 'discord.js lives in its adapter' },
  { packages: /^@slack\/.+$/, onlyIn: ['adapters/slack'], why: 'Bolt lives in its adapter' },
  { packages: /^minisearch(\/.*)?$/, onlyIn: ['core/search'], why: 'one search engine, in core/search' },
  { packages: /^prom-client$/, onlyIn: ['server'], why: 'metrics are defined once, in src/server/metrics.ts' },
];

/**
 * Imports that break a rule today, each removed by work in progress; the list may only shrink
 * (the test fails when one of them is gone, so it is taken off here).
 */
const KNOWN_VIOLATIONS: string[] = [];

const roomOf = (path: string): Room | undefined => (Object.keys(ROOMS) as Room[]).find((room) => ROOMS[room].test(path));

/** Every rule an import breaks, as `file → import: why` lines (none when it is allowed). */
function violations(edge: ImportEdge): string[] {
  const from = roomOf(edge.from);
  const key = `${edge.from} → ${edge.target}`;
  if (!from) return [`${key}: ${edge.from} is in no room (add it to ROOMS and RULES)`];
  if (edge.local) {
    const to = roomOf(edge.target);
    const rule = RULES[from];
    if (to && rule.may.includes(to)) return [];
    if (to && edge.typeOnly && rule.types?.includes(to)) return [];
    const types = rule.types ? ` (types also from ${rule.types.join(', ')})` : '';
    return [`${key}: ${from} may import only ${rule.may.join(', ')}${types}, not ${to ?? 'a file in no room'}${edge.typeOnly ? ' (type-only)' : ''}`];
  }
  return PACKAGE_RULES.filter((rule) => rule.packages.test(edge.target))
    .filter((rule) => (rule.notIn ? rule.notIn.includes(from) : !rule.onlyIn!.includes(from)))
    .filter((rule) => !(rule.typesAnywhere && edge.typeOnly && !CORE.includes(from)))
    .map((rule) => `${key}: ${rule.why}`);
}

const keyOf = (line: string): string => line.slice(0, line.indexOf(': '));
const files = sourceFiles(['src', 'commands']);
const found = files.flatMap(importsOf).flatMap(violations);

describe('architecture: imports point inward', () => {
  it('finds the files and their imports', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(importsOf('src/main.ts').some((e) => e.target === 'src/app/build-bot.ts')).toBe(true);
  });

  it('breaks no rule beyond the known violations', () => {
    expect(found.filter((line) => !KNOWN_VIOLATIONS.includes(keyOf(line)))).toEqual([]);
  });

  it('still has every known violation (take the fixed ones off KNOWN_VIOLATIONS)', () => {
    const keys = new Set(found.map(keyOf));
    expect(KNOWN_VIOLATIONS.filter((known) => !keys.has(known))).toEqual([]);
  });

  it('reports the sideways imports the layout forbids', () => {
    const check = (from: string, target: string, typeOnly = false) => violations({ from, target, local: /\.(ts|json)$/.test(target), typeOnly });
    const cases: Array<[string[], RegExp]> = [
      [check('src/store/sqlite/episode-repo.ts', 'src/feed/xml/parse-feed.ts', true), /store\/concrete may import only .*not feed/],
      [check('src/store/episode-store.ts', 'src/core/search/library.ts'), /store\/ports may import only .*not core\/search/],
      [check('src/following/feed-poller.ts', 'commands/types.ts', true), /following may import only .*not commands/],
      [check('commands/did-you-mean.ts', 'minisearch/SearchableMap'), /one search engine/],
      [check('src/core/search/library-state.ts', 'src/core/library.ts'), /core\/search may import only .*not a file in no room/],
      [check('src/core/search/library-state.ts', 'src/library/load-library.ts'), /core\/search may import only .*not library/],
      [check('src/core/model/shows.ts', 'src/core/search/library.ts', true), /core\/model may import only core\/model, not core\/search/],
      [check('src/core/search/transcript-index.ts', 'better-sqlite3', true), /no network, database or logger in core/],
      [check('src/core/answers/format.ts', 'pino', true), /no network, database or logger in core/],
      [check('src/adapters/slack/slack-adapter.ts', 'src/store/sqlite/database.ts'), /adapters\/slack may import only .*not store\/concrete/],
      [check('src/adapters/discord/discord-adapter.ts', 'src/following/feed-service.ts', true), /not following/],
      [check('src/adapters/discord/announcement-target.ts', 'src/announcing/announcement-target.ts'), /not announcing\/port$/],
      [check('src/announcing/announcer.ts', 'src/adapters/discord/announcement-target.ts'), /not adapters\/discord/],
      [check('src/podcast-admin/podcast-service.ts', 'commands/podcast.ts'), /not commands$/],
      [check('src/following/feed-service.ts', 'src/config.ts'), /not config/],
      [check('src/library/load-library.ts', 'src/store/sqlite/sqlite-store.ts', true), /not store\/concrete/],
      [check('src/following/feed-poller.ts', 'pino'), /the logger is built in src\/log.ts/],
      [check('commands/episode.ts', 'src/adapters/adapter.ts', true), /commands may import only .*not adapters\/shared/],
      [check('src/feed/xml/parse-feed.ts', 'src/store/sqlite/database.ts'), /feed may import only .*not store\/concrete/],
      [check('src/newroom/thing.ts', 'src/core/model/text.ts'), /is in no room/],
    ];
    for (const [reported, rule] of cases) expect(reported.join('\n')).toMatch(rule);
    // …and what the rules allow passes.
    expect(check('src/podcast-admin/podcast-service.ts', 'commands/podcast.ts', true)).toEqual([]);
    expect(check('src/adapters/slack/announcement-target.ts', 'src/announcing/announcement-target.ts', true)).toEqual([]);
    expect(check('src/following/feed-poller.ts', 'pino', true)).toEqual([]);
    expect(check('src/store/sqlite/episode-repo.ts', 'src/store/episode-store.ts')).toEqual([]);
  });
});

describe('architecture: small files with kebab-case names', () => {
  it('keeps every file under src/ and commands/ at 300 lines or fewer', () => {
    const long = files
      .map((file) => ({ file, lines: readFileSync(join(REPO_ROOT, file), 'utf8').replace(/\n$/, '').split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('names every folder and file in kebab-case', () => {
    expect(files.filter((file) => !file.split('/').every((part) => /^[a-z0-9]+(-[a-z0-9]+)*(\.ts)?$/.test(part)))).toEqual([]);
  });
});
