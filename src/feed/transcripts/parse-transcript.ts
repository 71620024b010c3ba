import { parseJsonTranscript } from './parse-json-transcript.ts';
import { parseTextTranscript } from './parse-text-transcript.ts';
import { parseTimedTranscript } from './parse-timed.ts';
import type { ParsedTranscript } from './parsed-transcript.ts';
import { fail } from '../../core/model/result.ts';
import { sniffFormat, type TranscriptFormat } from './transcript-format.ts';

/** Share of undecodable characters beyond which a file is in an encoding it does not declare. */
const MAX_REPLACEMENT_SHARE = 0.005;

const LABEL: Readonly<Record<TranscriptFormat, string>> = { vtt: 'WebVTT', srt: 'SRT', json: 'JSON', html: 'HTML', text: 'plain text' };

/**
 * Reads a fetched transcript. What the file looks like decides, but a file
 * that looks like another format than it was declared as is refused when
 * the declared one was timed (an HTML error page served as `text/vtt`), so
 * the next file of the item is tried instead. Pure: no I/O.
 */
export function parseTranscript(text: string, declared: TranscriptFormat | null): ParsedTranscript {
  if (text.trim() === '') return fail('is empty');
  const replaced = text.length > 0 ? (text.match(/\uFFFD/g)?.length ?? 0) : 0;
  if (replaced > 0 && replaced / text.length > MAX_REPLACEMENT_SHARE) {
    return fail(`is not UTF-8 text and does not declare its encoding (${replaced} characters could not be read); serve it with a charset`);
  }
  const sniffed = sniffFormat(text);
  const timed = declared === 'vtt' || declared === 'srt' || declared === 'json';
  if (declared && timed && sniffed !== declared) {
    return fail(`was declared as ${LABEL[declared]} but is ${sniffed === 'text' ? 'not' : LABEL[sniffed]}${sniffed === 'text' ? ' a ' + LABEL[declared] + ' file' : ''}`);
  }
  const format = declared === 'text' && sniffed === 'html' ? 'html' : declared === 'html' && sniffed === 'text' ? 'html' : sniffed;
  switch (format) {
    case 'vtt':
    case 'srt':
      return parseTimedTranscript(text, format);
    case 'json':
      return parseJsonTranscript(text);
    default:
      return parseTextTranscript(text, format);
  }
}
