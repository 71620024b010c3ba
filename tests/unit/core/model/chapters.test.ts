import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseChapterLine, parseChapters, parseTimestamp } from '../../../../src/core/model/chapters.ts';

describe('timestamps', () => {
  it('reads H:MM:SS, HH:MM:SS, M:SS and MM:SS', () => {
    expect(parseTimestamp('00:04:25')).toBe(265);
    expect(parseTimestamp('1:02:03')).toBe(3723);
    expect(parseTimestamp('1:41')).toBe(101);
    expect(parseTimestamp('16:06')).toBe(966);
  });

  it('refuses out-of-range fields and non-timestamps', () => {
    expect(parseTimestamp('00:61:00')).toBeNull();
    expect(parseTimestamp('1:75')).toBeNull();
    expect(parseTimestamp('abc')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });

  it('formats seconds as m:ss below an hour and h:mm:ss above', () => {
    expect(formatTimestamp(966)).toBe('16:06');
    expect(formatTimestamp(0)).toBe('0:00');
    expect(formatTimestamp(3723)).toBe('1:02:03');
  });
});

describe('chapter lines in the three styles of the show notes', () => {
  it('reads "00:04:25 - Title"', () => {
    expect(parseChapterLine('00:04:25 - Cadence to Temporal ')).toEqual({ title: 'Cadence to Temporal', startSeconds: 265 });
    expect(parseChapterLine('• 00:16:30 - The Actual Cost of an Outages, Security, Etc.')).toEqual({
      title: 'The Actual Cost of an Outages, Security, Etc.',
      startSeconds: 990,
    });
  });

  it('reads "Title: 00:01:27", with or without a space after the colon', () => {
    expect(parseChapterLine('What Kessel Run is Doing: 00:01:27')).toEqual({ title: 'What Kessel Run is Doing', startSeconds: 87 });
    expect(parseChapterLine('• Working the DOD:00:13:40')).toEqual({ title: 'Working the DOD', startSeconds: 820 });
  });

  it('reads "Title (1:41)"', () => {
    expect(parseChapterLine('Accidental SRE (1:41)')).toEqual({ title: 'Accidental SRE', startSeconds: 101 });
    expect(parseChapterLine("• Crashing NYU's Exchange Server and Hyrum's Law (14:19)")).toEqual({
      title: "Crashing NYU's Exchange Server and Hyrum's Law",
      startSeconds: 859,
    });
  });

  it('ignores lines that are not chapters', () => {
    expect(parseChapterLine('Links:')).toBeNull();
    expect(parseChapterLine('Podcast Twitter: https://twitter.com/BTOPPod')).toBeNull();
    expect(parseChapterLine('In this episode, we cover:')).toBeNull();
  });

  it('finds every chapter in show notes and orders them by start', () => {
    const notes = 'Topics include:\n\n• eBPF (12:10)\n• Why Chaos Engineering? (1:29)\n\nWhat Miko is currently excited about (21:56)\nEpisode transcript: https://x';
    expect(parseChapters(notes)).toEqual([
      { title: 'Why Chaos Engineering?', startSeconds: 89 },
      { title: 'eBPF', startSeconds: 730 },
      { title: 'What Miko is currently excited about', startSeconds: 1316 },
    ]);
  });
});
