import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { copySqliteToPostgres, type CopiedCount, type CopyReport } from '../../store/postgres/copy-from-sqlite.ts';
import { hidePassword } from '../../store/postgres/database-url.ts';
import { EXIT } from '../exit-codes.ts';

/** Where the CLI writes. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const HELP_AFTER = `
Stop the bot before copying (what it writes after the copy started is not copied), then start it with DATABASE_URL.
The target's schema is created or migrated first; the rows go in one transaction (all or nothing).
Leases are not copied: the first bot started on the target becomes the leader.

Example:
  npm run store:copy -- --from data/episode-bot.db --to "$DATABASE_URL"

Exit codes: 0 copied; 1 the target could not be reached or the copy failed (nothing written);
2 bad arguments, a source that is not this version's episode-bot database, a target holding data (see --replace)
or with a schema newer than this episode-bot.`;

/**
 * `npm run store:copy`: copies a SQLite store into an empty PostgreSQL
 * database and prints what it copied (rows per table, time taken).
 * Resolves to the exit code.
 */
export async function runStoreCopy(args: readonly string[], env: Record<string, string | undefined>, io: CliOutput): Promise<number> {
  const program = new Command('store:copy')
    .description('Copies everything an episode-bot SQLite database holds into a PostgreSQL database, so switching engines re-announces nothing and re-fetches no transcript.')
    .requiredOption('--from <path>', 'the SQLite database (DATABASE_PATH); opened read-only')
    .option('--to <url>', 'the PostgreSQL database, postgres://user:password@host:port/database (default: $DATABASE_URL)')
    .option('--replace', 'remove what the target holds first, instead of refusing a target that holds data')
    .option('--wait <seconds>', 'how long an unreachable server is tried again', '10')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(npm run store:copy -- --help lists the options)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  try {
    program.parse([...args], { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    return err.exitCode === 0 ? EXIT.ok : EXIT.badConfig;
  }
  const o = program.opts<{ from: string; to?: string; replace?: boolean; wait: string }>();
  const to = o.to ?? env.DATABASE_URL;
  if (!to) {
    io.err('store:copy: where to? give --to postgres://user:password@host:port/database (or set DATABASE_URL)\n');
    return EXIT.badConfig;
  }
  const wait = Number(o.wait);
  if (!(wait >= 0)) {
    io.err(`store:copy: --wait must be a number of seconds (not ${o.wait})\n`);
    return EXIT.badConfig;
  }
  io.err(`store:copy: copying ${o.from}…\n`);
  let result: Awaited<ReturnType<typeof copySqliteToPostgres>>;
  try {
    result = await copySqliteToPostgres({
      from: o.from,
      to,
      replace: o.replace === true,
      connectWaitMs: wait * 1000,
      onTable: (t) => io.err(`  ${line(t)}\n`),
    });
  } catch (err) {
    io.err(`store:copy: the copy failed: ${hidePassword((err as Error)?.message ?? String(err), to)}\n`);
    return EXIT.cannotRun;
  }
  if (!result.ok) {
    io.err(`store:copy: ${result.error.message}\n`);
    return result.error.kind === 'usage' ? EXIT.badConfig : EXIT.cannotRun;
  }
  io.out(describe(result.value, o.from));
  return EXIT.ok;
}

const line = (t: CopiedCount) => `${t.table.padEnd(22)} ${String(t.rows).padStart(9)} rows  ${(t.ms / 1000).toFixed(1).padStart(6)} s`;

/** The report, for a person. */
export function describe(r: CopyReport, from: string): string {
  const total = r.tables.reduce((n, t) => n + t.rows, 0);
  const out = [
    `Copied ${from} to ${r.target} in ${(r.ms / 1000).toFixed(1)} s (${total} rows; target schema ${r.schema.from === r.schema.to ? `version ${r.schema.to}` : `migrated from version ${r.schema.from} to ${r.schema.to}`}):`,
    ...r.tables.map((t) => `  ${line(t)}`),
  ];
  if (r.replaced.length > 0) out.push(`Replaced what the target held in ${r.replaced.join(', ')}.`);
  for (const s of r.skipped) {
    out.push(`Not copied: ${s.table} (${s.rows} rows): the target's schema has no such table yet; a later episode-bot adds it (copy again with it, with --replace).`);
  }
  if (r.orphanSegments > 0) out.push(`Not copied: ${r.orphanSegments} transcript segments no stored transcript owns (left by an interrupted write).`);
  out.push('Leases are not copied: the first bot started on the target becomes the leader.');
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // DATABASE_URL may be in .env, as for the bot.
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.exitCode = await runStoreCopy(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
