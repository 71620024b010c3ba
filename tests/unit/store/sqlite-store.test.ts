import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/app/open-store.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { describeStoreContract } from './contract/store-contract.ts';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'episode-bot-store-')), 'bot.db');

describeStoreContract('SQLite in memory', () => openStore({ path: ':memory:' }));
describeStoreContract('SQLite in a file', () => openStore({ path: tempPath() }));

const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
const open = (path = ':memory:') => {
  const store = SqliteStore.open(path);
  opened.push(store);
  return store;
};
const sub = (channelId: string) => ({ platform: 'discord' as const, channelId, serverId: 'g1', createdBy: 'admin' });
const seg = (text: string) => ({ startSeconds: null, endSeconds: null, speaker: null, text });

describe('SQLite: one connection, taking turns', () => {
  it('refuses a call on the store made from inside its own transaction instead of waiting for it forever', async () => {
    const store = open();
    await expect(store.transaction(async () => store.subscriptions.list())).rejects.toThrow(/through the transaction/);
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(/through the transaction/);
    expect(await store.subscriptions.list()).toEqual([]);
  });

  it('runs transactions one after another, each seeing what the one before committed', async () => {
    const store = open();
    const counter = () =>
      store.transaction(async (tx) => {
        const n = (await tx.subscriptions.list()).length;
        await new Promise((r) => setTimeout(r, 5));
        await tx.subscriptions.add(sub(`c${n}`), 'now');
      });
    await Promise.all([counter(), counter(), counter()]);
    expect((await store.subscriptions.list()).map((s) => s.channelId).sort()).toEqual(['c0', 'c1', 'c2']);
  });

  it('makes a call beside an open transaction wait for it, then see only what it committed', async () => {
    const store = open();
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async (t) => {
      await t.subscriptions.add(sub('in-tx'), 'now');
      await paused;
      throw new Error('undo');
    });
    await new Promise((r) => setImmediate(r));
    let seen: string[] | null = null;
    const reading = store.subscriptions.list().then((list) => (seen = list.map((s) => s.channelId)));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toBeNull(); // still waiting for the transaction
    release();
    await expect(tx).rejects.toThrow('undo');
    await reading;
    expect(seen).toEqual([]);
  });

  it('forgets which rows are whose when a transaction that replaced a transcript rolls back', async () => {
    const store = open();
    await store.transcriptSegments.replace([{ episodeId: 'e1', origin: 'feed', digest: null, segments: [seg('zebra one'), seg('zebra two')] }]);
    await expect(
      store.transaction(async (tx) => {
        await tx.transcriptSegments.replace([{ episodeId: 'e1', origin: 'feed', digest: null, segments: [seg('zebra three')] }]);
        expect((await tx.transcriptSegments.matches('zebra')).map((m) => m.episodeId)).toEqual(['e1']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await store.transcriptSegments.matches('zebra')).map((m) => m.episodeId)).toEqual(['e1', 'e1']);
  });

  it('reads a large vocabulary in slices, letting other work run between them', async () => {
    const store = open();
    const words = Array.from({ length: 50 }, (_, i) => `word${i}`);
    await store.transcriptSegments.replace([{ episodeId: 'e1', origin: 'feed', digest: null, segments: words.map(seg) }]);
    // Other work: a chain of immediates, each counted when it gets a turn (a timer may not fire within a fast read).
    let turns = 0;
    let reading = true;
    const other = () => {
      if (!reading) return;
      turns++;
      setImmediate(other);
    };
    setImmediate(other);
    const read: string[] = [];
    for await (const slice of store.transcriptSegments.vocabulary(10)) read.push(...slice.map(([t]) => t));
    reading = false;
    expect(read.sort()).toEqual([...words].sort());
    expect(turns).toBeGreaterThan(0);
  });

  it('closes after the transaction in progress, and refuses calls afterwards', async () => {
    const store = SqliteStore.open(':memory:');
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async (t) => {
      await paused;
      await t.subscriptions.add(sub('last'), 'now');
    });
    await new Promise((r) => setImmediate(r));
    const closing = store.close();
    release();
    await tx;
    await closing;
    await expect(store.subscriptions.list()).rejects.toThrow(/not open/);
  });
});

describe('SQLite: processes sharing one file', () => {
  it('lets another process see a transaction’s work only once it commits, and keeps both processes’ writes', async () => {
    const path = tempPath();
    const [a, b] = [open(path), open(path)];
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const committing = a.transaction(async (tx) => {
      await tx.subscriptions.add(sub('from-a'), 'now');
      await paused;
    });
    await new Promise((r) => setImmediate(r));
    expect(await b.subscriptions.list()).toEqual([]); // readers never wait (WAL), and see the last commit
    release();
    await committing;
    await b.subscriptions.add(sub('from-b'), 'now');
    expect((await a.subscriptions.list()).map((s) => s.channelId).sort()).toEqual(['from-a', 'from-b']);
  });

  it('has a liveness lock per lease beside the file that one process holds at a time, none in memory', async () => {
    const path = tempPath();
    const [a, b] = [open(path), open(path)];
    expect(open().livenessLock('announcer')).toBeNull();
    const [la, lb] = [a.livenessLock('announcer')!, b.livenessLock('announcer')!];
    expect(la.problem).toBeNull();
    expect(await la.tryLock()).toBe(true);
    expect(await lb.tryLock()).toBe(false);
    await la.close(); // what the OS does when the holder dies
    expect(await lb.tryLock()).toBe(true);
    expect(lb.locked).toBe(true);
    await lb.close();
  });
});
