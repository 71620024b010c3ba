/**
 * The compiled bot: src/main.ts bundled by esbuild into dist/ (our code in a
 * few ES modules; packages stay in node_modules). Plain JavaScript so that a
 * start pays no TypeScript loader. `dist/inputs.json` lists the source files
 * the bundle was made from and when, so a start can tell a stale bundle.
 *
 * `node scripts/dist.mjs` builds (the `prepare` script: `npm install` runs it).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the bundle goes under a root, and its entry module. */
export const distDir = (root = ROOT) => join(root, 'dist');
export const entryOf = (root = ROOT) => join(distDir(root), 'main.mjs');
/** Packages loaded from node_modules at run time rather than bundled. */
const EXTERNAL = ['better-sqlite3', 'pino', 'pino-pretty', 'discord.js', '@discordjs/*', '@slack/*', 'prom-client', 'tsx', 'esbuild'];

const inputsFile = (root) => join(distDir(root), 'inputs.json');

/**
 * Why the bundle under `root` cannot be trusted to run today's sources, or null when it is current:
 * missing, or a source file it was made from changed (or vanished) since the build started.
 * About a hundred `stat` calls: a millisecond or two.
 */
export function staleReason(root = ROOT) {
  let record;
  try {
    record = JSON.parse(readFileSync(inputsFile(root), 'utf8'));
  } catch {
    return 'no build yet';
  }
  for (const input of record.inputs) {
    let modified;
    try {
      modified = statSync(join(root, input)).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (modified > record.startedAt) return `${input} changed`;
  }
  return null;
}

/** Builds the bundle under `root` (into a fresh directory, then swapped in); resolves with the build's wall time in ms. */
export async function buildDist(root = ROOT) {
  const startedAt = Date.now();
  const esbuild = await import('esbuild');
  const out = `${distDir(root)}.${process.pid}.tmp`;
  rmSync(out, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: join(root, 'src', 'main.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled too (fewer modules to load: most of a start is the module loader), except what cannot or
    // need not be: the native better-sqlite3, pino (worker-thread transports), and the platform SDKs,
    // which only a Discord or Slack start loads.
    external: EXTERNAL,
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    metafile: true,
    // Smaller to parse at each start; names kept so stack traces stay readable (exact lines: NODE_OPTIONS=--enable-source-maps).
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules'));
  inputs.push(relative(root, fileURLToPath(import.meta.url)));
  mkdirSync(out, { recursive: true });
  writeFileSync(inputsFile(root).replace(distDir(root), out), `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`);
  rmSync(distDir(root), { recursive: true, force: true });
  renameSync(out, distDir(root));
  return Date.now() - startedAt;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const ms = await buildDist();
    process.stderr.write(`episode-bot: built ${relative(process.cwd(), entryOf()) || entryOf()} in ${ms} ms\n`);
  } catch (err) {
    // Installed without dev dependencies (no esbuild): not an install failure; `npm start` runs the sources with tsx.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    process.stderr.write('episode-bot: esbuild is not installed, so no dist/ build; npm start will run the TypeScript sources with tsx\n');
  }
}
