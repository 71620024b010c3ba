import { decodeEntities } from './html-entities.ts';
import { hasTag, removeHiddenContent, stripTagShapes } from './html-markup.ts';

// Every tag pattern ends in [^<>]*> so a failed match stops at the next "<" (linear time).
/** `<!DOCTYPE html>`, `<![CDATA[`, `]]>`, `<?xml ...?>`: markup that is not content. */
const DECLARATIONS = /<!\[CDATA\[|\]\]>|<![a-z][^<>]*>|<\?[^<>]*>/gi;
const LINE_BREAK = /<br\b[^<>]*>/gi;
const PARAGRAPH = /<\/?(?:p|h[1-6]|blockquote|pre|table|ul|ol|dl|hr|figure)\b[^<>]*>/gi;
const BLOCK = /<\/?(?:div|li|dt|dd|tr|section|article|header|footer|aside|nav|figcaption|main)\b[^<>]*>/gi;
const CELL = /<\/?(?:td|th)\b[^<>]*>/gi;
const INLINE = /<\/?[a-z][^<>]*>/gi;
const BLOCK_PRESENT = /<(?:br|p|div|li|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article)\b/i;

/** Where a paragraph-level or a line-level block starts or ends; runs of marks collapse to one break. */
const PARAGRAPH_MARK = '\u2029';
const LINE_MARK = '\u2028';

/** Most rounds of "decode, find escaped HTML, render it" before we just strip what is left. */
const MAX_PASSES = 3;

/** Leftover "<x" starts (no ">" after them) beyond which the text is junk, not prose like "a<b". */
const MAX_LOOSE_TAG_STARTS = 20;

/**
 * Renders markup as lines of text. When block-level tags are present, source
 * newlines are insignificant (HTML rules) and tags decide line breaks; with
 * only inline tags, the source's own newlines are kept.
 */
function renderTags(html: string): string {
  let text = removeHiddenContent(html).replace(DECLARATIONS, ' ');
  if (BLOCK_PRESENT.test(text)) text = text.replace(/[ \t\r\n]+/g, ' ');
  return text
    .replace(LINE_BREAK, '\n')
    .replace(PARAGRAPH, PARAGRAPH_MARK)
    .replace(BLOCK, LINE_MARK)
    .replace(CELL, ' ')
    .replace(INLINE, '')
    .replace(/\s*\u2029[\s\u2028\u2029]*/g, '\n\n')
    .replace(/[ \t]*\u2028[\s\u2028]*/g, '\n');
}

/**
 * Separates "<" from a following letter when the text is full of such
 * unclosed starts, so later tag checks (the catalog schema's included) stay fast.
 */
function defuseLooseTagStarts(text: string): string {
  const starts = text.match(/<(?=\/?[a-z])/gi)?.length ?? 0;
  return starts > MAX_LOOSE_TAG_STARTS ? text.replace(/<(?=\/?[a-z])/gi, '< ') : text;
}

/** Collapses runs of spaces, trims lines, keeps at most one blank line between paragraphs. */
function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B\u00AD]/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Turns show-notes HTML (or plain text) into plain text: tags removed, block
 * tags and `<br>` become line breaks, entities decoded (named, numeric,
 * `&nbsp;`), entity-escaped HTML such as `&lt;br/&gt;` treated as HTML after
 * decoding, whitespace collapsed. The result never contains an HTML tag.
 * Runs in time linear in the input, whatever the markup.
 */
export function htmlToText(source: string): string {
  let text = source;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    text = decodeEntities(hasTag(text) || text.includes('<!') ? renderTags(text) : text);
    if (!hasTag(text)) break;
  }
  return tidyWhitespace(defuseLooseTagStarts(stripTagShapes(text)));
}

/** Plain single-line text for titles and names: entities decoded, tags and extra spaces removed. */
export function inlineText(source: string): string {
  return htmlToText(source).replace(/\s+/g, ' ').trim();
}
