/**
 * `npm start` / `npm run ask`: runs the compiled bot (dist/main.mjs, see
 * scripts/dist.mjs). A bundle older than any of its sources is never run: it
 * is rebuilt first (a fraction of a second, said on stderr). Without esbuild
 * (installed with --omit=dev) a stale or missing bundle falls back to running
 * the TypeScript sources through tsx, also said on stderr.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDist, entryOf, ROOT, staleReason } from './dist.mjs';

const say = (line) => process.stderr.write(`episode-bot: ${line}\n`);

async function entry() {
  const stale = existsSync(join(ROOT, 'src', 'main.ts')) ? staleReason() : null;
  if (stale === null) return entryOf();
  try {
    const ms = await buildDist();
    if (stale !== 'no build yet') say(`rebuilt dist/ (${stale}) in ${ms} ms`);
    return entryOf();
  } catch (err) {
    say(`cannot build dist/ (${String(err?.message ?? err).split('\n')[0]}); running the TypeScript sources with tsx`);
    const { register } = await import('tsx/esm/api');
    register();
    return join(ROOT, 'src', 'main.ts');
  }
}

// Node 22.1+ keeps compiled code between starts (no-op on Node 20, which lacks it).
module.enableCompileCache?.();
await import(pathToFileURL(await entry()).href);
