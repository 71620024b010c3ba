import { inlineText } from '../html/html-to-text.ts';

/** WebVTT cue spans: `<v Name>`, `<c.loud>`, `<i>`, `<b>`, `<u>`, `<lang en>`, `<ruby>`, `<rt>`, their ends, and `<00:01:02.000>` timestamps. */
const CUE_SPANS = /<\/?(?:v|c|i|b|u|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d{1,2}(?::\d{2}){1,2}\.\d{3}>/gi;

/**
 * A cue's or segment's words as plain single-line text. Cue spans are
 * removed directly; only text that still has markup or entities goes
 * through the project's HTML converter (20 µs a call: too slow for the
 * thousands of cues of an hour, most of which need nothing).
 */
export function cueText(raw: string): string {
  const text = raw.replace(CUE_SPANS, '');
  if (text.includes('<') || text.includes('&')) return inlineText(text);
  return text.replace(/\s+/g, ' ').trim();
}
