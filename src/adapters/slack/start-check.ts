import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { describeNetworkFailure, innermostMessage } from '../../core/model/network-failure.ts';

/** Who the bot token belongs to, as `auth.test` tells it. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Retries of the start check: 4 attempts, waiting 0.5, 1 and 2 s between
 * them; each attempt gives up after {@link START_ATTEMPT_TIMEOUT_MS}.
 */
export const START_RETRIES: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: false };

/** How long one start-check request may take (a black-holed address otherwise hangs for minutes). */
export const START_ATTEMPT_TIMEOUT_MS = 10_000;

/** The Web API's default base URL. */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** Slack errors that mean the bot token itself is wrong. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** What the start check needs. */
export interface StartCheckOptions {
  botToken: string;
  /** Web API base URL as configured (SLACK_API_URL); Slack's own when unset. */
  apiUrl?: string;
  logger: BoltLogger;
  fetch?: typeof fetch;
  /** Default {@link START_RETRIES}. */
  retries?: webApi.RetryOptions;
}

/**
 * Checks at start that the Web API answers and takes the bot token
 * (`auth.test`, with a few retries: {@link START_RETRIES}), so that an
 * unreachable API or a wrong token stops the start with a clear error rather
 * than retrying for half an hour (the Web API client's default). Throws an
 * error whose message names the setting to check; never the token.
 */
export async function checkSlackConnection(options: StartCheckOptions): Promise<SlackIdentity> {
  const retries = options.retries ?? START_RETRIES;
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl ?? DEFAULT_SLACK_API_URL,
    logger: options.logger,
    retryConfig: retries,
    timeout: START_ATTEMPT_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const apiUrl = options.apiUrl;
  const attempts = (retries.retries ?? 0) + 1;
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (err) {
    throw new Error(startFailure(err, apiUrl, attempts), { cause: err });
  }
  if (!auth.bot_id || !auth.user_id) {
    throw new Error('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id); use the xoxb- token from OAuth & Permissions');
  }
  return { botId: auth.bot_id, botUserId: auth.user_id };
}

function startFailure(err: unknown, apiUrl: string | undefined, attempts: number): string {
  const where = apiUrl ? `${apiUrl} (SLACK_API_URL)` : DEFAULT_SLACK_API_URL;
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  const platformError = e.data?.error;
  if (platformError && TOKEN_ERRORS.has(platformError)) return `Slack rejected SLACK_BOT_TOKEN (${platformError}); check the bot token (xoxb-…) of your app`;
  if (platformError) return `Slack answered auth.test with "${platformError}" at ${where}`;
  const network = describeNetworkFailure(err) ?? (e.code === webApi.ErrorCode.RequestError ? innermostMessage(err) : null);
  const check = apiUrl ? 'check SLACK_API_URL and the network' : 'check the network (proxy, firewall, DNS)';
  if (network) return `cannot reach the Slack Web API at ${where}: ${network}, after ${attempts} attempts; ${check}`;
  if (e.statusCode) return `the Slack Web API at ${where} answered HTTP ${e.statusCode}, after ${attempts} attempts; ${check}`;
  return `cannot check the Slack bot token at ${where}: ${e.message ?? String(err)}`;
}

/**
 * The error a failed Socket Mode start rejects with: an app-level token that
 * Slack refuses names `SLACK_APP_TOKEN`; anything else is passed on.
 */
export function socketModeStartError(err: unknown): unknown {
  const platformError = (err as { data?: { error?: string } } | null)?.data?.error;
  if (!platformError || !TOKEN_ERRORS.has(platformError)) return err;
  return new Error(`Slack rejected SLACK_APP_TOKEN (${platformError}); use the app-level token (xapp-…) with the connections:write scope`, { cause: err });
}
