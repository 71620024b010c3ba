const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** Offsets in minutes for the zone names RFC 822 allows, plus a few common ones feeds use anyway. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480,
  bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, jst: 540, aest: 600, aedt: 660,
};

/** [weekday,] day month year hh:mm[:ss] [zone], tolerating missing comma, full month names, 2-digit years. */
const RFC822 = /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(.*)$/i;

/** Longer than any real date; such values are not read at all. */
const MAX_DATE_LENGTH = 80;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*))?$/i;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
}

/** Zone text to an offset in minutes; unknown or missing zones count as UTC. */
function zoneOffset(zone: string): number | null {
  const z = zone.trim().toLowerCase();
  if (z === '') return 0;
  const numeric = /^(?:gmt|utc)?([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  if (/^[a-z]{1,5}$/.test(z)) return ZONES[z] ?? 0;
  return null;
}

/** 1-12 for an English month name or its abbreviation ("Jun", "June", "Sept"); undefined otherwise. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((full) => full.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function fromRfc822(text: string): Parts | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const month = monthNumber(m[2]!);
  const offsetMinutes = zoneOffset(m[7]!);
  if (month === undefined || offsetMinutes === null) return null;
  return {
    year: fullYear(m[3]!), month, day: Number(m[1]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0), offsetMinutes,
  };
}

function fromIso(text: string): Parts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const offsetMinutes = zoneOffset(m[7] ?? '');
  if (offsetMinutes === null) return null;
  return {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), offsetMinutes,
  };
}

/** UTC instant of the parts, or null when a field is out of range (31 Feb, 25:00...). */
function toInstant(p: Parts): Date | null {
  if (p.year < 1000 || p.year > 9999 || p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  const local = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59)));
  if (local.getUTCMonth() !== p.month - 1 || local.getUTCDate() !== p.day) return null;
  return new Date(local.getTime() - p.offsetMinutes * 60_000);
}

/**
 * Parses a feed date (RFC 822 as RSS requires, ISO 8601, and common broken
 * variants such as missing weekday comma, full month names, or "UTC"/"PST"
 * zone names) into an ISO UTC string like `2021-10-05T12:00:00Z`.
 * Returns null for anything it cannot read with confidence.
 */
export function parsePubDate(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > MAX_DATE_LENGTH) return null;
  const parts = fromRfc822(text) ?? fromIso(text);
  const instant = parts === null ? null : toInstant(parts);
  if (instant === null || Number.isNaN(instant.getTime())) return null;
  const iso = instant.toISOString();
  return iso.startsWith('+') || iso.startsWith('-') ? null : `${iso.slice(0, 19)}Z`;
}
