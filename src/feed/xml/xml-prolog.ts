/** What comes before the root element of a document. */
export interface Prolog {
  /** The whole `<!DOCTYPE ...>` declaration, if there is one. */
  doctype: string | null;
  /** Name of the first element (the root), as written; null if none was found. */
  rootName: string | null;
  /** Index of the root element's `<`; -1 if none was found. */
  rootIndex: number;
}

/** Index just past `terminator` searched from `from`, or -1. */
function skipPast(text: string, from: number, terminator: string): number {
  const end = text.indexOf(terminator, from);
  return end === -1 ? -1 : end + terminator.length;
}

/**
 * End of a DOCTYPE declaration starting at `start`: the first `>` outside
 * quotes and outside the `[...]` internal subset. Linear in the input.
 */
function doctypeEnd(text: string, start: number): number {
  let quote: string | null = null;
  let inSubset = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') inSubset = true;
    else if (ch === ']') inSubset = false;
    else if (ch === '>' && !inSubset) return i + 1;
  }
  return -1;
}

/**
 * Reads the prolog: skips the XML declaration, processing instructions,
 * comments and whitespace, captures a DOCTYPE (matched case-insensitively so
 * an HTML `<!doctype html>` is recognised) and the root element's name.
 */
export function readProlog(text: string): Prolog {
  let doctype: string | null = null;
  let i = 0;
  while (i >= 0 && i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') { i++; continue; }
    if (ch !== '<') return { doctype, rootName: null, rootIndex: -1 };
    if (text.startsWith('<?', i)) { i = skipPast(text, i, '?>'); continue; }
    if (text.startsWith('<!--', i)) { i = skipPast(text, i + 4, '-->'); continue; }
    if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      const end = doctypeEnd(text, i + 9);
      doctype = text.slice(i, end === -1 ? text.length : end);
      i = end;
      continue;
    }
    const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
    return { doctype, rootName: name ? name[1]! : null, rootIndex: i };
  }
  return { doctype, rootName: null, rootIndex: -1 };
}

/** True when the prolog says this is an HTML document rather than XML. */
export function looksLikeHtml(prolog: Prolog): boolean {
  if (prolog.doctype !== null && /^<!DOCTYPE\s+html\b/i.test(prolog.doctype)) return true;
  return prolog.rootName !== null && prolog.rootName.toLowerCase() === 'html';
}

/**
 * True when a DOCTYPE appears after the root element starts (outside CDATA and
 * comments). XML allows a DOCTYPE only in the prolog, yet fast-xml-parser would
 * read one anywhere, which would let entity declarations slip past the prolog check.
 */
export function hasLateDoctype(text: string, rootIndex: number): boolean {
  if (rootIndex < 0) return false;
  for (let i = text.indexOf('<!', rootIndex); i !== -1; i = text.indexOf('<!', i + 2)) {
    if (text.startsWith('<![CDATA[', i)) i = text.indexOf(']]>', i);
    else if (text.startsWith('<!--', i)) i = text.indexOf('-->', i);
    else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') return true;
    if (i === -1) return false;
  }
  return false;
}
