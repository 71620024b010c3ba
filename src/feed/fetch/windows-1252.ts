/**
 * What windows-1252 puts at bytes 0x80–0x9F (the WHATWG Encoding standard's index-windows-1252;
 * the five bytes it leaves undefined keep their own code point, as the standard says).
 * Bytes 0x00–0x7F and 0xA0–0xFF are the code point of the same number.
 */
const C1_TO_WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Decodes windows-1252 bytes, which is also what a feed labelled ISO-8859-1, latin1 or US-ASCII
 * gets (WHATWG Encoding standard). Written out because `new TextDecoder('windows-1252')` on
 * Node 20.18.3+ and 22.13+ (ICU-less decoding path) maps 0x80–0x9F to C1 control characters,
 * losing curly quotes, dashes and euro signs; newer Node lines decode correctly, as this does on all.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009F]/g, (c) => C1_TO_WINDOWS_1252[c.charCodeAt(0) - 0x80]!);
}
