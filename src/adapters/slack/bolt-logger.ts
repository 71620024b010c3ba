import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Bolt's level for a pino level: pino's `trace` is Bolt's `debug`, `fatal` and `silent` its `error`. */
export function boltLevelOf(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

/**
 * A Bolt `Logger` writing to our pino logger (child `{ component: 'bolt' }`),
 * so Bolt's, the Web API client's and Socket Mode's lines share its format
 * and secret redaction. An `Error` among the arguments is logged as `err`.
 * The level stays pino's: Bolt's `setLevel` is ignored.
 */
export function createBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const write = (level: Level) => (...msg: unknown[]) => {
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = msg
      .filter((m) => m !== err)
      .map((m) => (typeof m === 'string' ? m : safeJson(m)))
      .join(' ');
    if (err) child[level]({ err }, text || err.message);
    else child[level](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => boltLevelOf(child.level),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
