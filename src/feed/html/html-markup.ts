/*
 * Linear-time checks on text that came out of HTML conversion. Show notes are
 * untrusted input: a pattern like /<[a-z][^>]*>/ costs O(n²) on "<a<a<a..."
 * (every start scans to the end looking for ">"), so every scan here stops at
 * the next "<" or moves strictly forward.
 */

/** Where something shaped like a tag may start: "<" then an optional "/" and a letter. */
const TAG_START = /<\/?[a-z]/i;

/**
 * True when `text` contains something the catalog schema would call an HTML
 * tag (its /<\/?[a-z][^>]*>/i): a tag start with a ">" anywhere after it. If
 * the first tag start has no ">" after it, no later one has either.
 */
export function hasTag(text: string): boolean {
  const start = TAG_START.exec(text);
  return start !== null && text.indexOf('>', start.index) !== -1;
}

/**
 * Removes every tag-shaped run (tag start up to the next ">"), left to right,
 * replacing each with a space so no new tag can form from the pieces around it.
 * After this, `hasTag` is false.
 */
export function stripTagShapes(text: string): string {
  const starts = new RegExp(TAG_START.source, 'gi');
  let out = '';
  let last = 0;
  for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
    const end = text.indexOf('>', m.index);
    if (end === -1) break;
    out += `${text.slice(last, m.index)} `;
    last = end + 1;
    starts.lastIndex = last;
  }
  return out + text.slice(last);
}
