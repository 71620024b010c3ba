import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fail, ok, type Result } from './core/model/result.ts';

/** The shipped demo catalog, wherever the bot is started from (src/ and dist/ both sit one level below the package). */
const SHIPPED_CATALOG = fileURLToPath(new URL('../data/episodes.json', import.meta.url));

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const url = (what: string) =>
  optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `must be an http(s) URL (${what})`);

const bool = (fallback: boolean) =>
  optionalText
    .refine((v) => v === undefined || /^(1|0|true|false|yes|no|on|off)$/i.test(v), 'must be true or false')
    .transform((v) => (v === undefined ? fallback : /^(1|true|yes|on)$/i.test(v)));

const int = (fallback: number, min: number, max: number) =>
  optionalText
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), `must be a whole number from ${min} to ${max}`)
    .transform((v) => (v === undefined ? fallback : Number(v)));

/** Parses "15m", "30s", "2h", "500ms" into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text.trim().toLowerCase());
  if (!m) return null;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * factor);
}

const duration = (fallback: string) =>
  optionalText
    .refine((v) => v === undefined || (parseDuration(v) ?? 0) >= 1000, 'must be a duration of at least 1s, like 15m, 30s or 1h')
    .transform((v) => parseDuration(v ?? fallback)!);

const envSchema = z.object({
  CATALOG_PATH: optionalText.default(SHIPPED_CATALOG),
  INDEX_CACHE_PATH: optionalText.default('data/index-cache.db'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  CONSOLE: z.enum(['auto', 'on', 'off']).default('auto'),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{15,25}$/.test(v), 'must be a numeric Discord id'),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{15,25}$/.test(v), 'must be a numeric Discord id'),
  DISCORD_API_URL: url('the Discord REST API base, e.g. https://discord.com/api'),
  DISCORD_EPHEMERAL: bool(true),
  DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), 'must be the application\'s public key: 64 hexadecimal characters (Developer Portal > General Information)'),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: optionalText,
  PORT: optionalText.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), 'must be a whole number from 1 to 65535').transform((v) => (v === undefined ? undefined : Number(v))),
  SLACK_PORT: int(3000, 1, 65535),
  SLACK_API_URL: url('the Slack Web API base, e.g. https://slack.com/api/'),
  SLACK_ADMIN_USER_IDS: optionalText.transform((v) => (v ? v.split(/[\s,]+/).filter(Boolean) : [])),
  SLACK_EPHEMERAL: bool(true),
  FEED_URL: optionalText,
  FEED_POLL_INTERVAL: duration('15m'),
  DATABASE_PATH: optionalText.default('data/episode-bot.db'),
  // PostgreSQL instead of the SQLite file when set; checked further by the caller's `checkDatabaseUrl` (see loadConfig).
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//i.test(v), 'must be a postgres:// URL, like postgres://user:password@host:5432/database'),
  // The announcer lease (several processes on one database): how long it lasts unrenewed, and how often it is renewed.
  LEASE_TTL: duration('20s'),
  LEASE_HEARTBEAT: duration('5s'),
  // For the process tests only: the announcer waits this long between claiming a delivery and posting it.
  TEST_PAUSE_AFTER_CLAIM: optionalText.refine((v) => v === undefined || parseDuration(v) !== null, 'must be a duration, like 3s').transform((v) => (v === undefined ? undefined : parseDuration(v)!)),
  ANNOUNCE_ON_FIRST_POLL: int(1, 0, 50),
  ANNOUNCE_MAX_BACKLOG: int(3, 0, 50),
  ALLOW_PRIVATE_FEED_URLS: bool(false),
  MAX_FOLLOWED_FEEDS: int(50, 0, 10_000),
  PODCAST_DIRECTORY_URL: url('a podcast directory answering like Apple\'s iTunes Search API, e.g. https://itunes.apple.com/').default('https://itunes.apple.com/'),
});

/** The validated configuration. */
export type Config = z.infer<typeof envSchema>;

/** Checks the settings that need more than config.ts may know (it imports nothing but core/model). */
export interface ConfigChecks {
  /** What is wrong with a `DATABASE_URL` (never echoing its password), or null when it can be used. */
  checkDatabaseUrl?: (url: string) => string | null;
}

/**
 * Validates the environment: the configuration, or (an expected failure) one
 * line per problem, naming each variable and what is wrong,
 * e.g. `SLACK_PORT: must be a whole number from 1 to 65535`; values are never echoed.
 */
export function loadConfig(env: Record<string, string | undefined>, checks: ConfigChecks = {}): Result<Config, string[]> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const errors: string[] = [];
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) errors.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (the application id from the Discord developer portal)');
  else if (c.DISCORD_PUBLIC_KEY && !c.DISCORD_APPLICATION_ID) errors.push('DISCORD_APPLICATION_ID: required when DISCORD_PUBLIC_KEY is set (the application id from the Discord developer portal)');
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    errors.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (HTTP mode); or set SLACK_APP_TOKEN for Socket Mode');
  }
  if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN) errors.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  if (c.LEASE_HEARTBEAT * 2 > c.LEASE_TTL) errors.push('LEASE_HEARTBEAT: must be at most half of LEASE_TTL (the holder must renew the lease at least twice before it expires)');
  const databaseProblem = c.DATABASE_URL && checks.checkDatabaseUrl ? checks.checkDatabaseUrl(c.DATABASE_URL) : null;
  if (databaseProblem) errors.push(`DATABASE_URL: ${databaseProblem}`);
  return errors.length > 0 ? fail(errors) : ok(c);
}

/**
 * The port of the process's HTTP server (Slack events, Discord interactions,
 * health, metrics): `PORT` (what hosting platforms set), else `SLACK_PORT`
 * (its name before the server served more than Slack), else 3000.
 */
export function httpPortOf(c: Pick<Config, 'PORT' | 'SLACK_PORT'>): number {
  return c.PORT ?? c.SLACK_PORT;
}

/**
 * The feeds to follow: `FEED_URL` split at commas (one URL works as
 * before), trimmed, empty entries and repeats dropped, in order.
 */
export function feedUrlsOf(c: Pick<Config, 'FEED_URL'>): string[] {
  return [...new Set((c.FEED_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean))];
}

/** The secret values in a configuration, to redact from logs and errors: tokens, and the passwords of feed URLs (`https://user:password@…`) and of DATABASE_URL. */
export function secretsOf(c: Config): string[] {
  return [c.DISCORD_TOKEN, c.SLACK_BOT_TOKEN, c.SLACK_APP_TOKEN, c.SLACK_SIGNING_SECRET, ...feedPasswords(c), ...passwordsOf(c.DATABASE_URL)].filter(
    (s): s is string => typeof s === 'string' && s.length >= 6,
  );
}

function feedPasswords(c: Config): string[] {
  return feedUrlsOf(c).flatMap(passwordsOf);
}

/** The password of a URL, as written and decoded; none when it has none or cannot be read. */
function passwordsOf(u: string | undefined): string[] {
  if (!u) return [];
  try {
    const password = new URL(u).password;
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
