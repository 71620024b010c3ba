import pino from 'pino';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import type { AnnouncementTarget, PostResult } from '../../../src/announcing/announcement-target.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import type { LeaseGrant } from '../../../src/store/ports/lease.ts';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { describePostgres, useTestDatabase } from '../../helpers/postgres/database.ts';

const log = pino({ level: 'silent' });

class RecordingTarget implements AnnouncementTarget {
  readonly platform = 'discord' as const;
  readonly posts: string[] = [];
  async postAnnouncement(channelId: string, _answer: Answer): Promise<PostResult> {
    this.posts.push(channelId);
    return { ok: true, messageId: `m${this.posts.length}` };
  }
}

/** The announcer's fencing on one engine: a former leader whose lease changed hands writes nothing to the ledger and posts nothing. */
function fencingCases(engine: string, open: () => Promise<Store>): void {
  describe(`announcing under a lease grant (${engine})`, () => {
    let store: Store;
    afterEach(async () => {
      await store?.close();
    });

    async function setup() {
      store = await open();
      const library = await memoryLibrary(shippedCatalog());
      const episodeId = shippedCatalog().episodes[0]!.id;
      for (const c of ['c1', 'c2']) await store.subscriptions.add({ platform: 'discord', channelId: c, serverId: 'g1', createdBy: 'admin' }, 'now');
      await store.deliveries.plan([episodeId], [{ platform: 'discord', channelId: 'c1' }, { platform: 'discord', channelId: 'c2' }], 'now');
      const announcer = new Announcer(store, library, log);
      const target = new RecordingTarget();
      announcer.addTarget(target);
      const fenceOf = (g: LeaseGrant) => () => ({ name: 'announcer', owner: g.owner, epoch: g.epoch });
      return { announcer, target, fenceOf, lease: (owner: string) => store.leases.lease('announcer', owner, 60_000) };
    }

    it('posts and records every delivery while the grant holds', async () => {
      const t = await setup();
      const grant = (await t.lease('a').acquire(Date.now()))!;
      const report = await t.announcer.deliver(async () => true, t.fenceOf(grant));
      expect(report).toMatchObject({ delivered: 2 });
      expect(t.target.posts).toEqual(['c1', 'c2']);
      expect(await store.deliveries.counts()).toMatchObject({ delivered: 2, pending: 0, sending: 0 });
    });

    it('refuses the writes of a leader that froze while another took its lease over: nothing posted, the ledger untouched', async () => {
      const t = await setup();
      const frozen = (await t.lease('a').acquire(Date.now()))!;
      await t.lease('b').takeOver('a', Date.now()); // while a was frozen
      // a wakes up believing it still leads (its own clock says so): its first ledger write is refused.
      const report = await t.announcer.deliver(async () => true, t.fenceOf(frozen));
      expect(t.target.posts).toEqual([]);
      expect(report).toMatchObject({ delivered: 0, failed: 0, retrying: 0 });
      expect(await store.deliveries.counts()).toEqual({ pending: 2, sending: 0, delivered: 0, failed: 0 });
      expect((await store.deliveries.open()).map((d) => d.attempts)).toEqual([0, 0]);
    });

    it('posts nothing when no grant is held at all', async () => {
      const t = await setup();
      await t.announcer.deliver(async () => true, () => null);
      expect(t.target.posts).toEqual([]);
      expect(await store.deliveries.counts()).toMatchObject({ pending: 2 });
    });
  });
}

fencingCases('SQLite', async () => SqliteStore.open(':memory:'));

describePostgres('PostgreSQL fencing', () => {
  const db = useTestDatabase();
  let admin: pg.Pool;
  beforeAll(async () => {
    await (await PostgresStore.open(db.url)).close();
    admin = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await admin?.end();
  });
  fencingCases('PostgreSQL', async () => {
    await admin.query('TRUNCATE subscriptions, deliveries, leases');
    return PostgresStore.open(db.url);
  });
});
