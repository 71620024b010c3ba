import { parse as parseSubtitles } from '@plussub/srt-vtt-parser';

type Entry = ReturnType<typeof parseSubtitles>['entries'][number];
import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import { cueText } from './cue-text.ts';
import { mergeCues } from './merge-cues.ts';
import type { ParsedTranscript } from './parsed-transcript.ts';
import { fail, ok } from '../../core/model/result.ts';

/** `<v Jason>` or `<v.loud Jason Smith>`: a WebVTT voice span. */
const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/i;
/** "Jason: …", "JASON SMITH: …", ">> Jason: …": a speaker named before the words, as captions often do. */
const NAMED = /^(?:>>\s*)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}):\s+/u;

/** Cue timing lines without their settings (`align:start` …), which the parser does not expect. */
function normalise(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]*(\S+)[ \t]+-->[ \t]+(\S+).*$/gm, '$1 --> $2');
}

function entries(text: string, vtt: boolean): { entries: Entry[]; broken: number } {
  try {
    return { entries: parseSubtitles(text).entries, broken: 0 };
  } catch {
    // One malformed cue stops the parser: parse cue by cue, keeping the good ones.
    const blocks = text.split(/\n[ \t]*\n/).filter((b) => b.trim() !== '' && !/^(?:WEBVTT|NOTE|STYLE|REGION)\b/.test(b.trim()));
    const out: Entry[] = [];
    let broken = 0;
    for (const block of blocks) {
      if (!block.includes('-->')) {
        broken++;
        continue;
      }
      try {
        const got = parseSubtitles(vtt ? `WEBVTT\n\n${block.trim()}\n` : `${block.trim()}\n`).entries;
        if (got.length === 0) broken++;
        out.push(...got);
      } catch {
        broken++;
      }
    }
    return { entries: out, broken };
  }
}

function speakerAndText(raw: string, previous: string | null): { speaker: string | null; text: string } {
  const voice = VOICE.exec(raw);
  let text = cueText(raw);
  let speaker = voice ? cueText(voice[1]!) : null;
  const named = speaker ? null : NAMED.exec(text);
  if (named) {
    speaker = named[1]!;
    text = text.slice(named[0].length);
  }
  return { speaker: speaker ?? previous, text };
}

/**
 * Reads a WebVTT or SRT file with @plussub/srt-vtt-parser into timed
 * segments with speakers (voice tags, or "Name:" before the words), short
 * cues joined (see merge-cues.ts). Malformed cues are skipped and counted;
 * cues out of order are sorted; a file that is mostly broken is refused.
 */
export function parseTimedTranscript(source: string, format: 'vtt' | 'srt'): ParsedTranscript {
  const text = normalise(source);
  if (format === 'vtt' && !/^WEBVTT/.test(text)) return fail('does not start with WEBVTT, so it is not a WebVTT file');
  const read = entries(text, format === 'vtt');
  const notes: string[] = [];
  let bad = read.broken;
  const cues: TranscriptSegment[] = [];
  let speaker: string | null = null;
  for (const e of read.entries) {
    if (!Number.isFinite(e.from) || e.from < 0 || !Number.isFinite(e.to)) {
      bad++;
      continue;
    }
    const said = speakerAndText(e.text ?? '', speaker);
    speaker = said.speaker;
    cues.push({ startSeconds: e.from / 1000, endSeconds: Math.max(e.from, e.to) / 1000, speaker: said.speaker, text: said.text });
  }
  if (cues.length === 0) return fail(bad > 0 ? `has no readable cues (${bad} malformed)` : 'has no cues');
  if (bad > cues.length) return fail(`is mostly malformed (${bad} of ${bad + cues.length} cues cannot be read)`);
  if (bad > 0) notes.push(`${bad} malformed cue(s) skipped`);
  const unordered = cues.filter((c, i) => i > 0 && c.startSeconds! < cues[i - 1]!.startSeconds!).length;
  if (unordered > 0) {
    notes.push(`${unordered} cue(s) out of order, sorted by start time`);
    cues.sort((a, b) => a.startSeconds! - b.startSeconds!);
  }
  const overlapping = cues.filter((c, i) => i > 0 && c.startSeconds! < cues[i - 1]!.endSeconds!).length;
  if (overlapping > 0) notes.push(`${overlapping} cue(s) overlap the one before`);
  return ok({ format, segments: mergeCues(cues), notes });
}
