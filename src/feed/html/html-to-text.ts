import { decodeHTMLStrict } from 'entities';
import { compile, type HtmlToTextOptions } from 'html-to-text';
import { hasTag, stripTagShapes } from './html-markup.ts';

/** CDATA markers left inside show notes: HTML parsing would drop the section's text as a comment. */
const CDATA_MARKERS = /<!\[CDATA\[|\]\]>/g;

/** A tag start ("<p", "</div") or an HTML comment/declaration: the text needs an HTML parser. */
const MARKUP = /<\/?[a-z]|<!/i;

/** Block-level tags: when present, the source's own newlines are insignificant (HTML rules). */
const BLOCK_PRESENT = /<(?:br|p|div|li|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article)\b/i;

/** Most rounds of "convert, find escaped HTML, convert it" before we just strip what is left. */
const MAX_PASSES = 3;

/** Leftover "<x" starts (no ">" after them) beyond which the text is junk, not prose like "a<b". */
const MAX_LOOSE_TAG_STARTS = 20;

/**
 * How show notes look in a chat: no word wrap (chat clients wrap), link texts without their URLs
 * (the episode's own link is shown apart; URLs would also clutter search), "• " list items
 * (numbered ones too), headings as written (not upper-cased), table rows as lines of cells, no
 * images, nothing from script/style/head.
 * Elements nested deeper than `maxDepth` are left out rather than risk the converter's recursion.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  limits: { maxDepth: 200, ellipsis: '…' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    // Numbered items would read "1. 00:04 Intro", which chapter detection (and the eye) takes less well than a bullet.
    { selector: 'ol', format: 'unorderedList', options: { itemPrefix: '• ' } },
    { selector: 'hr', format: 'paragraph' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((h) => ({ selector: h, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 1_000_000 } },
    ...['script', 'style', 'head', 'template', 'noscript', 'iframe', 'object', 'svg'].map((selector) => ({ selector, format: 'skip' })),
  ],
};
const convertBlocks = compile(OPTIONS);
const convertInline = compile({ ...OPTIONS, preserveNewlines: true });

/** One round: markup through html-to-text (which decodes entities as a browser would), plain text through the entity decoder. */
function renderOnce(text: string): string {
  if (!MARKUP.test(text)) return decodeHTMLStrict(text);
  const html = text.replace(CDATA_MARKERS, ' ');
  return BLOCK_PRESENT.test(html) ? convertBlocks(html) : convertInline(html);
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
 * Turns show-notes HTML (or plain text) into plain text with html-to-text:
 * tags removed, blocks and `<br>` become line breaks, list items "• ",
 * table rows lines, every HTML5 character reference decoded (`&lrm;`, `&nbsp;`,
 * numeric...), entity-escaped HTML such as `&lt;br/&gt;` treated as HTML
 * after decoding, whitespace collapsed. Plain text (no markup) keeps its
 * line structure and needs the semicolon (`&region=` in a URL stays).
 * The result never contains an HTML tag.
 */
export function htmlToText(source: string): string {
  let text = source;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    text = renderOnce(text);
    if (!hasTag(text)) break;
  }
  return tidyWhitespace(defuseLooseTagStarts(stripTagShapes(text)));
}

/** Plain single-line text for titles and names: entities decoded, tags and extra spaces removed. */
export function inlineText(source: string): string {
  return htmlToText(source).replace(/\s+/g, ' ').trim();
}
