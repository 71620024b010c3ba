/** What the console greeting says about the bot. */
export interface GreetingFacts {
  /** How many feeds are followed (0: the catalog file). */
  feeds: number;
  showName: string;
  episodes: number;
  /** The log level in force (`warn` when the chat owns the terminal and LOG_LEVEL is unset). */
  logLevel: string;
  /** Commands to try, drawn from the catalog served (see commands/catalog-examples.ts). */
  tries: readonly string[];
}

/** The console chat's first lines: what it answers from, what to try, where logs go. */
export function consoleGreeting(f: GreetingFacts): string {
  const plural = f.feeds > 1 ? 's' : '';
  const feed = f.feeds > 0 ? ` New episodes from the feed${plural} are announced here.` : '';
  const tries = f.episodes === 0 || f.tries.length === 0 ? 'Try /episode <a topic>, /latest, /random' : `Try ${f.tries.join(', ')}`;
  const what = f.feeds > 0 && f.episodes === 0 ? `Following ${f.feeds} feed${plural}: fetching episodes…` : `${f.showName}: ${f.episodes} episodes.`;
  const quiet = f.logLevel === 'warn';
  const level = quiet ? 'Warnings and errors' : `Logs (${f.logLevel} and up)`;
  return [`${what} ${tries} or /help. /quit leaves.${feed}`, `${level} print above the prompt${quiet ? '; LOG_LEVEL=info shows more' : ''}.`].join('\n');
}
