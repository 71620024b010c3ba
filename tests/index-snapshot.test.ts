import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Library } from '../src/core/library.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_VERSION } from '../src/core/library-snapshot.ts';
import { loadLibrary } from '../src/index-cache.ts';
import { shippedCatalog } from './helpers/bot.ts';

const joined = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

const original = new Library(shippedCatalog());
const bytes = joined(encodeSnapshot(original, {}, { note: 'test' }));
const QUERIES = ['kubernetes lasagna', 'chaos', 'database failover', 'kuberntes', 'terra', 'the istio episode', 'hyrums law', 'e.B.P.F', 'zyzzyva'];

describe('library snapshot', () => {
  it('restores a library that answers exactly as the one it was made from', () => {
    const restored = decodeSnapshot(bytes);
    if (!restored.ok) throw new Error(restored.error);
    const lib = restored.value.library;
    expect(restored.value.meta).toEqual({ note: 'test' });
    expect(lib.size).toBe(original.size);
    expect(lib.latest(0, 100)).toEqual(original.latest(0, 100));
    for (const q of QUERIES) expect(lib.search(q, 0, 50), q).toEqual(original.search(q, 0, 50));
    for (const typed of ['ta', 'veronca lopes', 'Jér', 'chaos eng']) expect(lib.suggest(typed, ['episode', 'guest'], 25)).toEqual(original.suggest(typed, ['episode', 'guest'], 25));
    for (const name of ['petazoni', 'Taylor Dolezal']) expect(lib.findGuests(name)).toEqual(original.findGuests(name));
    for (const ep of original.latest(0, 100)) expect(lib.similarTo(ep.id)).toEqual(original.similarTo(ep.id));
  });

  it('keeps transcripts as they were, accents and curly quotes included', () => {
    const lib = (decodeSnapshot(bytes) as { ok: true; value: { library: Library } }).value.library;
    for (const ep of shippedCatalog().episodes) expect(lib.get(ep.id)?.transcriptExcerpt).toBe(ep.transcriptExcerpt);
  });

  it('takes new episodes after being restored', () => {
    const lib = (decodeSnapshot(bytes) as { ok: true; value: { library: Library } }).value.library;
    lib.upsert([{ ...shippedCatalog().episodes[0]!, id: 'zebra-one', title: 'Zebras in production', publishedAt: '2031-01-01' }]);
    expect(lib.search('zebras').hits[0]?.episodeId).toBe('zebra-one');
    expect(lib.latest(0, 1)[0]!.id).toBe('zebra-one');
  });

  it('refuses a snapshot of another version, naming both versions', () => {
    const text = new TextDecoder().decode(bytes.subarray(12, 200));
    expect(text).toContain(`"version":${SNAPSHOT_VERSION}`);
    const other = bytes.slice();
    const at = 12 + text.indexOf(`"version":${SNAPSHOT_VERSION}`) + '"version":'.length;
    other[at] = '9'.charCodeAt(0);
    const r = decodeSnapshot(other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/version 9 cannot be read .*reads version 1/);
  });

  it('refuses bytes that are no snapshot, a cut one, and one built with other options', () => {
    expect(decodeSnapshot(new TextEncoder().encode('{"version":1}'))).toEqual({ ok: false, error: 'not an episode-bot library snapshot' });
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 4096)).ok).toBe(false);
    const r = decodeSnapshot(bytes, { search: { segmentWords: 40 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/built with .*segmentWords.*80.*rebuild it/);
  });
});

describe('index cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'episode-bot-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const catalog = join(dir, 'episodes.json');
  const snapshot = join(dir, 'episodes.index');
  copyFileSync(new URL('../data/episodes.json', import.meta.url), catalog);

  it('builds and writes the snapshot once, then starts from it', () => {
    const first = loadLibrary(catalog, snapshot);
    expect(first.ok && first.value.source).toBe('catalog');
    const second = loadLibrary(catalog, snapshot);
    expect(second.ok && second.value.source).toBe('snapshot');
    if (first.ok && second.ok) expect(second.value.library.search('chaos', 0, 50)).toEqual(first.value.library.search('chaos', 0, 50));
  });

  it('rebuilds when the catalog changed, or the snapshot is damaged', () => {
    utimesSync(catalog, new Date(), new Date(Date.now() + 5_000));
    const changed = loadLibrary(catalog, snapshot);
    expect(changed.ok && changed.value).toMatchObject({ source: 'catalog', note: expect.stringMatching(/another version of the catalog/) });
    writeFileSync(snapshot, readFileSync(snapshot).subarray(0, 100));
    const damaged = loadLibrary(catalog, snapshot);
    expect(damaged.ok && damaged.value.source).toBe('catalog');
    const again = loadLibrary(catalog, snapshot);
    expect(again.ok && again.value.source).toBe('snapshot');
  });

  it('fails with the catalog error when the catalog is missing', () => {
    const r = loadLibrary(join(dir, 'nope.json'), join(dir, 'nope.index'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/catalog file not found/);
  });
});
