import { decodeEntities } from './html-entities.ts';

/** Same shape the catalog schema refuses in a description: anything like an HTML tag. */
const HAS_TAG = /<\/?[a-z][^>]*>/i;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;

const INVISIBLE_BLOCKS = /<(script|style|head|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const LINE_BREAK = /<br\b[^>]*>/gi;
const PARAGRAPH = /<\/?(?:p|h[1-6]|blockquote|pre|table|ul|ol|dl|hr|figure)\b[^>]*>/gi;
const BLOCK = /<\/?(?:div|li|dt|dd|tr|section|article|header|footer|aside|nav|figcaption|main)\b[^>]*>/gi;
const CELL = /<\/?(?:td|th)\b[^>]*>/gi;
const BLOCK_PRESENT = /<(?:br|p|div|li|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article)\b/i;

/** Most rounds of "decode, find escaped HTML, render it" before we just strip what is left. */
const MAX_PASSES = 3;

/**
 * Renders markup as lines of text. When block-level tags are present, source
 * newlines are insignificant (HTML rules) and tags decide line breaks; with
 * only inline tags, the source's own newlines are kept.
 */
function renderTags(html: string): string {
  let text = html.replace(INVISIBLE_BLOCKS, ' ').replace(COMMENTS, ' ');
  if (BLOCK_PRESENT.test(text)) text = text.replace(/[ \t\r\n]+/g, ' ');
  return text
    .replace(LINE_BREAK, '\n')
    .replace(PARAGRAPH, '\n\n')
    .replace(BLOCK, '\n')
    .replace(CELL, ' ')
    .replace(ANY_TAG, '');
}

/** Removes anything still shaped like a tag, repeating until none is left. */
function stripRemainingTags(text: string): string {
  let out = text;
  while (HAS_TAG.test(out)) out = out.replace(ANY_TAG, '');
  return out;
}

/** Collapses runs of spaces, trims lines, keeps at most one blank line between paragraphs. */
function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B\u00AD]/g, '')
    .split('\n')
    .map((line) => line.replace(/[\s\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Turns show-notes HTML (or plain text) into plain text: tags removed, block
 * tags and `<br>` become line breaks, entities decoded (named, numeric,
 * `&nbsp;`), entity-escaped HTML such as `&lt;br/&gt;` treated as HTML after
 * decoding, whitespace collapsed. The result never contains an HTML tag.
 */
export function htmlToText(source: string): string {
  let text = source;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    text = decodeEntities(HAS_TAG.test(text) ? renderTags(text) : text);
    if (!HAS_TAG.test(text)) break;
  }
  return tidyWhitespace(stripRemainingTags(text));
}

/** Plain single-line text for titles and names: entities decoded, tags and extra spaces removed. */
export function inlineText(source: string): string {
  return htmlToText(source).replace(/\s+/g, ' ').trim();
}
