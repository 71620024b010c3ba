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

/**
 * Brings embeds within every Discord limit: each text clipped to its own
 * limit, at most 25 fields and 10 embeds, then fields dropped from the end
 * (with a "…and N more" note) and descriptions clipped until the total fits.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(clipEmbed);
  dropFields(fitted);
  clipDescriptions(fitted);
  return fitted;
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

function moreField(count: number): APIEmbedField {
  return { name: '\u200b', value: `…and ${count} more` };
}

const MORE = /^…and (\d+) more$/;

// Drops fields from the last embeds first, replacing them with one "…and N more" field.
function dropFields(embeds: APIEmbed[]): void {
  const fits = () => totalLength(embeds) <= LIMITS.total;
  for (let i = embeds.length - 1; i >= 0 && !fits(); i--) {
    const embed = embeds[i]!;
    const fields = [...(embed.fields ?? [])];
    const more = fields.length > 0 ? MORE.exec(fields[fields.length - 1]!.value) : null;
    let dropped = more ? (fields.pop(), Number(more[1])) : 0;
    for (;;) {
      embed.fields = dropped > 0 ? [...fields, moreField(dropped)] : fields;
      if (fits() || fields.length === 0) break;
      fields.pop();
      dropped++;
    }
    if (!fits()) embed.fields = [];
  }
}

// Clips the longest descriptions until the total fits.
function clipDescriptions(embeds: APIEmbed[]): void {
  let excess = totalLength(embeds) - LIMITS.total;
  while (excess > 0) {
    const longest = embeds.reduce<APIEmbed | null>((a, e) => ((e.description?.length ?? 0) > (a?.description?.length ?? 0) ? e : a), null);
    if (!longest?.description) break;
    longest.description = clip(longest.description, Math.max(1, longest.description.length - excess));
    excess = totalLength(embeds) - LIMITS.total;
    if (longest.description.length <= 1) break;
  }
}
