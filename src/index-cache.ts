/**
 * The library's indexes persisted next to the catalog, so a start loads them
 * instead of rebuilding (seconds at 10,000 episodes). The snapshot format is
 * src/core/library-snapshot.ts; this file only reads and writes it. A
 * snapshot is used only when it was made from the same catalog file (same
 * size and modification time) with the same options; otherwise the catalog
 * is loaded, indexed, and the snapshot rewritten.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writevSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogFile } from './catalog-file.ts';
import { Library, type LibraryOptions } from './core/library.ts';
import { decodeSnapshot, encodeSnapshot } from './core/library-snapshot.ts';
import { fail, ok, type Result } from './core/result.ts';

/** A loaded library and how it was obtained. */
export interface LoadedLibrary {
  library: Library;
  /** `snapshot`: restored from the cache; `catalog`: built from the catalog file. */
  source: 'snapshot' | 'catalog';
  /** Why the snapshot was not used or not written, if so (never fatal). */
  note: string | null;
  /** True when the note is a problem with the snapshot's location (it cannot be read or written there), not just a stale snapshot. */
  unusable?: boolean;
}

/** What a snapshot records of the catalog file it was made from. */
export interface CatalogStamp {
  catalogSize: number;
  catalogModified: number;
}

/** The stamp of a catalog file (size and modification time), null when it cannot be read. */
export function stampOf(catalogPath: string): CatalogStamp | null {
  try {
    const s = statSync(catalogPath);
    return { catalogSize: s.size, catalogModified: s.mtimeMs };
  } catch {
    return null;
  }
}

/** Writes a library snapshot to `path` (atomically: a temporary file renamed); returns its size in bytes. */
export function writeSnapshotFile(library: Library, path: string, options: LibraryOptions = {}, meta: Record<string, unknown> = {}): number {
  const chunks = encodeSnapshot(library, options, meta);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (let i = 0; i < chunks.length; i += 512) writevSync(fd, chunks.slice(i, i + 512));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return chunks.reduce((n, c) => n + c.length, 0);
}

/** Reads a library snapshot file; refuses files of another format version or options. */
export function readSnapshotFile(path: string, options: LibraryOptions = {}): Result<{ library: Library; meta: Record<string, unknown> }> {
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) return fail(`${path}: not a regular file, so not an index snapshot`);
    bytes = readFileSync(path);
  } catch (err) {
    return fail(`${path}: cannot read the index snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const decoded = decodeSnapshot(bytes, options);
  return decoded.ok ? decoded : fail(`${path}: ${decoded.error}`);
}

/**
 * The library for a catalog file, from its snapshot at `snapshotPath` when
 * that was made from this very file, else built from the catalog (and the
 * snapshot rewritten). Fails only when the catalog itself cannot be loaded.
 */
export function loadLibrary(catalogPath: string, snapshotPath: string, options: LibraryOptions = {}): Result<LoadedLibrary> {
  const stamp = stampOf(catalogPath);
  let note: string | null = null;
  const kind = fileKind(snapshotPath);
  if (kind === 'other') {
    const catalog = loadCatalogFile(catalogPath);
    if (!catalog.ok) return fail(catalog.error);
    const why = `${snapshotPath} is not a regular file (a device, directory or special file), so the index is neither read from nor saved there`;
    return ok({ library: new Library(catalog.value, options), source: 'catalog', note: why, unusable: true });
  }
  if (stamp && kind === 'file') {
    const read = readSnapshotFile(snapshotPath, options);
    const meta = read.ok ? read.value.meta : {};
    if (read.ok && meta.catalogPath === resolve(catalogPath) && meta.catalogSize === stamp.catalogSize && meta.catalogModified === stamp.catalogModified) {
      return ok({ library: read.value.library, source: 'snapshot', note: null });
    }
    note = read.ok ? 'the index snapshot was made from another version of the catalog' : read.error;
  }
  const catalog = loadCatalogFile(catalogPath);
  if (!catalog.ok) return fail(catalog.error);
  const library = new Library(catalog.value, options);
  let unusable = false;
  if (stamp) {
    try {
      writeSnapshotFile(library, snapshotPath, options, { ...stamp, catalogPath: resolve(catalogPath) });
    } catch (err) {
      note = `${snapshotPath}: cannot write the index snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
      unusable = true;
      try {
        unlinkSync(`${snapshotPath}.${process.pid}.tmp`);
      } catch {
        // nothing to clean
      }
    }
  }
  return ok({ library, source: 'catalog', note, unusable });
}

/** What is at `path`: nothing, a regular file, or something else (a directory, /dev/zero, a FIFO...) never to be read or replaced. */
function fileKind(path: string): 'none' | 'file' | 'other' {
  try {
    return statSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}
