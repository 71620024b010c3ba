/**
 * Transcript ingestion: how fast fetched transcript files become segments
 * (parse with @plussub/srt-vtt-parser / zod / html-to-text, join cues,
 * hand to a sink), at `--episodes` hour-long episodes (~9,000 words each),
 * per format, stored and indexed in the FTS5 transcript index (an in-memory database).
 *
 * `node --import tsx bench/transcripts.ts [--episodes 1000] [--words 9000]`, or as part of `npm run bench`.
 */
import { openStore } from '../src/app/open-store.ts';
import { Library } from '../src/core/search/library.ts';
import { parseTranscript } from '../src/feed/transcripts/parse-transcript.ts';
import type { TranscriptFormat } from '../src/feed/transcripts/transcript-format.ts';
import { fullGc } from './gc.ts';
import { seededRandom, zipfSampler, type Random } from './synthetic/prng.ts';
import { buildVocabulary } from './synthetic/vocabulary.ts';

/** Figures of one format. */
export interface TranscriptFormatFigures {
  format: TranscriptFormat;
  episodes: number;
  inputMiB: number;
  segments: number;
  ms: number;
  segmentsPerSecond: number;
  episodesPerSecond: number;
  mibPerSecond: number;
  /** Heap held per episode's segments (measured over the last 20 held in memory; the real store is on disk), MiB. */
  heapMiB: number;
}

/** What the transcript benchmark measured. */
export interface TranscriptBench {
  wordsPerEpisode: number;
  formats: TranscriptFormatFigures[];
}

const SPEAKERS = ['Ana', 'Jason', 'Maria', 'Lee'];
const stamp = (s: number, sep: string) =>
  `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}${sep}${String(Math.round((s % 1) * 1000)).padStart(3, '0')}`;

/** An hour of speech as cues of ~6 words (2.4 s each, 150 words a minute), speakers taking turns every ~20 cues. */
export function cues(random: Random, words: number, vocabulary: readonly string[]): Array<{ start: number; end: number; speaker: string; text: string }> {
  const rank = zipfSampler(vocabulary.length, 1.05, random);
  const out: Array<{ start: number; end: number; speaker: string; text: string }> = [];
  let speaker = SPEAKERS[0]!;
  for (let said = 0, t = 0; said < words; said += 6, t += 2.4) {
    if (random() < 0.05) speaker = SPEAKERS[Math.floor(random() * SPEAKERS.length)]!;
    const text = Array.from({ length: 6 }, () => vocabulary[rank()]!).join(' ');
    out.push({ start: t, end: t + 2.3, speaker, text });
  }
  return out;
}

/** One synthetic transcript file in `format`. */
export function render(format: TranscriptFormat, list: ReturnType<typeof cues>): string {
  if (format === 'vtt') return `WEBVTT\n\n${list.map((c, i) => `${i + 1}\n${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n<v ${c.speaker}>${c.text}</v>\n`).join('\n')}`;
  if (format === 'srt') return list.map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.speaker.toUpperCase()}: ${c.text}\n`).join('\n');
  if (format === 'json') {
    // Word-level, as many Podcasting 2.0 JSON files are.
    const segments = list.flatMap((c) => c.text.split(' ').map((w, i) => ({ speaker: c.speaker, startTime: +(c.start + i * 0.4).toFixed(2), endTime: +(c.start + i * 0.4 + 0.4).toFixed(2), body: w })));
    return JSON.stringify({ version: '1.0.0', segments });
  }
  if (format === 'html') return `<!DOCTYPE html><html><body>${list.map((c) => `<p>[${stamp(c.start, '.').slice(0, 8)}] ${c.speaker}: ${c.text}</p>`).join('\n')}</body></html>`;
  return list.map((c) => `${c.speaker}: ${c.text}`).join('\n\n');
}

/** Parses `episodes` synthetic transcripts of each format into a sink; `say` reports progress. */
export async function runTranscriptBench(episodes: number, words: number, say: (line: string) => void): Promise<TranscriptBench> {
  const random = seededRandom(10);
  const vocabulary = buildVocabulary(random, 30_000);
  const distinct = Math.min(episodes, 20);
  const samples = Array.from({ length: distinct }, () => cues(random, words, vocabulary));
  const formats: TranscriptFormatFigures[] = [];
  for (const format of ['vtt', 'srt', 'json', 'html', 'text'] as const) {
    const files = samples.map((s) => render(format, s));
    const inputBytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0) * (episodes / distinct);
    // The real FTS5 transcript index, over an in-memory database: segments stored and indexed.
    const store = await openStore({ path: ':memory:' });
    const podcast = { title: 'Bench', description: '', publisher: null, language: null, imageUrl: null, links: [] };
    const sink = (await Library.create({ version: 1, podcast, episodes: [] }, { transcripts: store.transcriptSegments })).transcripts;
    fullGc();
    const heapBefore = process.memoryUsage().heapUsed;
    let segments = 0;
    const started = performance.now();
    for (let i = 0; i < episodes; i++) {
      const parsed = parseTranscript(files[i % distinct]!, format);
      if (!parsed.ok) throw new Error(`${format}: ${parsed.error}`);
      await sink.replaceTranscript(`ep-${i % distinct}`, parsed.value.segments);
      segments += parsed.value.segments.length;
    }
    const ms = performance.now() - started;
    fullGc();
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576 / distinct;
    const figures: TranscriptFormatFigures = {
      format, episodes, inputMiB: inputBytes / 1_048_576, segments, ms,
      segmentsPerSecond: segments / (ms / 1000), episodesPerSecond: episodes / (ms / 1000), mibPerSecond: inputBytes / 1_048_576 / (ms / 1000), heapMiB,
    };
    say(`transcripts ${format}: ${episodes} × ${words} words in ${(ms / 1000).toFixed(1)} s: ${Math.round(figures.segmentsPerSecond).toLocaleString('en-US')} segments/s, ${figures.episodesPerSecond.toFixed(0)} episodes/s, ${figures.mibPerSecond.toFixed(1)} MiB/s, ${heapMiB.toFixed(2)} MiB of segments an episode`);
    formats.push(figures);
    await store.close();
  }
  return { wordsPerEpisode: words, formats };
}

/** The figures as a Markdown table. */
export function transcriptMarkdown(b: TranscriptBench): string {
  const rows = b.formats.map((f) =>
    `| ${f.format} | ${f.episodes} | ${f.inputMiB.toFixed(0)} | ${f.segments.toLocaleString('en-US')} | ${(f.ms / 1000).toFixed(1)} | ${Math.round(f.segmentsPerSecond).toLocaleString('en-US')} | ${f.episodesPerSecond.toFixed(0)} | ${f.mibPerSecond.toFixed(1)} | ${f.heapMiB.toFixed(2)} |`,
  );
  return [
    `### Transcript ingestion (~${b.wordsPerEpisode.toLocaleString('en-US')} words an episode; parse + join cues, segments stored and indexed in SQLite FTS5)`,
    '',
    '| format | episodes | input MiB | segments | s | segments/s | episodes/s | MiB/s | heap MiB an episode |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const bench = await runTranscriptBench(arg('episodes', 1000), arg('words', 9000), (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(transcriptMarkdown(bench));
}
