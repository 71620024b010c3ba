import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AnswerEpisode } from '../../core/answers/answer.ts';
import { chapterLine, episodeFacts, formatDate, formatDuration } from '../../core/answers/format.ts';
import type { Snippet } from '../../core/model/snippet.ts';
import { quoteLead, timedEpisodeUrl } from '../../core/answers/transcript-quote.ts';
import { LIMITS } from './discord-limits.ts';
import { clip, markdownText } from './discord-text.ts';

/** Longest summary shown for an episode without a snippet; in full (an announcement), longer. */
const SUMMARY_CHARS = 300;
const FULL_SUMMARY_CHARS = 1000;

/** Chapters listed when an episode is shown in full. */
const MAX_CHAPTERS = 20;

/**
 * The top result as a full embed: linked title, why it matched, guests, date
 * and length; `full` (an announcement) adds a longer summary and the chapters.
 */
export function topEpisodeEmbed(ep: AnswerEpisode, intro: readonly string[], full = false): APIEmbed {
  const lines = [...intro.map(markdownText), ...whyLines(ep)];
  if (!ep.snippet && !ep.reason && ep.summary) lines.push(markdownText(clip(ep.summary, full ? FULL_SUMMARY_CHARS : SUMMARY_CHARS)));
  if (full && ep.chapters.length > 0) lines.push('', ...chapterList(ep.chapters));
  const embed: APIEmbed = { title: clip(markdownText(ep.title), LIMITS.title) };
  const url = safeUrl(ep.url);
  if (url) embed.url = url;
  if (lines.length > 0) embed.description = lines.join('\n');
  const fields = factFields(ep);
  if (fields.length > 0) embed.fields = fields;
  const art = safeUrl(ep.imageUrl ?? null);
  if (art) embed[full ? 'image' : 'thumbnail'] = { url: art };
  return embed;
}

/** A further result as one compact embed field: rank and title, facts, why it matched, link. */
export function episodeField(ep: AnswerEpisode): APIEmbedField {
  const facts = episodeFacts(ep);
  const lines = [facts ? markdownText(facts) : null, ...whyLines(ep)].filter((l): l is string => l !== null);
  const url = safeUrl(ep.url);
  if (url) lines.push(`[${ep.urlLabel ? markdownText(ep.urlLabel) : 'Open episode'}](${url})`);
  return {
    name: clip(`${ep.rank}. ${markdownText(ep.title)}`, LIMITS.fieldName),
    value: clip(lines.join('\n') || '\u200b', LIMITS.fieldValue),
  };
}

// Reason, matched chapter with its start, and the snippet with matched words in bold.
function whyLines(ep: AnswerEpisode): string[] {
  const lines: string[] = [];
  if (ep.reason) lines.push(`*${markdownText(ep.reason)}*`);
  if (ep.chapter) lines.push(`▶ ${markdownText(chapterLine(ep.chapter))}`);
  if (ep.snippet) lines.push(`> ${quotePrefix(ep, ep.snippet)}“${highlighted(ep.snippet)}”`);
  return lines;
}

// "▶ [23:14](link at that time) — Jason: " before a transcript quote; the time unlinked where no player supports it.
function quotePrefix(ep: AnswerEpisode, snippet: Snippet): string {
  const lead = quoteLead(snippet);
  if (!lead) return '';
  const at = lead.seconds === null ? null : safeUrl(timedEpisodeUrl(ep, lead.seconds));
  const time = lead.stamp ? `▶ ${at ? `[${lead.stamp}](${at})` : lead.stamp} — ` : '';
  return `${time}${lead.speaker ? `${markdownText(lead.speaker)}: ` : ''}`;
}

function chapterList(chapters: AnswerEpisode['chapters']): string[] {
  const lines = chapters.slice(0, MAX_CHAPTERS).map((c) => `▶ ${markdownText(chapterLine(c))}`);
  if (chapters.length > MAX_CHAPTERS) lines.push(`…and ${chapters.length - MAX_CHAPTERS} more chapters`);
  return lines;
}

function factFields(ep: AnswerEpisode): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (ep.show) fields.push({ name: 'Show', value: clip(markdownText(ep.show), LIMITS.fieldValue), inline: true });
  if (ep.guests.length > 0) fields.push({ name: ep.guests.length > 1 ? 'Guests' : 'Guest', value: clip(markdownText(ep.guests.join(', ')), LIMITS.fieldValue), inline: true });
  const date = formatDate(ep.publishedAt);
  if (date) fields.push({ name: 'Published', value: date, inline: true });
  const duration = formatDuration(ep.durationSeconds);
  if (duration) fields.push({ name: 'Length', value: duration, inline: true });
  return fields;
}

/** The snippet's text, escaped, with its matched words in bold. */
export function highlighted(snippet: Snippet): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...snippet.highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    out += markdownText(snippet.text.slice(at, start)) + `**${markdownText(snippet.text.slice(start, end))}**`;
    at = end;
  }
  return out + markdownText(snippet.text.slice(at));
}

/** The URL if Discord will accept it as an embed or link target (http(s), no spaces or parentheses). */
export function safeUrl(url: string | null): string | null {
  if (!url || url.length > 2048 || /[\s()<>]/.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
