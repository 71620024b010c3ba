import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import type { AnnouncementTarget, PostResult } from '../../../src/announcing/announcement-target.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';

class RecordingTarget implements AnnouncementTarget {
  readonly platform = 'slack' as const;
  readonly posts: string[] = [];
  async postAnnouncement(channelId: string, _answer: Answer): Promise<PostResult> {
    this.posts.push(channelId);
    return { ok: true, messageId: `m${this.posts.length}` };
  }
}

let store: SqliteStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

describe('a leader frozen between claiming a delivery and posting it', () => {
  it('posts nothing when its lease lapsed meanwhile, and leaves the claim for the next leader to look up', async () => {
    store = SqliteStore.open(':memory:');
    const library = await memoryLibrary(shippedCatalog());
    const episodeId = shippedCatalog().episodes[0]!.id;
    await store.subscriptions.add({ platform: 'slack', channelId: 'C1', serverId: 'T1', createdBy: 'admin' }, 'now');
    await store.deliveries.plan([episodeId], [{ platform: 'slack', channelId: 'C1' }], 'now');
    const grant = (await store.leases.lease('announcer', 'a', 60_000).acquire(Date.now()))!;
    const announcer = new Announcer(store, library, pino({ level: 'silent' }));
    const target = new RecordingTarget();
    announcer.addTarget(target);
    let lapsed = false;
    const claimed: string[] = [];
    announcer.afterClaim = async (d) => {
      claimed.push(d.channel);
      lapsed = true; // frozen here for longer than the lease: on waking, this process's own clock says it lapsed
    };
    const report = await announcer.deliver(async () => true, () => (lapsed ? null : { name: 'announcer', owner: grant.owner, epoch: grant.epoch }));
    expect(claimed).toEqual(['C1']);
    expect(target.posts).toEqual([]);
    expect(report).toMatchObject({ delivered: 0, failed: 0, retrying: 0 });
    expect(await store.deliveries.counts()).toMatchObject({ sending: 1, delivered: 0 });
  });

  it('posts when its lease still holds after the claim', async () => {
    store = SqliteStore.open(':memory:');
    const library = await memoryLibrary(shippedCatalog());
    await store.subscriptions.add({ platform: 'slack', channelId: 'C1', serverId: 'T1', createdBy: 'admin' }, 'now');
    await store.deliveries.plan([shippedCatalog().episodes[0]!.id], [{ platform: 'slack', channelId: 'C1' }], 'now');
    const grant = (await store.leases.lease('announcer', 'a', 60_000).acquire(Date.now()))!;
    const announcer = new Announcer(store, library, pino({ level: 'silent' }));
    const target = new RecordingTarget();
    announcer.addTarget(target);
    announcer.afterClaim = async () => {};
    await announcer.deliver(async () => true, () => ({ name: 'announcer', owner: grant.owner, epoch: grant.epoch }));
    expect(target.posts).toEqual(['C1']);
  });
});
