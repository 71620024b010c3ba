import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../src/feed/transcripts/parse-transcript.ts';
import { foldTerm } from '../../../../src/core/model/text.ts';
import { MARK_CLOSE, MARK_OPEN, type MarkedSegment } from '../../../../src/core/model/transcript-store.ts';
import { speakerTurns } from '../../../../src/core/search/speaker-turns.ts';
import { transcriptQuote } from '../../../../src/core/search/turn-quote.ts';
import { CONSOLE, shippedCatalog, testDispatcher } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

const { dispatcher } = await testDispatcher();
const episode = (query: string) => dispatcher.command('episode', { query }, CONSOLE);

/** A segment with `words` marked as FTS5's highlight() marks them. */
function marked(text: string, words: string[], speaker: string | null = null, startSeconds: number | null = null): MarkedSegment {
  const re = new RegExp(`\\b(${words.join('|')})\\b`, 'giu');
  return { segmentId: 1, marked: text.replace(re, `${MARK_OPEN}$1${MARK_CLOSE}`), speaker, startSeconds };
}
const exact = (words: string[]) => new Set(words.map((w) => foldTerm(w)));
const quoteOf = (text: string, words: string[], speaker: string | null = null, start: number | null = null) =>
  transcriptQuote(marked(text, words, speaker, start), (w) => foldTerm(w), exact(words));

describe('a transcript quote names the speaker of the turn holding the hit, never inside the quote', () => {
  it('quotes the shipped catalog’s welcome lines under Jason, with no name inside the quote', async () => {
    const a = await episode('welcome to break things');
    const quoted = a.episodes.filter((e) => e.snippet?.source === 'transcript');
    expect(quoted.map((e) => e.id)).toEqual(expect.arrayContaining(['omar-marrero', 'john-martinez', 'carmen-saenz']));
    for (const e of quoted) {
      expect(e.snippet!.speaker).toBe('Jason');
      expect(e.snippet!.text).toMatch(/^Welcome (?:back )?to (?:the )?Break Things on Purpose/);
      expect(e.snippet!.text).not.toMatch(/\b(?:Jason|Omar|John|Carmen|Ana):/);
    }
  });

  it('quotes a guest’s own turn under the guest when the hit is in what the guest said', async () => {
    const john = (await episode('tip better monitoring')).episodes.find((e) => e.id === 'john-martinez')!;
    expect(john.snippet).toMatchObject({ source: 'transcript', speaker: 'John' });
    expect(john.snippet!.text).toMatch(/^I would say a tip for better monitoring/);
    const lib = await memoryLibrary(shippedCatalog());
    const { hits } = await lib.search('highly classified');
    const hit = hits.find((h) => h.episodeId === 'omar-marrero')!;
    expect(hit.snippet).toMatchObject({ source: 'transcript', speaker: 'Jason' });
    expect(hit.snippet!.text).toBe('Yeah. Awesome. No spilling state secrets or highly classified info.');
  });

  it('cuts an excerpt spanning several speakers at the turns and quotes the turn with the most matched words', () => {
    const text = 'Omar: But I will answer what I can.\n\nJason: No state secrets please.\n\nOmar: Yes.\n\nJason: Welcome to Break Things on Purpose.';
    expect(quoteOf(text, ['welcome', 'break', 'things'], 'Omar')).toMatchObject({ text: 'Welcome to Break Things on Purpose.', speaker: 'Jason' });
    expect(quoteOf(text, ['secrets'], 'Omar')).toMatchObject({ text: 'No state secrets please.', speaker: 'Jason' });
    expect(quoteOf(text, ['answer'], 'Omar')).toMatchObject({ text: 'But I will answer what I can.', speaker: 'Omar' });
  });

  it('keeps a timed segment’s speaker and minute when its text names nobody', () => {
    expect(quoteOf('We moved the zanzibar service to three regions.', ['zanzibar'], 'Veronica', 1394)).toMatchObject({
      text: 'We moved the zanzibar service to three regions.', speaker: 'Veronica', startSeconds: 1394,
    });
  });

  it('has no speaker when the transcript names nobody', () => {
    expect(quoteOf('Only talk of zebras here.', ['zebras'])).toMatchObject({ text: 'Only talk of zebras here.', speaker: null });
  });

  it('takes names with spaces and accents as speakers', () => {
    const text = 'Jérôme Petazzoni: Containers were a hack at first.\n\nAna Margarita Medina: And chaos engineering?\n\nMaría José de la Cruz: Nobody knew.';
    expect(quoteOf(text, ['containers'])).toMatchObject({ text: 'Containers were a hack at first.', speaker: 'Jérôme Petazzoni' });
    expect(quoteOf(text, ['chaos'])).toMatchObject({ text: 'And chaos engineering?', speaker: 'Ana Margarita Medina' });
    expect(quoteOf(text, ['nobody'])).toMatchObject({ text: 'Nobody knew.', speaker: 'María José de la Cruz' });
  });

  it('does not take a note or a time of day for a speaker', () => {
    const text = 'Jason: We start the game day soon.\nNote: the runbook was out of date.\n10:30 the pager went off.';
    expect(quoteOf(text, ['runbook'], 'Jason')).toMatchObject({ speaker: 'Jason' });
    expect(quoteOf(text, ['runbook'], 'Jason')!.text).toContain('Note: the runbook');
    expect(quoteOf(text, ['pager'], 'Jason')!.text).toContain('10:30 the pager went off.');
    const timeFirst = '10:30 the pager went off and nobody answered.';
    // An untimed segment starting "10:30 …" was stored with the speaker "10" (everything before the first colon).
    expect(quoteOf(timeFirst, ['pager'], '10')).toMatchObject({ text: timeFirst, speaker: null });
    expect(quoteOf('Note: the runbook was stale.', ['runbook'], 'Note')).toMatchObject({ text: 'Note: the runbook was stale.', speaker: null });
  });

  it('does not take a colon inside a line for a turn', () => {
    const text = 'Jason: The ratio was 3:1 and the lesson: test your backups.';
    expect(quoteOf(text, ['backups'])).toMatchObject({ text: 'The ratio was 3:1 and the lesson: test your backups.', speaker: 'Jason' });
  });
});

describe('fetched transcripts keep their speakers in quotes', () => {
  const files = {
    vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jason Yee>Welcome back to the show.\n\n00:10:00.000 --> 00:10:05.000\n<v Jérôme Petazzoni>We ran the axolotl cluster on spot instances.\n',
    srt: '1\n00:00:01,000 --> 00:00:04,000\nJason: Welcome back.\n\n2\n00:12:30,000 --> 00:12:35,000\nOmar: The axolotl pipeline broke twice.\n',
    json: JSON.stringify({ version: '1.0.0', segments: [
      { speaker: 'Jason', startTime: 1, endTime: 3, body: 'Welcome.' },
      { speaker: 'Ana Margarita Medina', startTime: 95, endTime: 99, body: 'Our axolotl game day found it.' },
    ] }),
  };
  it.each([
    ['vtt', 'Jérôme Petazzoni', 600, 'We ran the axolotl cluster on spot instances.'],
    ['srt', 'Omar', 750, 'The axolotl pipeline broke twice.'],
    ['json', 'Ana Margarita Medina', 95, 'Our axolotl game day found it.'],
  ] as const)('%s: the speaker’s name before the quote, not in it', async (format, speaker, start, text) => {
    const parsed = parseTranscript(files[format], format);
    if (!parsed.ok) throw new Error(parsed.error);
    const lib = await memoryLibrary(shippedCatalog());
    await lib.transcripts.replaceTranscript('omar-marrero', parsed.value.segments);
    const hit = (await lib.search('axolotl')).hits[0]!;
    expect(hit.snippet).toEqual(expect.objectContaining({ source: 'transcript', speaker, startSeconds: start, text }));
  });
});

describe('speaker turns', () => {
  it('reads labels after a caption dash or ">>" and keeps the lead speaker for text before the first label', () => {
    const turns = speakerTurns('right, so\n- Omar: yes\n>> Jason: welcome', 'Ana');
    expect(turns.map((t) => t.speaker)).toEqual(['Ana', 'Omar', 'Jason']);
  });
});
