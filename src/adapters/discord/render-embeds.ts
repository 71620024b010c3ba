import type { APIEmbed } from 'discord.js';
import type { Answer, Paging } from '../../core/answers/answer.ts';
import { fitEmbeds, LIMITS } from './discord-limits.ts';
import { clip, markdownText, plainText } from './discord-text.ts';
import { renderButtons, type ButtonRow } from './render-buttons.ts';
import { episodeField, topEpisodeEmbed } from './render-episode.ts';

/** Mentions the bot allows in everything it sends: none (a fresh object each time). */
export function noMentions(): { parse: [] } {
  return { parse: [] };
}

/** A message as discord.js takes it for replies, updates and edits. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
}

/** How to render an answer. */
export interface RenderOptions {
  /** Add "Post to channel" (the message is ephemeral and the answer can be made again). */
  shareable: boolean;
  /** The id of the user who posted the answer publicly: adds a "Shared by" line that pings nobody. */
  sharedBy?: string;
}

const COLORS: Record<Answer['kind'], number> = { episodes: 0x5865f2, announcement: 0xeb459e, help: 0x57f287, notice: 0xfee75c, error: 0xed4245 };

/**
 * Renders an answer as Discord embeds and buttons within Discord's limits:
 * the top episode as a full embed, the others as fields of a second embed,
 * paging or suggestions in the footer. Text from users and the catalog is
 * escaped; `allowedMentions` is always empty.
 */
export function renderAnswer(answer: Answer, options: RenderOptions): DiscordMessage {
  const withEpisodes = (answer.kind === 'episodes' || answer.kind === 'announcement') && answer.episodes.length > 0;
  const embeds = withEpisodes ? episodeEmbeds(answer) : [textEmbed(answer)];
  const last = embeds[embeds.length - 1]!;
  const footer = footerText(answer);
  if (footer) last.footer = { text: clip(footer, LIMITS.footer) };
  for (const embed of embeds) embed.color = COLORS[answer.kind];
  const shareRef = options.shareable && answer.kind === 'episodes' ? answer.ref : null;
  const message: DiscordMessage = {
    embeds: fitEmbeds(embeds),
    components: renderButtons(answer.actions, shareRef),
    allowedMentions: noMentions(),
  };
  if (options.sharedBy && /^\d{1,25}$/.test(options.sharedBy)) message.content = `Shared by <@${options.sharedBy}>`;
  return message;
}

function episodeEmbeds(answer: Answer): APIEmbed[] {
  const [top, ...others] = answer.episodes;
  const first = topEpisodeEmbed(top!, answer.body, answer.kind === 'announcement');
  first.author = { name: clip(plainText(answer.headline), LIMITS.author) };
  if (others.length === 0) return [first];
  return [first, { fields: others.map(episodeField) }];
}

function textEmbed(answer: Answer): APIEmbed {
  const embed: APIEmbed = { title: clip(markdownText(answer.headline), LIMITS.title) };
  if (answer.body.length > 0) embed.description = answer.body.map(markdownText).join('\n\n');
  const fields = answer.sections.map((s) => ({
    name: markdownText(s.title),
    value: s.lines.map(markdownText).join('\n') || '\u200b',
  }));
  if (fields.length > 0) embed.fields = fields;
  return embed;
}

function footerText(answer: Answer): string | null {
  const parts = [pagingText(answer.paging), answer.suggestions.length > 0 ? `Try: ${answer.suggestions.join('  ·  ')}` : null];
  const text = parts.filter((p): p is string => p !== null).join('  ·  ');
  return text ? plainText(text) : null;
}

/** "Page 1 of 2 · 7 results", "3 results", or null for a single result. */
export function pagingText(paging: Paging | null): string | null {
  if (!paging || paging.total <= 1) return null;
  const results = `${paging.total.toLocaleString('en-US')} results`;
  return paging.pageCount > 1 ? `Page ${paging.page + 1} of ${paging.pageCount} · ${results}` : results;
}
