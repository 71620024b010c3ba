import { describe, expect, it } from 'vitest';
import { useStore, type OpenTestStore } from './use-store.ts';

/** Saved libraries by name. */
export function savedLibraryContract(open: OpenTestStore): void {
  describe('saved library', () => {
    const store = useStore(open);

    it('keeps one entry per name, the last one saved', async () => {
      expect(await store().savedLibrary.get('library')).toBeUndefined();
      await store().savedLibrary.put('library', { version: 107, stamp: '{"size":1}', body: '{"episodes":[]}' });
      await store().savedLibrary.put('other', { version: 1, stamp: 's', body: 'b' });
      await store().savedLibrary.put('library', { version: 108, stamp: '{"size":2}', body: 'x'.repeat(100_000) });
      expect(await store().savedLibrary.get('library')).toEqual({ version: 108, stamp: '{"size":2}', body: 'x'.repeat(100_000) });
      expect(await store().savedLibrary.get('other')).toEqual({ version: 1, stamp: 's', body: 'b' });
    });
  });
}
