import { Dispatcher } from '../../commands/dispatcher.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import type { Invocation } from '../../commands/types.ts';
import { loadCatalogFile } from '../../src/library/catalog-file.ts';
import type { Catalog } from '../../src/core/model/catalog-schema.ts';
import type { Library } from '../../src/core/search/library.ts';
import { memoryLibrary } from './library.ts';

/** The shipped catalog, parsed (each call a fresh copy). */
export function shippedCatalog(): Catalog {
  const r = loadCatalogFile(new URL('../../data/episodes.json', import.meta.url).pathname);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

let shared: Promise<Library> | null = null;

/** One library over the shipped catalog (transcripts in memory), shared by read-only tests. */
export function shippedLibrary(): Promise<Library> {
  shared ??= memoryLibrary(shippedCatalog());
  return shared;
}

/** The console caller. */
export const CONSOLE: Invocation = { platform: 'console', userId: 'u1', channelId: 'c1', serverId: null, canManage: false };

/** A dispatcher over a library (default: the shared shipped one), with deterministic randomness and errors collected. */
export async function testDispatcher(given?: Library, random = () => 0) {
  const library = given ?? (await shippedLibrary());
  const errors: Array<{ err: unknown; context: Record<string, unknown> }> = [];
  const registry = new CommandRegistry(() => library.podcast.title);
  const dispatcher = new Dispatcher({ registry, library, random, onError: (err, context) => errors.push({ err, context }) });
  return { dispatcher, registry, errors, library };
}
