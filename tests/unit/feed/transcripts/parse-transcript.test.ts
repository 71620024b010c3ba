import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../src/feed/transcripts/parse-transcript.ts';
import { rankTranscripts } from '../../../../src/feed/transcripts/transcript-format.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/transcripts/${name}`, import.meta.url), 'utf8');

describe('reading transcripts into timed segments with speakers', () => {
  it('reads WebVTT voice tags and cue times, ignoring cue settings and notes', () => {
    const r = parseTranscript(fixture('ep1.vtt'), 'vtt');
    expect(r).toMatchObject({ ok: true, value: { format: 'vtt' } });
    if (!r.ok) return;
    expect(r.value.segments).toEqual([
      { startSeconds: 1, endSeconds: 7, speaker: 'Jason', text: 'Welcome back to Quokka Radio. Today we talk about failover drills.' },
      { startSeconds: 1394, endSeconds: 1398, speaker: 'Ana', text: 'We broke the database on purpose, and the marsupials noticed.' },
    ]);
  });

  it('reads SRT with CRLF line ends, and "NAME:" speakers that carry over to the next cues', () => {
    const r = parseTranscript(fixture('ep2.srt'), 'srt');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.segments.map((s) => [s.startSeconds, s.speaker, s.text])).toEqual([
      [2, 'MARIA', 'Hello and welcome to the Wombat Hour.'],
      [605, 'MARIA', 'We rebuilt the burrow with terraform modules.'],
      [720, 'TOM', 'And the backups were fine.'],
    ]);
  });

  it('reads the Podcasting 2.0 JSON format, joining word-level pieces and skipping a malformed one', () => {
    const r = parseTranscript(fixture('ep3.json'), 'json');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.segments.map((s) => [s.startSeconds, s.speaker, s.text])).toEqual([
      [0.5, 'Lee', 'Pangolins love idempotency.'],
      [95.2, 'Kim', 'Retries need jitter.'],
    ]);
    expect(r.value.notes).toEqual(['1 malformed segment(s) skipped']);
  });

  it('reads HTML paragraphs with time stamps and speakers, and plain text untimed', () => {
    const html = parseTranscript(fixture('ep4.html'), 'html');
    if (!html.ok) throw new Error(html.error);
    expect(html.value.segments.filter((s) => s.speaker).map((s) => [s.startSeconds, s.speaker, s.text])).toEqual([
      [10, 'Jason', 'Our guest today brought a capybara.'],
      [330, 'Guest', 'Capybaras are great at incident command & calm.'],
    ]);
    const text = parseTranscript(fixture('ep5.txt'), 'text');
    if (!text.ok) throw new Error(text.error);
    expect(text.value.segments).toEqual([
      { startSeconds: null, endSeconds: null, speaker: 'Ana', text: 'Plain text transcripts have no times.' },
      { startSeconds: null, endSeconds: null, speaker: 'Jason', text: 'But they still have okapis.' },
    ]);
  });

  it('prefers timed formats: VTT, SRT, JSON, then HTML, then plain text', () => {
    const ranked = rankTranscripts([
      { url: 'https://x/t.txt', type: 'text/plain', language: null, rel: null },
      { url: 'https://x/t.html', type: 'text/html', language: null, rel: null },
      { url: 'https://x/t.json', type: 'application/json', language: null, rel: null },
      { url: 'https://x/t.srt', type: 'application/x-subrip', language: null, rel: null },
      { url: 'https://x/t.vtt', type: 'text/vtt', language: null, rel: null },
    ]);
    expect(ranked.map((r) => r.format)).toEqual(['vtt', 'srt', 'json', 'html', 'text']);
  });
});

describe('bad transcripts get a clear message', () => {
  it('refuses an HTML page served as VTT', () => {
    expect(parseTranscript('<!DOCTYPE html><html><body>Sign in</body></html>', 'vtt')).toEqual({ ok: false, error: 'was declared as WebVTT but is HTML' });
  });

  it('skips malformed cues, and refuses a file that is mostly malformed', () => {
    const some = parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine words\n\nnot a time line\nbroken\n\n00:00:03.000 --> 00:00:04.000\nmore fine words\n', 'vtt');
    expect(some).toMatchObject({ ok: true, value: { notes: [expect.stringMatching(/malformed cue/)] } });
    const most = parseTranscript('WEBVTT\n\nxx --> yy\nbad\n\naa --> bb\nworse\n', 'vtt');
    expect(most).toMatchObject({ ok: false, error: expect.stringMatching(/no readable cues|mostly malformed/) });
  });

  it('sorts cues that are out of order, and says so', () => {
    const r = parseTranscript('WEBVTT\n\n00:01:00.000 --> 00:01:02.000\n<v A>later words here\n\n00:00:05.000 --> 00:00:07.000\n<v B>earlier words here\n', 'vtt');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.segments.map((s) => s.startSeconds)).toEqual([5, 60]);
    expect(r.value.notes).toContain('1 cue(s) out of order, sorted by start time');
  });

  it('refuses text in an undeclared encoding instead of storing mojibake', () => {
    const latin1 = new TextDecoder('utf-8').decode(Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xe9t\xe9 \xe0 la f\xeate \xe9\xe9\xe9\n', 'latin1'));
    expect(parseTranscript(latin1, 'vtt')).toMatchObject({ ok: false, error: expect.stringContaining('is not UTF-8 text') });
  });

  it('refuses an empty file and JSON of another shape', () => {
    expect(parseTranscript('  \n', 'vtt')).toEqual({ ok: false, error: 'is empty' });
    expect(parseTranscript('{"chapters": []}', 'json')).toMatchObject({ ok: false, error: expect.stringContaining('is not a Podcasting 2.0 JSON transcript') });
  });
});
