const PLAIN_SECONDS = /^\d+(?:\.\d+)?$/;
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;

function clockSeconds(m: RegExpExecArray): number | null {
  const [, first, second, third] = m;
  if (third === undefined) {
    // MM:SS, where minutes may exceed 59 ("92:20").
    const seconds = Number(second);
    return seconds < 60 ? Number(first) * 60 + seconds : null;
  }
  // H:MM:SS / HH:MM:SS; two-digit minutes over 59 are tolerated ("00:60:05" is 3605 s).
  const seconds = Number(third);
  return seconds < 60 ? Number(first) * 3600 + Number(second) * 60 + seconds : null;
}

/**
 * Parses an `itunes:duration` value into whole seconds.
 * Accepts plain seconds ("3600", "1234.5" → rounded), "MM:SS" (minutes may
 * exceed 59, e.g. "92:20"), "H:MM:SS" and "HH:MM:SS" (fractional seconds
 * allowed). Returns null for "0" (feeds use it for "unknown"), blank values,
 * garbage, and clock values whose seconds part is 60 or more ("10:75").
 */
export function parseDuration(raw: string | null | undefined): number | null {
  const value = (raw ?? '').trim();
  let seconds: number | null = null;
  if (PLAIN_SECONDS.test(value)) seconds = Number(value);
  else {
    const m = CLOCK.exec(value);
    if (m) seconds = clockSeconds(m);
  }
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const rounded = Math.round(seconds);
  return rounded > 0 ? rounded : null;
}

/** Parses a chapter timestamp ("4:25", "00:04:25", "1:02:03") into seconds; null if malformed. */
export function parseTimestamp(raw: string): number | null {
  const m = CLOCK.exec(raw.trim());
  if (!m) return null;
  const seconds = clockSeconds(m);
  return seconds === null ? null : Math.floor(seconds);
}
