/** Exit codes: 0 answered or shut down cleanly; 1 the bot cannot run; 2 bad configuration or usage. */
export const EXIT = { ok: 0, cannotRun: 1, badConfig: 2 } as const;

/** Writes `episode-bot: <message>` to standard error and exits with `code`. */
export function fatal(message: string, code: number): never {
  process.stderr.write(`episode-bot: ${message}\n`);
  process.exit(code);
}
