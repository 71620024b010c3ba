import type { types } from '@slack/bolt';
import type { AnswerEpisode } from '../../core/answers/answer.ts';
import { chapterLine, episodeFacts } from '../../core/answers/format.ts';
import { truncate } from '../../core/model/text.ts';
import { section } from './block-limits.ts';
import { quoteLead, timedEpisodeUrl } from '../../core/answers/transcript-quote.ts';
import { bold, highlight, link, mrkdwn } from './mrkdwn.ts';

/** Longest summary shown under the top episode, in characters. */
const SUMMARY_CHARS = 300;

/**
 * The top episode in full: linked title, guests · date · duration, why it is
 * here, the matched chapter with its timestamp, and the snippet with the
 * matched words in bold (or the summary when nothing matched inside it).
 */
export function topEpisodeBlock(ep: AnswerEpisode, numbered: boolean): types.SectionBlock {
  const lines = [titleLine(ep, numbered), ...detailLines(ep)];
  if (ep.snippet) lines.push(`${quotePrefix(ep)}“${highlight(ep.snippet.text, ep.snippet.highlights)}”`);
  else if (!ep.reason && ep.summary) lines.push(mrkdwn(truncate(ep.summary, SUMMARY_CHARS)));
  const block = section(lines.join('\n'));
  const art = artwork(ep.imageUrl);
  return art ? { ...block, accessory: { type: 'image', image_url: art, alt_text: truncate(`Artwork of ${ep.title}`, 200) } } : block;
}

/** Artwork Slack can show: an https URL of sane length (Slack refuses a block with an unusable image). */
function artwork(url: string | undefined): string | null {
  return url && /^https?:\/\/\S+$/i.test(url) && url.length <= 2000 ? url : null;
}

/** Another result, compactly: linked title, facts, and the chapter or reason. */
export function compactEpisodeBlock(ep: AnswerEpisode): types.SectionBlock {
  return section([titleLine(ep, true), ...detailLines(ep)].join('\n'));
}

// "▶ <link at that time|23:14> — Jason: " before a transcript quote; the time unlinked where no player supports it.
function quotePrefix(ep: AnswerEpisode): string {
  const lead = ep.snippet ? quoteLead(ep.snippet) : null;
  if (!lead) return '';
  const at = lead.seconds === null ? null : timedEpisodeUrl(ep, lead.seconds);
  const time = lead.stamp ? `▶ ${at ? link(at, lead.stamp) : lead.stamp} — ` : '';
  return `${time}${lead.speaker ? `${mrkdwn(lead.speaker)}: ` : ''}`;
}

function titleLine(ep: AnswerEpisode, numbered: boolean): string {
  const prefix = numbered ? `${ep.rank}. ` : '';
  return bold(`${prefix}${link(ep.url, ep.title)}`);
}

function detailLines(ep: AnswerEpisode): string[] {
  const lines: string[] = [];
  const facts = episodeFacts(ep);
  if (facts) lines.push(mrkdwn(facts));
  if (ep.reason) lines.push(`_${mrkdwn(ep.reason)}_`);
  if (ep.chapter) lines.push(`▶ ${mrkdwn(chapterLine(ep.chapter))}`);
  return lines;
}
