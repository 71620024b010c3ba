/** An expected outcome: a value, or a failure described for a person. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a success. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** Wraps a failure. */
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
