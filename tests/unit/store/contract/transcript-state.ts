import { describe, expect, it } from 'vitest';
import { at, useStore, type OpenTestStore } from './use-store.ts';

const files = (name: string) => [{ url: `https://x.example/${name}.vtt`, type: 'text/vtt', language: null, rel: null }];
const tracked = (episodeId: string, publishedAt: string | null, showKey = 'show-a', name = episodeId) => ({ episodeId, showKey, publishedAt, sources: files(name) });

/** Where fetching each episode's transcript stands. */
export function transcriptStateContract(open: OpenTestStore): void {
  describe('transcript fetch state', () => {
    const store = useStore(open);

    it('offers pending transcripts newest episode first, undated last, up to a limit and for the shows asked', async () => {
      const s = store().transcriptState;
      await s.track(tracked('old', '2030-01-01T00:00:00Z'), at(0));
      await s.track(tracked('undated', null), at(0));
      await s.track(tracked('new', '2030-03-01T00:00:00Z'), at(0));
      await s.track(tracked('other', '2030-04-01T00:00:00Z', 'show-b'), at(0));
      expect((await s.due(at(1), 10)).map((t) => t.episodeId)).toEqual(['other', 'new', 'old', 'undated']);
      expect((await s.due(at(1), 2, ['show-a'])).map((t) => t.episodeId)).toEqual(['new', 'old']);
      expect(await s.get('new')).toMatchObject({ state: 'pending', attempts: 0, sources: files('new'), showKey: 'show-a' });
      expect(await s.nextDue()).toBe('');
    });

    it('waits until a failed attempt is due again, and gives up when told', async () => {
      const s = store().transcriptState;
      await s.track(tracked('e1', '2030-01-01T00:00:00Z'), at(0));
      await s.track(tracked('e2', '2030-01-02T00:00:00Z'), at(0));
      await s.markFailed('e1', 'HTTP 503', at(30), at(1));
      await s.markFailed('e2', 'not a transcript', null, at(1));
      expect(await s.due(at(2), 10)).toEqual([]);
      expect(await s.nextDue()).toBe(at(30));
      expect((await s.due(at(30), 10)).map((t) => [t.episodeId, t.attempts, t.lastError])).toEqual([['e1', 1, 'HTTP 503']]);
      expect(await s.get('e2')).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null });
      expect(await s.counts()).toEqual({ listed: 2, done: 0, waiting: 0, retrying: 1, failed: 1 });
      expect((await s.failures(undefined, 10)).map((t) => t.episodeId)).toEqual(['e2', 'e1']);
      expect((await s.failures('show-b', 10))).toEqual([]);
    });

    it('records a stored transcript, counts per show, and reopens one whose segments went missing', async () => {
      const s = store().transcriptState;
      await s.track(tracked('e1', '2030-01-01T00:00:00Z'), at(0));
      await s.track(tracked('e2', '2030-01-02T00:00:00Z', 'show-b'), at(0));
      await s.markDone('e1', { url: 'https://x.example/e1.vtt', format: 'vtt', segments: 42 }, at(1));
      expect(await s.get('e1')).toMatchObject({ state: 'done', url: 'https://x.example/e1.vtt', format: 'vtt', segments: 42, attempts: 1, lastError: null });
      expect(await s.counts('show-a')).toEqual({ listed: 1, done: 1, waiting: 0, retrying: 0, failed: 0 });
      expect(await s.counts('show-b')).toEqual({ listed: 1, done: 0, waiting: 1, retrying: 0, failed: 0 });
      expect(await s.doneEpisodeIds()).toEqual(['e1']);
      await s.reopen(['e1']);
      expect(await s.get('e1')).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: null });
      expect(await s.doneEpisodeIds()).toEqual([]);
    });

    it('tries a given-up transcript again when the feed lists other files, but never re-fetches a stored one', async () => {
      const s = store().transcriptState;
      await s.track(tracked('gave-up', '2030-01-01T00:00:00Z'), at(0));
      await s.track(tracked('stored', '2030-01-02T00:00:00Z'), at(0));
      await s.markFailed('gave-up', 'HTTP 404', null, at(1));
      await s.markDone('stored', { url: 'u', format: 'vtt', segments: 1 }, at(1));
      await s.track(tracked('gave-up', '2030-01-01T00:00:00Z', 'show-a', 'moved'), at(2));
      await s.track(tracked('stored', '2030-01-02T00:00:00Z', 'show-a', 'moved'), at(2));
      expect(await s.get('gave-up')).toMatchObject({ state: 'pending', attempts: 0, sources: files('moved') });
      expect(await s.get('stored')).toMatchObject({ state: 'done', sources: files('moved') });
    });
  });
}
