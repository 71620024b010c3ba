import type { types } from '@slack/bolt';
import type { Answer, HelpSection } from '../../core/answers/answer.ts';
import { episodeFacts } from '../../core/answers/format.ts';
import { LIMITS, context, fitBlocks, section } from './block-limits.ts';
import { bold, escapeText, mrkdwn, truncateEscaped } from './mrkdwn.ts';
import { actionsBlock } from './render-actions.ts';
import { compactEpisodeBlock, topEpisodeBlock } from './render-episode.ts';

/** A Slack message: Block Kit blocks plus the plain `text` shown in notifications. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** How an answer is shown. */
export interface RenderOptions {
  /** Add "Share in channel" (the answer is ephemeral and can be re-created). */
  shareable: boolean;
  /** The Slack user who shared it, shown as "Shared by @name". */
  sharedBy?: string | null;
}

/**
 * Renders an answer as Block Kit within Slack's limits: the headline, the top
 * episode in full and the others compactly, paging, help sections,
 * suggestions and buttons. Every catalog or user string is escaped.
 */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const blocks: types.KnownBlock[] = [section(bold(mrkdwn(answer.headline)))];
  if (answer.body.length > 0) blocks.push(section(answer.body.map(mrkdwn).join('\n')));
  blocks.push(...episodeBlocks(answer));
  const paging = pagingLine(answer);
  if (paging) blocks.push(context(paging));
  blocks.push(...answer.sections.map(helpSection));
  if (answer.suggestions.length > 0) blocks.push(context(`Try: ${answer.suggestions.map(code).join('  ·  ')}`));
  if (options.sharedBy && /^[UW][A-Z0-9_]+$/.test(options.sharedBy)) blocks.push(context(`Shared by <@${options.sharedBy}>`));
  const actions = actionsBlock(answer, options.shareable);
  if (actions) blocks.push(actions);
  return { text: fallbackText(answer), blocks: fitBlocks(blocks, actions !== null), unfurl_links: false, unfurl_media: false };
}

/** A plain one-paragraph summary for notifications and clients without blocks. */
export function fallbackText(answer: Answer): string {
  const episodes = answer.episodes.map((ep) => {
    const facts = episodeFacts(ep);
    return `${ep.rank}. ${ep.title}${facts ? ` (${facts})` : ''}`;
  });
  const detail = episodes.length > 0 ? episodes.join('; ') : (answer.body[0] ?? '');
  const text = detail ? `${answer.headline}: ${detail}` : answer.headline;
  // Escape first, then cut: escaping lengthens the text (`&` → `&amp;`), and the limit is on what is sent.
  return truncateEscaped(escapeText(text), LIMITS.fallbackText);
}

function episodeBlocks(answer: Answer): types.SectionBlock[] {
  const [top, ...rest] = answer.episodes;
  if (!top) return [];
  const numbered = answer.episodes.length > 1 || (answer.paging?.total ?? 0) > 1;
  return [topEpisodeBlock(top, numbered), ...rest.map(compactEpisodeBlock)];
}

function pagingLine(answer: Answer): string | null {
  const paging = answer.paging;
  if (!paging || paging.total <= 1) return null;
  const results = `${paging.total.toLocaleString('en-US')} results`;
  return paging.pageCount > 1 ? `Page ${paging.page + 1} of ${paging.pageCount} · ${results}` : results;
}

function helpSection(s: HelpSection): types.SectionBlock {
  return section([bold(mrkdwn(s.title)), ...s.lines.map(mrkdwn)].join('\n'));
}

function code(text: string): string {
  return `\`${mrkdwn(text)}\``;
}
