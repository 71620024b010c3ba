import { loadConfig, type Config } from '../config.ts';
import { EXIT, fatal } from './exit-codes.ts';

/** The configuration from `env`; a malformed or missing setting exits with code 2, naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const loaded = loadConfig(env);
  if (loaded.ok) return loaded.value;
  fatal(`configuration error:\n${loaded.error.map((e) => `  - ${e}`).join('\n')}\nSee .env.example for every setting.`, EXIT.badConfig);
}
