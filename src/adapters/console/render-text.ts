import type { Answer, AnswerAction, AnswerEpisode } from '../../core/answers/answer.ts';
import { chapterLine, episodeFacts } from '../../core/answers/format.ts';
import { quoteLead, quoteLeadText, timedEpisodeUrl } from '../../core/answers/transcript-quote.ts';

/** Styles for terminal output; plain when colours are off. */
export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
}

/** No colours: for pipes, files and tests. */
export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s, accent: (s) => s };

/** ANSI colours for an interactive terminal. */
export const ANSI: TextStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  accent: (s) => `\x1b[36m${s}\x1b[39m`,
};

/** Renders an answer as terminal text. Buttons become hints of what to type. */
export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  const out: string[] = [style.bold(answer.kind === 'announcement' ? `📣 ${answer.headline}` : answer.headline)];
  if (answer.paging && answer.paging.total > answer.paging.pageSize) {
    const { page, pageCount, total } = answer.paging;
    out[0] += style.dim(`  (page ${page + 1} of ${pageCount}, ${total} in all)`);
  }
  for (const p of answer.body) out.push(p);
  // Ranks right-aligned (" 9." above "10."), the lines under each indented past them.
  const width = Math.max(0, ...answer.episodes.map((ep) => String(ep.rank).length));
  for (const ep of answer.episodes) out.push('', ...renderEpisode(ep, style, width));
  for (const section of answer.sections) {
    out.push('', style.accent(section.title), ...section.lines.map((l) => `  ${l}`));
  }
  const hints = actionHints(answer);
  if (hints.length > 0) out.push('', style.dim(hints.join('   ')));
  if (answer.suggestions.length > 0) out.push('', style.dim(`Try: ${answer.suggestions.join('  ·  ')}`));
  return out.join('\n');
}

function renderEpisode(ep: AnswerEpisode, style: TextStyle, width: number): string[] {
  const lines = [`${style.bold(`${String(ep.rank).padStart(width)}. ${ep.title}`)}`];
  const pad = ' '.repeat(width + 2);
  const facts = episodeFacts(ep);
  if (facts) lines.push(`${pad}${facts}`);
  if (ep.reason) lines.push(`${pad}${style.accent(ep.reason)}`);
  if (ep.chapter) lines.push(`${pad}${style.accent('▶ ' + chapterLine(ep.chapter))}`);
  if (ep.snippet) lines.push(...quoteLines(ep, ep.snippet, style, pad));
  else if (!ep.reason && ep.summary) lines.push(`${pad}${ep.summary}`);
  for (const c of ep.chapters) lines.push(`${pad}${style.dim(`· ${chapterLine(c)}`)}`);
  if (ep.url) lines.push(`${pad}${style.dim(ep.urlLabel ? `${ep.urlLabel}: ${ep.url}` : ep.url)}`);
  return lines;
}

// "▶ 23:14 — Jason: “…”" for a timed transcript quote, with a link that starts there when the episode has one.
function quoteLines(ep: AnswerEpisode, snippet: NonNullable<AnswerEpisode['snippet']>, style: TextStyle, pad: string): string[] {
  const lead = quoteLead(snippet);
  const quote = `“${highlight(snippet.text, snippet.highlights, style)}”`;
  if (!lead) return [`${pad}${quote}`];
  const lines = [`${pad}${style.accent(quoteLeadText(lead))}${quote}`];
  const at = lead.seconds === null ? null : timedEpisodeUrl(ep, lead.seconds);
  if (at) lines.push(`${pad}${style.dim(`listen from ${lead.stamp}: ${at}`)}`);
  return lines;
}

function highlight(text: string, ranges: Array<[number, number]>, style: TextStyle): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + style.bold(text.slice(s, e));
    at = e;
  }
  return out + text.slice(at);
}

function actionHints(answer: Answer): string[] {
  const keys: Partial<Record<AnswerAction['kind'], string>> = { next: 'n', previous: 'p', similar: 's', another: 'a' };
  return answer.actions
    .filter((a) => keys[a.kind])
    .map((a) => `${keys[a.kind]} = ${a.label.toLowerCase()}${a.label === 'Next' || a.label === 'Previous' ? ' page' : ''}`);
}
