/** \s of a regular expression: the characters `split(/\s+/)` and `trim()` cut at. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * Where the segments of a transcript start and end, as [start, end) offset
 * pairs into it: segments of about `words` words, cut at paragraph ends (a
 * blank line) where possible, a paragraph longer than twice `words` cut into
 * pieces of that many words. One pass over the text, no copies.
 */
export function segmentRanges(transcript: string, words: number): number[] {
  const out: number[] = [];
  const maxWords = words * 2;
  let segStart = -1;
  let segEnd = 0;
  let count = 0;
  let para: number[] = [];
  const flush = () => {
    if (segStart >= 0) out.push(segStart, segEnd);
    segStart = -1;
    count = 0;
  };
  const piece = (start: number, end: number, n: number) => {
    if (count > 0 && count + n > words) flush();
    if (segStart < 0) segStart = start;
    segEnd = end;
    count += n;
  };
  const endParagraph = () => {
    const n = para.length / 2;
    if (n === 0) return;
    if (n <= maxWords) piece(para[0]!, para[para.length - 1]!, n);
    else for (let i = 0; i < n; i += maxWords) piece(para[2 * i]!, para[2 * Math.min(n, i + maxWords) - 1]!, Math.min(maxWords, n - i));
    para = [];
  };
  const length = transcript.length;
  let i = 0;
  while (i < length) {
    let newlines = 0;
    while (i < length && isSpace(transcript.charCodeAt(i))) if (transcript.charCodeAt(i++) === 10) newlines++;
    if (i >= length) break;
    if (newlines >= 2) endParagraph();
    const start = i;
    while (i < length && !isSpace(transcript.charCodeAt(i))) i++;
    para.push(start, i);
  }
  endParagraph();
  flush();
  return out;
}
