import { decodeWindows1252 } from './windows-1252.ts';

const PREFIX_BYTES = 256;

/** Encoding announced by a byte-order mark, if the bytes start with one. */
function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `charset` parameter of a Content-Type header ("text/xml; charset="ISO-8859-1"" → "ISO-8859-1"). */
export function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '');
  return match?.[2] ?? null;
}

/**
 * `encoding` of the XML declaration. A declared UTF-16 is ignored: if the declaration could be
 * read as ASCII the bytes are not UTF-16 (real UTF-16 feeds carry a BOM, handled earlier).
 */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PREFIX_BYTES)).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head);
  const label = match?.[1] ?? null;
  return label === null || /^utf-?16/i.test(label) ? null : label;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * Decodes a feed body. The encoding comes from, in order: a byte-order mark, the Content-Type
 * `charset`, the XML declaration's `encoding`, else UTF-8 (RFC 7303). An unknown label falls back
 * to UTF-8; invalid bytes become U+FFFD rather than failing. A leading BOM never reaches the text.
 * Labels the Encoding standard maps to windows-1252 (ISO-8859-1, latin1, US-ASCII...) decode as
 * windows-1252 on every Node version (see windows-1252.ts).
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): string {
  const label = bomEncoding(bytes) ?? charsetOf(contentType) ?? declaredEncoding(bytes) ?? 'utf-8';
  const decoder = decoderFor(label) ?? new TextDecoder('utf-8');
  const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
