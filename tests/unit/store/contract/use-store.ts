import { afterEach, beforeEach } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import type { Store } from '../../../../src/store/store.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';

/** Opens a fresh, empty store of the engine under test. */
export type OpenTestStore = () => Promise<Store>;

/** A fresh store for each test of the enclosing `describe`, closed after it; read it with the returned function. */
export function useStore(open: OpenTestStore): () => Store {
  let store: Store | null = null;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = null;
  });
  return () => {
    if (!store) throw new Error('no store: use it inside a test');
    return store;
  };
}

const base = shippedCatalog().episodes[16]!;

/** An episode of a feed, with its own id, title and date. */
export function episode(id: string, publishedAt: string | null, over: Partial<Episode> = {}): Episode {
  return { ...base, id, guid: id, title: `Episode ${id}`, publishedAt, transcriptExcerpt: null, show: 'show-a', ...over } as Episode;
}

/** A time `minutes` after a fixed start, as ISO text. */
export const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 12, minutes)).toISOString();
