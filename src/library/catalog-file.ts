import { readFileSync } from 'node:fs';
import type { Catalog } from '../core/model/catalog-schema.ts';
import { parseCatalog } from '../core/model/parse-catalog.ts';
import { fail, type Result } from '../core/model/result.ts';

/** Reads and validates the catalog file; every failure names the file. */
export function loadCatalogFile(path: string): Result<Catalog> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${path}: catalog file not found (set CATALOG_PATH to your catalog's path)`);
    return fail(`${path}: cannot read the catalog file (${code ?? (err as Error).message})`);
  }
  return parseCatalog(text, path);
}
