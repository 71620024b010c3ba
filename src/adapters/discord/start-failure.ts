import { describeNetworkFailure, innermostMessage } from '../../core/model/network-failure.ts';

/** The REST API base discord.js uses when `DISCORD_API_URL` is unset. */
const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/**
 * The error `start()` rejects with when discord.js cannot log in: its message
 * names the setting to check (`DISCORD_TOKEN`, `DISCORD_API_URL`) or the
 * network problem, never the token; the original is its `cause` and its
 * `code` (e.g. `TokenInvalid`) is kept.
 */
export function discordStartError(err: unknown, apiUrl: string | undefined): Error {
  const e = (err ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
  const wrapped = new Error(startFailure(e, err, apiUrl), { cause: err });
  return typeof e.code === 'string' ? Object.assign(wrapped, { code: e.code }) : wrapped;
}

function startFailure(e: { code?: unknown; status?: unknown; message?: unknown }, err: unknown, apiUrl: string | undefined): string {
  if (e.code === 'TokenInvalid' || e.status === 401) {
    return 'Discord rejected DISCORD_TOKEN (invalid token); copy the bot token from the Developer Portal > Bot';
  }
  const where = apiUrl ? `${apiUrl} (DISCORD_API_URL)` : DEFAULT_DISCORD_API_URL;
  const network = describeNetworkFailure(err);
  if (network) return `cannot reach the Discord API at ${where}: ${network}; ${apiUrl ? 'check DISCORD_API_URL and the network' : 'check the network (proxy, firewall, DNS)'}`;
  return `Discord login failed at ${where}: ${innermostMessage(err)}`;
}
