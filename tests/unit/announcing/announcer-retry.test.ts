import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import type { AnnouncementTarget, LookupResult, PostResult } from '../../../src/announcing/announcement-target.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';

/** A channel's messages; posts can be made to time out after landing, lookups to fail. */
class Platform implements AnnouncementTarget {
  readonly platform = 'slack' as const;
  readonly messages: Array<{ channelId: string; key: string; id: string; at: number }> = [];
  readonly lookups: Array<{ channelId: string; since: Date }> = [];
  timeoutAfterLanding = false;
  lookupFails: string | null = null;
  async postAnnouncement(channelId: string, _answer: Answer, key: string): Promise<PostResult> {
    const id = `m${this.messages.length + 1}`;
    this.messages.push({ channelId, key, id, at: Date.now() });
    return this.timeoutAfterLanding ? { ok: false, permanent: false, error: 'timed out' } : { ok: true, messageId: id };
  }
  async findAnnouncement(channelId: string, _answer: Answer, key: string, since: Date): Promise<LookupResult> {
    this.lookups.push({ channelId, since });
    if (this.lookupFails) return { ok: false, error: this.lookupFails };
    const hit = this.messages.find((m) => m.channelId === channelId && m.key === key && m.at >= since.getTime());
    return { ok: true, value: hit ? { messageId: hit.id } : null };
  }
}

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const store = SqliteStore.open(':memory:');
  stores.push(store);
  const library = await memoryLibrary(shippedCatalog());
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (c, _e, done) => (lines.push(JSON.parse(String(c)) as Record<string, unknown>), done()) });
  const announcer = new Announcer(store, library, pino({ level: 'info' }, sink));
  const platform = new Platform();
  announcer.addTarget(platform);
  const now = new Date().toISOString();
  for (const c of ['C1', 'C2']) await store.subscriptions.add({ platform: 'slack', channelId: c, serverId: 'T', createdBy: 'admin' }, now);
  await store.deliveries.plan(['jerome-petazzoni'], await store.subscriptions.list(), now);
  return { store, announcer, platform, lines };
}

describe('retrying a delivery', () => {
  it('does not post again when the earlier attempt landed but its answer was lost (a timeout)', async () => {
    const t = await setup();
    t.platform.timeoutAfterLanding = true;
    expect(await t.announcer.deliver()).toMatchObject({ retrying: 2 });
    t.platform.timeoutAfterLanding = false;
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 2 });
    expect(t.platform.messages.map((m) => m.channelId)).toEqual(['C1', 'C2']);
    expect((await t.store.deliveries.forEpisode('jerome-petazzoni')).map((d) => [d.state, d.messageId])).toEqual([
      ['delivered', 'm1'],
      ['delivered', 'm2'],
    ]);
    expect(t.lines.filter((l) => l['msg'] === 'an earlier attempt had posted the announcement; not posted again')).toHaveLength(2);
  });

  it('looks only since shortly before the last attempt, and only for retries', async () => {
    const t = await setup();
    await t.announcer.deliver();
    expect(t.platform.lookups).toEqual([]);
    await t.store.deliveries.plan(['zack-butcher'], [{ platform: 'slack', channelId: 'C1' }], new Date().toISOString());
    const row = (await t.store.deliveries.forEpisode('zack-butcher'))[0]!;
    await t.store.deliveries.markSending(row, new Date(Date.now() - 60_000).toISOString()); // a process died mid-post a minute ago
    await t.announcer.deliver();
    expect(t.platform.lookups).toHaveLength(1);
    const since = t.platform.lookups[0]!.since.getTime();
    expect(Date.now() - 60_000 - since).toBeGreaterThanOrEqual(5 * 60_000 - 1_000);
    expect(Date.now() - 60_000 - since).toBeLessThanOrEqual(5 * 60_000 + 1_000);
    expect(t.platform.messages.map((m) => m.channelId)).toEqual(['C1', 'C2', 'C1']);
  });

  it('posts again, and says so, when the platform cannot tell whether the earlier attempt landed', async () => {
    const t = await setup();
    for (const d of await t.store.deliveries.open()) await t.store.deliveries.markSending(d, new Date().toISOString());
    t.platform.lookupFails = 'Slack error: not_in_channel';
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 2 });
    expect(t.platform.messages).toHaveLength(2);
    expect(t.lines.find((l) => l['msg'] === 'cannot tell whether an earlier attempt was posted; posting again')).toMatchObject({ error: 'Slack error: not_in_channel', channel: 'C1' });
  });

  it('stops the round as soon as this process is no longer the announcer', async () => {
    const t = await setup();
    let asked = 0;
    const report = await t.announcer.deliver(async () => ++asked === 1);
    expect(report).toMatchObject({ delivered: 1 });
    expect(t.platform.messages.map((m) => m.channelId)).toEqual(['C1']);
    expect((await t.store.deliveries.open()).map((d) => d.channelId)).toEqual(['C2']);
  });
});
