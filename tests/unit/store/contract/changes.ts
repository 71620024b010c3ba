import { describe, expect, it } from 'vitest';
import type { ChangeVersions } from '../../../../src/store/ports/changes.ts';
import { at, episode, useStore, type OpenTestStore } from './use-store.ts';

const podcast = (title: string) => ({ title, description: 'd', publisher: null, language: null, imageUrl: null, links: [] });
const segment = (text: string) => ({ startSeconds: 0, endSeconds: null, speaker: null, text });
const followed = (showKey: string) => ({ feedUrl: `https://example.org/${showKey}.xml`, showKey, title: null, platform: 'slack', serverId: null, followedBy: 'U1', followedAt: at(0) });

/** Change versions, episodes read by version, the watch, and /random's decks: what keeps several processes in step. */
export function changesContract(open: OpenTestStore): void {
  describe('change versions', () => {
    const store = useStore(open);

    it('episodes changed after a version are read by version, so a row stored late with an earlier time is not skipped', async () => {
      const start = (await store().changes.versions()).episodes;
      await store().episodes.save([episode('a', null), episode('b', null)], at(10));
      const first = await store().episodes.changedAfter(start);
      expect(first.episodes.map((e) => e.id).sort()).toEqual(['a', 'b']);
      expect(first.version).toBeGreaterThan(start);
      // Stamped earlier than what the reader has seen, committed after it read: by time it would be lost.
      await store().episodes.save([episode('late', null)], at(5));
      expect((await store().episodes.changedSince(at(10))).map((e) => e.id)).toEqual([]);
      const second = await store().episodes.changedAfter(first.version);
      expect(second.episodes.map((e) => e.id)).toEqual(['late']);
      await store().episodes.save([episode('a', null, { title: 'Edited' }), episode('b', null)], at(20));
      const third = await store().episodes.changedAfter(second.version);
      expect(third.episodes.map((e) => [e.id, e.title])).toEqual([['a', 'Edited']]);
      expect(await store().episodes.changedAfter(third.version)).toEqual({ episodes: [], version: third.version });
      expect((await store().changes.versions()).episodes).toBe(third.version);
    });

    it('a rolled-back transaction changes no version', async () => {
      const before = await store().changes.versions();
      await expect(
        store().transaction(async (tx) => {
          await tx.episodes.save([episode('x', null)], at(0));
          await tx.followedFeeds.add(followed('show-x'));
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      expect(await store().changes.versions()).toEqual(before);
    });

    it('transcripts stored, replaced or removed raise the transcripts version, and only it', async () => {
      const v0 = await store().changes.versions();
      await store().transcriptSegments.replace([{ episodeId: 'e1', origin: 'feed', digest: null, segments: [segment('Okapis.')] }]);
      const v1 = await store().changes.versions();
      expect(v1.transcripts).toBeGreaterThan(v0.transcripts);
      expect([v1.episodes, v1.shows]).toEqual([v0.episodes, v0.shows]);
      await store().transcriptSegments.replace([{ episodeId: 'e1', origin: 'catalog', digest: null, segments: [] }]);
      expect((await store().changes.versions()).transcripts).toBeGreaterThan(v1.transcripts);
    });

    it('shows followed, removed or renamed raise the shows version; the same show stored again does not', async () => {
      const v0 = (await store().changes.versions()).shows;
      await store().followedFeeds.add(followed('show-a'));
      const v1 = (await store().changes.versions()).shows;
      expect(v1).toBeGreaterThan(v0);
      await store().shows.save({ key: 'show-a', feedUrl: 'https://example.org/show-a.xml', podcast: podcast('A') }, at(0));
      const v2 = (await store().changes.versions()).shows;
      expect(v2).toBeGreaterThan(v1);
      await store().shows.save({ key: 'show-a', feedUrl: 'https://example.org/show-a.xml', podcast: podcast('A') }, at(1));
      expect((await store().changes.versions()).shows).toBe(v2);
      await store().shows.save({ key: 'show-a', feedUrl: 'https://example.org/show-a.xml', podcast: podcast('A, renamed') }, at(2));
      const v3 = (await store().changes.versions()).shows;
      expect(v3).toBeGreaterThan(v2);
      await store().followedFeeds.remove('show-a');
      expect((await store().changes.versions()).shows).toBeGreaterThan(v3);
    });

    it('a lease given up raises the leases version; renewing it does not', async () => {
      const lease = store().leases.lease('announcer', 'owner-1', 20_000);
      const v0 = (await store().changes.versions()).leases;
      expect(await lease.acquire(Date.now())).not.toBeNull();
      expect(await lease.acquire(Date.now())).not.toBeNull();
      expect((await store().changes.versions()).leases).toBe(v0);
      await lease.release();
      expect((await store().changes.versions()).leases).toBeGreaterThan(v0);
    });

    it('the watch reports the versions at once, then each change it reads, never the same versions twice', async () => {
      const seen: ChangeVersions[] = [];
      const stop = store().watch((v) => void seen.push(v), { intervalMs: 50 });
      try {
        await until(() => seen.length === 1);
        await new Promise((r) => setTimeout(r, 200));
        expect(seen).toHaveLength(1);
        await store().episodes.save([episode('n', null)], at(0));
        await until(() => seen.length === 2);
        expect(seen[1]!.episodes).toBeGreaterThan(seen[0]!.episodes);
      } finally {
        stop();
      }
      await store().episodes.save([episode('m', null)], at(0));
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toHaveLength(2);
    });
  });

  describe('/random decks', () => {
    const store = useStore(open);

    it('keep what each place was shown, in order, start again on request and forget the places served least recently', async () => {
      const decks = store().randomDecks;
      await decks.record('slack:C1', 'e1', false, 2);
      await decks.record('slack:C1', 'e2', false, 2);
      await decks.record('discord:D1', 'e9', false, 2);
      expect(await decks.shown('slack:C1')).toEqual(['e1', 'e2']);
      await decks.record('slack:C1', 'e3', true, 2);
      expect(await decks.shown('slack:C1')).toEqual(['e3']);
      await decks.record('slack:C2', 'e1', false, 2); // a third place: discord:D1 was served least recently
      expect(await decks.shown('discord:D1')).toEqual([]);
      expect(await decks.shown('slack:C1')).toEqual(['e3']);
      expect(await decks.shown('slack:C2')).toEqual(['e1']);
    });
  });
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
