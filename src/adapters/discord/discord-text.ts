import { escapeMarkdown } from 'discord.js';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Makes text safe where Discord does not render markdown (embed author,
 * footer, button labels, autocomplete names): `@everyone` / `@here` and
 * masked links `[x](url)` are broken with a zero-width space.
 */
export function plainText(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/\]\s*\(/g, `]${ZERO_WIDTH_SPACE}(`);
}

/**
 * Escapes user- or catalog-derived text for places Discord renders markdown
 * (content, embed title, description, field names and values): markdown is
 * escaped, and so are mention-like tags (`<@&123>`), masked links and
 * `@everyone` / `@here`.
 */
export function markdownText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/g, '\\$&')
    .replace(/<(?=[@#:/]|a:|t:)/g, '\\<')
    .replace(/^>/gm, '\\>');
  return plainText(escaped);
}

/**
 * Cuts `text` to at most `max` UTF-16 units (never splitting a character),
 * ending with "…" when cut. Discord counts no more than that, so what fits
 * here fits there. A dangling escape backslash is dropped.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return out.replace(/\\+$/, (slashes) => (slashes.length % 2 === 1 ? slashes.slice(1) : slashes)).trimEnd() + '…';
}
