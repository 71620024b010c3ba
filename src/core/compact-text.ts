import type { Episode } from './catalog-schema.ts';

/**
 * A long text at one byte a character: the low byte of each UTF-16 code
 * unit, plus the few code units above 0xFF (’ “ ” — …) kept aside by
 * position. A JavaScript string holding even one ’ takes two bytes a
 * character, so transcripts, most of a catalog, take half the memory this
 * way; offsets are the string's own, so any stretch decodes on its own.
 */
export class CompactText {
  private constructor(
    readonly bytes: Uint8Array,
    readonly wideAt: Int32Array,
    readonly wideChars: Uint16Array,
  ) {}

  /** Compacts a string. */
  static from(text: string): CompactText {
    const bytes = new Uint8Array(text.length);
    const at: number[] = [];
    const chars: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c & 0xff;
      if (c > 0xff) {
        at.push(i);
        chars.push(c);
      }
    }
    return new CompactText(bytes, Int32Array.from(at), Uint16Array.from(chars));
  }

  /** A compact text from its parts (as {@link bytes}, {@link wideAt}, {@link wideChars} gave them). */
  static fromParts(bytes: Uint8Array, wideAt: Int32Array, wideChars: Uint16Array): CompactText {
    return new CompactText(bytes, wideAt, wideChars);
  }

  /** Length in UTF-16 code units, as the string's. */
  get length(): number {
    return this.bytes.length;
  }

  /** The text from `start` to `end`, as `string.slice` would give it. */
  slice(start = 0, end = this.bytes.length): string {
    const from = Math.max(0, Math.min(start, this.bytes.length));
    const to = Math.max(from, Math.min(end, this.bytes.length));
    let lo = 0;
    let hi = this.wideAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.wideAt[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let pos = from;
    for (let w = lo; w < this.wideAt.length && this.wideAt[w]! < to; w++) {
      out += latin1(this.bytes, pos, this.wideAt[w]!) + String.fromCharCode(this.wideChars[w]!);
      pos = this.wideAt[w]! + 1;
    }
    return out + latin1(this.bytes, pos, to);
  }

  /** The whole text. */
  toString(): string {
    return this.slice();
  }
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + 8192)) as unknown as number[]);
  return out;
}

const compactOf = new WeakMap<Episode, CompactText>();
/** The transcript as it came, while the indexes are built from it (see {@link releasePlainTranscripts}). */
const plainOf = new WeakMap<Episode, string>();

/**
 * The episode with its transcript held as a {@link CompactText}: the same
 * fields, `transcriptExcerpt` decoded when read.
 */
export function withCompactTranscript(ep: Episode, compact?: CompactText): Episode {
  if (compactOf.has(ep) || (!compact && ep.transcriptExcerpt === null)) return ep;
  const text = compact ?? CompactText.from(ep.transcriptExcerpt!);
  const out = { ...ep };
  Object.defineProperty(out, 'transcriptExcerpt', { get: () => text.toString(), enumerable: true, configurable: true });
  compactOf.set(out, text);
  if (!compact) plainOf.set(out, ep.transcriptExcerpt!);
  return out;
}

/** An episode's transcript, without decoding it while the string it came as is still at hand. */
export function transcriptOf(ep: Episode): string | null {
  return plainOf.get(ep) ?? ep.transcriptExcerpt;
}

/** Lets go of the strings the transcripts came as, once every index has read them. */
export function releasePlainTranscripts(episodes: readonly Episode[]): void {
  for (const ep of episodes) plainOf.delete(ep);
}

/** The compact transcript of an episode made by {@link withCompactTranscript}, if it is one. */
export function compactTranscript(ep: Episode): CompactText | undefined {
  return compactOf.get(ep);
}

/** `ep.transcriptExcerpt.slice(start, end)` without decoding the rest of a compact transcript. */
export function transcriptSlice(ep: Episode, start: number, end: number): string {
  const compact = compactOf.get(ep);
  return compact ? compact.slice(start, end) : (ep.transcriptExcerpt ?? '').slice(start, end);
}
