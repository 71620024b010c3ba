import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip } from './discord-text.ts';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  embeds: 10,
  /** Title, description, field names and values, footer and author of all embeds together. */
  total: 6000,
  content: 2000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Characters an embed counts towards {@link LIMITS.total}. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** Characters all embeds count together. */
export function totalLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + embedLength(e), 0);
}

/** When the total is too long, footers and descriptions are first cut to these, before fields are dropped. */
const SHARED_FOOTER = 512;
const SHARED_DESCRIPTION = 2048;

/**
 * Brings embeds within every Discord limit: each text clipped to its own
 * limit, at most 25 fields and 10 embeds. When the total is still over 6000:
 * long footers and descriptions are shortened, then fields dropped from the
 * end (with a "…and N more" note), then descriptions clipped further, and
 * as a last resort trailing embeds dropped.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(clipEmbed);
  if (totalLength(fitted) <= LIMITS.total) return fitted;
  for (const embed of fitted) {
    if (embed.footer) embed.footer = { ...embed.footer, text: clip(embed.footer.text, SHARED_FOOTER) };
    if (embed.description) embed.description = clip(embed.description, SHARED_DESCRIPTION);
  }
  dropFields(fitted);
  clipDescriptions(fitted);
  while (fitted.length > 1 && totalLength(fitted) > LIMITS.total) fitted.pop();
  const shown = fitted.filter(hasContent);
  return shown.length > 0 ? shown : fitted.slice(0, 1);
}

// Discord refuses an embed with nothing to show.
function hasContent(embed: APIEmbed): boolean {
  return Boolean(embed.title || embed.description || embed.author?.name || embed.footer?.text || embed.fields?.length);
}

function clipEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = clip(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = clip(out.description, LIMITS.description);
  if (out.author) out.author = { ...out.author, name: clip(out.author.name, LIMITS.author) };
  if (out.footer) out.footer = { ...out.footer, text: clip(out.footer.text, LIMITS.footer) };
  if (out.fields) {
    const fields = out.fields.map(clipField);
    out.fields = fields.length > LIMITS.fields ? [...fields.slice(0, LIMITS.fields - 1), moreField(fields.length - LIMITS.fields + 1)] : fields;
  }
  return out;
}

function clipField(field: APIEmbedField): APIEmbedField {
  return { ...field, name: clip(field.name, LIMITS.fieldName) || '\u200b', value: clip(field.value, LIMITS.fieldValue) || '\u200b' };
}

const MORE_NAME = '\u200b';
const MORE = /^…and (\d+) more$/;

function moreField(count: number): APIEmbedField {
  return { name: MORE_NAME, value: `…and ${count} more` };
}

// Drops fields from the last embeds first, replacing them with one "…and N more" field.
function dropFields(embeds: APIEmbed[]): void {
  const fits = () => totalLength(embeds) <= LIMITS.total;
  for (let i = embeds.length - 1; i >= 0 && !fits(); i--) {
    const embed = embeds[i]!;
    const fields = [...(embed.fields ?? [])];
    const last = fields[fields.length - 1];
    const more = last?.name === MORE_NAME ? MORE.exec(last.value) : null;
    let dropped = 0;
    if (more) {
      fields.pop();
      dropped = Number(more[1]);
    }
    for (;;) {
      embed.fields = dropped > 0 ? [...fields, moreField(dropped)] : fields;
      if (fits() || fields.length === 0) break;
      fields.pop();
      dropped++;
    }
    if (!fits()) embed.fields = [];
  }
}

// Clips the longest descriptions until the total fits (or nothing is left to clip).
function clipDescriptions(embeds: APIEmbed[]): void {
  for (let excess = totalLength(embeds) - LIMITS.total; excess > 0; excess = totalLength(embeds) - LIMITS.total) {
    const longest = embeds.reduce<APIEmbed | null>((a, e) => ((e.description?.length ?? 0) > (a?.description?.length ?? 0) ? e : a), null);
    if (!longest?.description || longest.description.length <= 1) return;
    const shorter = clip(longest.description, Math.max(1, longest.description.length - excess));
    if (shorter.length >= longest.description.length) return;
    longest.description = shorter;
  }
}
