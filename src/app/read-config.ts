import { loadConfig, type Config } from '../config.ts';
import { parseDatabaseUrl } from '../store/postgres/database-url.ts';
import { EXIT, fatal } from './exit-codes.ts';

/** The configuration from `env`; a malformed or missing setting exits with code 2, naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const loaded = loadConfig(env, { checkDatabaseUrl });
  if (loaded.ok) return loaded.value;
  fatal(`configuration error:\n${loaded.error.map((e) => `  - ${e}`).join('\n')}\nSee .env.example for every setting.`, EXIT.badConfig);
}

/** What is wrong with a DATABASE_URL (parseDatabaseUrl's words, which never hold the password), or null. */
export function checkDatabaseUrl(url: string): string | null {
  try {
    parseDatabaseUrl(url);
    return null;
  } catch (err) {
    return (err as Error).message.replace(/^DATABASE_URL: /, '');
  }
}
