import type { TranscriptSource } from '../../core/model/transcript-source.ts';

/** The transcript formats read, best first: timed ones (VTT, SRT, Podcasting 2.0 JSON), then HTML, then plain text. */
export const TRANSCRIPT_FORMATS = ['vtt', 'srt', 'json', 'html', 'text'] as const;

/** One of {@link TRANSCRIPT_FORMATS}. */
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

const BY_TYPE: Readonly<Record<string, TranscriptFormat>> = {
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'application/srt': 'srt',
  'text/srt': 'srt',
  'application/x-srt': 'srt',
  'text/x-srt': 'srt',
  'application/json': 'json',
  'text/json': 'json',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

const BY_EXTENSION: Readonly<Record<string, TranscriptFormat>> = { vtt: 'vtt', srt: 'srt', json: 'json', html: 'html', htm: 'html', txt: 'text' };

/** The format a `podcast:transcript` says it is: its `type`, else its URL's extension; null when neither tells. */
export function declaredFormat(source: Pick<TranscriptSource, 'type' | 'url'>): TranscriptFormat | null {
  const type = source.type?.split(';')[0]!.trim().toLowerCase();
  if (type && BY_TYPE[type]) return BY_TYPE[type];
  const ext = /\.([a-z]{3,4})(?:[?#]|$)/i.exec(source.url)?.[1]?.toLowerCase();
  return ext ? (BY_EXTENSION[ext] ?? null) : null;
}

/**
 * An item's transcripts in the order to try them: by format (timed first),
 * an unknown format last; the feed's order among equals.
 */
export function rankTranscripts(sources: readonly TranscriptSource[]): Array<TranscriptSource & { format: TranscriptFormat | null }> {
  const rank = (f: TranscriptFormat | null) => (f === null ? TRANSCRIPT_FORMATS.length : TRANSCRIPT_FORMATS.indexOf(f));
  return sources
    .map((s, i) => ({ ...s, format: declaredFormat(s), i }))
    .sort((a, b) => rank(a.format) - rank(b.format) || a.i - b.i)
    .map(({ i: _i, ...s }) => s);
}

/** What a transcript's text looks like it is, whatever it was declared as. */
export function sniffFormat(text: string): TranscriptFormat {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart();
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(head)) return 'vtt';
  if (/^\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->/.test(head)) return 'srt';
  if (/^[{[]/.test(head)) return 'json';
  if (/^<(?:!doctype\s+html|html|head|body|div|p|section|article)\b/i.test(head)) return 'html';
  return 'text';
}
