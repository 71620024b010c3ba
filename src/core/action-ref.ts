import type { ActionRef } from './answer.ts';
import { fail, ok, type Result } from './result.ts';

/** Version of the encoded form; buttons from another version are refused politely. */
export const ACTION_REF_VERSION = '1';

/** Longest encoded form a platform accepts (Discord's custom_id limit). */
export const MAX_ENCODED_LENGTH = 100;

const CODES: Record<ActionRef['command'], string> = {
  episode: 'e', latest: 'l', guest: 'g', recommend: 'r', similar: 's', show: 'x', random: 'n',
};
const COMMANDS = new Map(Object.entries(CODES).map(([k, v]) => [v, k as ActionRef['command']]));

/**
 * Encodes a ref as `1:<command>:<page>:<arg>`, or null when it would be
 * longer than {@link MAX_ENCODED_LENGTH} (the button is then left out).
 * `tag` (e.g. "share") prefixes the form so one ref can back several buttons.
 */
export function encodeActionRef(ref: ActionRef, tag = ''): string | null {
  const encoded = `${tag ? `${tag}/` : ''}${ACTION_REF_VERSION}:${CODES[ref.command]}:${ref.page}:${ref.arg}`;
  return encoded.length <= MAX_ENCODED_LENGTH ? encoded : null;
}

/** Decodes what {@link encodeActionRef} made; an unknown or old form is an expected failure. */
export function decodeActionRef(encoded: string): Result<{ ref: ActionRef; tag: string }> {
  const slash = encoded.indexOf('/');
  const colonBeforeSlash = encoded.indexOf(':');
  const tag = slash >= 0 && (colonBeforeSlash < 0 || slash < colonBeforeSlash) ? encoded.slice(0, slash) : '';
  const rest = tag ? encoded.slice(slash + 1) : encoded;
  const m = /^(\d+):([a-z]):(\d{1,4}):(.*)$/s.exec(rest);
  if (!m || m[1] !== ACTION_REF_VERSION) return fail('This button is from an older version of the bot.');
  const command = COMMANDS.get(m[2]!);
  if (!command) return fail('This button is not one the bot knows.');
  return ok({ ref: { command, page: Number(m[3]), arg: m[4]! }, tag });
}
