import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** How to build the logger. */
export interface LogOptions {
  level: string;
  /** `auto`: human-readable on a terminal, JSON otherwise. */
  format: 'auto' | 'pretty' | 'json';
  /** Secret values (tokens) replaced by "[redacted]" wherever they appear. */
  secrets: readonly string[];
  /** Where lines go; standard error by default, so chat output stays clean. */
  destination?: NodeJS.WritableStream;
}

/** Replaces every secret in a string with "[redacted]". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out.replace(/\b(xox[abpr]-|xapp-)[A-Za-z0-9-]{8,}/g, '$1[redacted]');
}

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redact(value.message, secrets), stack: redact(value.stack ?? '', secrets), ...scrubObject(value, secrets, depth) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  return scrubObject(value as Record<string, unknown>, secrets, depth);
}

function scrubObject(value: object, secrets: readonly string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = /token|secret|authorization|password/i.test(k) && typeof v === 'string' ? '[redacted]' : scrub(v, secrets, depth + 1);
  }
  return out;
}

/** Creates the process's pino logger: redacts secrets, pretty on a terminal. */
export function createLogger(options: LogOptions): Logger {
  const destination = options.destination ?? process.stderr;
  const usePretty = options.format === 'pretty' || (options.format === 'auto' && (destination as { isTTY?: boolean }).isTTY === true);
  const stream = usePretty
    ? pretty({ destination, colorize: (destination as { isTTY?: boolean }).isTTY === true, sync: true, ignore: 'pid,hostname' })
    : destination;
  const logger = pino(
    {
      level: options.level,
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => scrub(a, options.secrets)) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
    },
    stream,
  );
  // A child logger's bindings (e.g. `{ feed: url }`) never pass logMethod: they are scrubbed when the child is made
  // (set on the root, inherited by every descendant, which pino creates with Object.create).
  const makeChild = Object.getPrototypeOf(logger).child as Logger['child'];
  logger.child = function (this: Logger, bindings, childOptions) {
    return makeChild.call(this, scrub(bindings, options.secrets) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}

/** An error whose message and stack have every secret replaced (for errors logged outside the logger's own scrubbing). */
export function redactError(err: unknown, secrets: readonly string[]): unknown {
  return err instanceof Error ? Object.assign(new Error(redact(err.message, secrets)), { stack: redact(err.stack ?? '', secrets) }) : err;
}
