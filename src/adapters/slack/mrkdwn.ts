/*
 * Escaping for Slack mrkdwn. Every string from a user or the catalog goes
 * through `mrkdwn()` before it is placed in a mrkdwn text object:
 *
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: the only three characters
 *   Slack asks apps to escape. `<!channel>`, `<!everyone>`, `<@U123>` or a
 *   `<https://evil|link>` typed by someone is then shown as text, never parsed.
 * - Slack mrkdwn has no escape for `*`, `_`, `~` and `` ` ``; a zero-width space
 *   around them even *enables* formatting. They become look-alike characters
 *   (∗ ˍ ∼ ˋ), so "*bold*" typed by a user stays literal.
 * - A leading `>` (a block quote) gets an invisible soft hyphen in front.
 *
 * The text objects are also sent with `verbatim: true`, so Slack does not
 * auto-link channel names or parse bare "@here" in them.
 */

const CONTROL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };
const SOFT_HYPHEN = '\u00AD';
/** Wraps bold markers so Slack applies them even inside words or next to punctuation. */
const ZWSP = '\u200B';

/** Escapes Slack's three control characters; enough for fallback `text`. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => CONTROL[c]!);
}

/** Escapes a plain string for a mrkdwn text object: control and formatting characters. */
export function mrkdwn(text: string): string {
  const neutral = text.replace(/[*_~`]/g, (c) => LOOKALIKE[c]!);
  return escapeText(neutral).replace(/^(\s*)&gt;/gm, `$1${SOFT_HYPHEN}&gt;`);
}

/** Bold, for text already escaped with {@link mrkdwn}. */
export function bold(escaped: string): string {
  return escaped === '' ? '' : `${ZWSP}*${escaped}*${ZWSP}`;
}

/**
 * A link `<url|text>`, or just the escaped text when the URL is not http(s).
 * The URL's `|`, `<`, `>`, quotes and spaces are percent-encoded and `&` is
 * escaped, so neither part can end the link early or smuggle in a mention.
 */
export function link(url: string | null, text: string): string {
  const label = mrkdwn(text).replace(/\|/g, '\u2223');
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return label;
  const safeUrl = url.replace(/[|<>"\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${safeUrl}|${label}>`;
}

/** The text with each `[start, end)` range in bold, everything escaped. */
export function highlight(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    out += mrkdwn(text.slice(at, start)) + bold(mrkdwn(text.slice(start, end)));
    at = end;
  }
  return out + mrkdwn(text.slice(at));
}

/**
 * Cuts escaped text to at most `max` characters at a word boundary when one
 * is near (as `truncate` of core/text.ts does for plain text), never inside
 * an entity (`&amp;`) or a `<url|text>` link, ending with "…" when cut. For
 * text that is escaped first and cut second, so the limit holds for what is sent.
 */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = clampMrkdwn(escaped, max).slice(0, -1);
  const atSpace = cut.replace(/\s+\S*$/, '');
  const kept = atSpace.length >= cut.length * 0.6 ? atSpace : cut;
  // Trailing spaces and punctuation go, but not the `;` that ends an entity.
  return kept.replace(/(?:[\s,.:—-]|;(?<!&(?:amp|lt|gt);))+$/, '') + '…';
}

/**
 * Cuts escaped mrkdwn to at most `max` characters, never inside an entity
 * (`&amp;`) or a `<url|text>` link, ending with "…" when cut.
 */
export function clampMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]*$/i, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
