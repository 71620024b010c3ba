import type { ActionRef } from './answer.ts';
import { fail, ok, type Result } from '../model/result.ts';

/** Version of the encoded form; buttons from another version are refused politely. */
export const ACTION_REF_VERSION = '1';

/** Longest encoded form a platform accepts (Discord's custom_id limit). */
export const MAX_ENCODED_LENGTH = 100;

const CODES: Record<ActionRef['command'], string> = {
  episode: 'e', latest: 'l', guest: 'g', recommend: 'r', similar: 's', show: 'x', random: 'n',
};
const COMMANDS = new Map(Object.entries(CODES).map(([k, v]) => [v, k as ActionRef['command']]));

/** A show key as a button carries it. */
const SHOW_KEY = /^[a-z0-9-]{1,24}$/;

/**
 * Encodes a ref as `1:<command>:<page>:<arg>` (`1:<command>:<page>@<show>:<arg>` when limited to a show), or null when it would be
 * longer than {@link MAX_ENCODED_LENGTH} (the button is then left out).
 * `tag` (e.g. "share") prefixes the form so one ref can back several buttons.
 */
export function encodeActionRef(ref: ActionRef, tag = ''): string | null {
  const show = ref.show && SHOW_KEY.test(ref.show) ? `@${ref.show}` : '';
  const encoded = `${tag ? `${tag}/` : ''}${ACTION_REF_VERSION}:${CODES[ref.command]}:${ref.page}${show}:${ref.arg}`;
  return encoded.length <= MAX_ENCODED_LENGTH ? encoded : null;
}

/** Decodes what {@link encodeActionRef} made; an unknown or old form is an expected failure. */
export function decodeActionRef(encoded: string): Result<{ ref: ActionRef; tag: string }> {
  const slash = encoded.indexOf('/');
  const colonBeforeSlash = encoded.indexOf(':');
  const tag = slash >= 0 && (colonBeforeSlash < 0 || slash < colonBeforeSlash) ? encoded.slice(0, slash) : '';
  const rest = tag ? encoded.slice(slash + 1) : encoded;
  const m = /^(\d+):([a-z]):(\d{1,4})(?:@([a-z0-9-]{1,24}))?:(.*)$/s.exec(rest);
  if (!m || m[1] !== ACTION_REF_VERSION) return fail('This button is from an older version of the bot.');
  const command = COMMANDS.get(m[2]!);
  if (!command) return fail('This button is not one the bot knows.');
  const ref: ActionRef = { command, page: Number(m[3]), arg: m[5]! };
  if (m[4]) ref.show = m[4];
  return ok({ ref, tag });
}
