/*
 * Linear-time helpers for taking markup apart. Show notes are untrusted input:
 * a pattern like /<[a-z][^>]*>/ costs O(n²) on "<a<a<a..." (every start scans
 * to the end looking for ">"), so every scan here stops at the next "<" or
 * moves strictly forward.
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

/**
 * Removes regions from an opening pattern to a closing pattern (both matched
 * case-insensitively); an unclosed region runs to the end, as in a browser.
 */
function removeRegions(text: string, open: RegExp, closeFor: (opening: RegExpExecArray) => RegExp): string {
  const opens = new RegExp(open.source, 'gi');
  let out = '';
  let last = 0;
  for (let m = opens.exec(text); m !== null; m = opens.exec(text)) {
    out += `${text.slice(last, m.index)} `;
    const close = closeFor(m);
    close.lastIndex = opens.lastIndex;
    const end = close.exec(text);
    if (end === null) return out;
    last = close.lastIndex;
    opens.lastIndex = last;
  }
  return out + text.slice(last);
}

/** Drops comments and elements whose content is never shown (script, style, head...). */
export function removeHiddenContent(html: string): string {
  const noComments = removeRegions(html, /<!--/, () => /-->/g);
  return removeRegions(
    noComments,
    /<(script|style|head|template|noscript)\b/,
    (m) => new RegExp(`</${m[1]}\\s*>`, 'gi'),
  );
}
