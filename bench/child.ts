/**
 * What the bench runs in fresh processes, so start-up and memory figures are
 * those of a process doing only that. Prints one JSON line on stdout.
 *
 *   child.ts build --catalog FILE --snapshot FILE   load + index the catalog into the SQLite file FILE (saved index + transcripts)
 *   child.ts ready --catalog FILE --snapshot FILE [--memory]
 *       start as the bot would with an index cache: library from the saved
 *       index (src/library/saved-library.ts), a dispatcher, the answer to "/latest" on stdout
 */
import { openStore } from '../src/app/open-store.ts';
import { Dispatcher } from '../commands/dispatcher.ts';
import { CommandRegistry } from '../commands/registry.ts';
import { PLAIN, renderText } from '../src/adapters/console/render-text.ts';
import { loadCatalogFile } from '../src/library/catalog-file.ts';
import { Library } from '../src/core/search/library.ts';
import { statSync } from 'node:fs';
import { saveLibrary } from '../src/library/library-state.ts';
import { loadLibrary, openSearchStore, stampOf } from '../src/library/saved-library.ts';
import type { Store } from '../src/store/store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { memoryAfterGc } from './gc.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const mode = args[0];
const catalogPath = flag('catalog');
const snapshotPath = flag('snapshot');
const say = (line: string) => process.stderr.write(`  ${line}\n`);

async function built(store: Store): Promise<{ library: Library; catalogMs: number; buildMs: number; episodes: number }> {
  let t = performance.now();
  const catalog = loadCatalogFile(catalogPath!);
  if (!catalog.ok) throw new Error(catalog.error);
  const catalogMs = performance.now() - t;
  const episodes = catalog.value.episodes.length;
  say(`indexing ${episodes} episodes (catalog read and checked in ${(catalogMs / 1000).toFixed(1)} s)…`);
  t = performance.now();
  const library = await Library.create(catalog.value, { transcripts: store.transcriptSegments });
  return { library, catalogMs, buildMs: performance.now() - t, episodes };
}

async function main(): Promise<void> {
  if (!catalogPath || !snapshotPath) throw new Error('usage: child.ts build|ready --catalog FILE --snapshot FILE');
  if (mode === 'build') {
    const store = SqliteStore.open(snapshotPath);
    const { library, catalogMs, buildMs, episodes } = await built(store);
    say(`indexed in ${(buildMs / 1000).toFixed(1)} s; saving the index…`);
    const t = performance.now();
    await saveLibrary(store.savedLibrary, library, { ...stampOf(catalogPath) });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const writeMs = performance.now() - t;
    const bytes = statSync(snapshotPath).size;
    const memory = memoryAfterGc();
    process.stdout.write(`${JSON.stringify({ episodes, catalogMs, buildMs, writeMs, snapshotBytes: bytes, memory, keep: library.size })}\n`);
    return;
  }
  if (mode === 'ready') {
    const t = performance.now();
    const loaded = await loadLibrary(catalogPath, (await openSearchStore(snapshotPath, openStore)).store);
    if (!loaded.ok) throw new Error(loaded.error);
    const { library, source } = loaded.value;
    const loadMs = performance.now() - t;
    const dispatcher = new Dispatcher({ registry: new CommandRegistry(() => library.podcast.title), library, onError: () => {} });
    const answer = await dispatcher.command('latest', {}, { platform: 'console', userId: 'bench', channelId: 'bench', serverId: null, canManage: false });
    const text = renderText(answer, PLAIN);
    const readyMs = performance.now();
    const memory = args.includes('--memory') ? memoryAfterGc() : null;
    process.stdout.write(`${JSON.stringify({ loadMs, readyMs, answerChars: text.length, source, memory })}\n`);
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench child: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
