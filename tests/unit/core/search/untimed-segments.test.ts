import { describe, expect, it } from 'vitest';
import { untimedSegments } from '../../../../src/core/search/transcript-index.ts';

const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');

describe('untimed segments of a plain transcript', () => {
  it('carry the speaker of a long turn into the segments that start in its middle', () => {
    const text = `Jason: ${words(30, 'alpha')}\nOmar: ${words(100, 'beta')}\n\nJason: ${words(10, 'gamma')}`;
    const segments = untimedSegments(text, 20);
    expect(segments.length).toBeGreaterThan(3);
    expect(segments[0]!.speaker).toBe('Jason');
    // Every piece of Omar's long turn is his, though only the first starts with his name.
    const omars = segments.filter((s) => s.text.includes('beta') && !s.text.includes('alpha'));
    expect(omars.length).toBeGreaterThan(1);
    expect(omars.every((s) => s.speaker === 'Omar')).toBe(true);
    expect(omars.slice(1).every((s) => !s.text.startsWith('Omar:'))).toBe(true);
    expect(segments.at(-1)!.speaker).toBe('Jason');
  });

  it('leave the speaker unknown when no one has been named yet', () => {
    const segments = untimedSegments(`${words(50, 'delta')}\n\nOmar: ${words(45, 'beta')}`, 20);
    expect(segments.filter((s) => s.text.includes('delta')).map((s) => s.speaker)).toEqual([null, null]);
    expect(segments.at(-1)!.text.startsWith('beta')).toBe(true);
    expect(segments.at(-1)!.speaker).toBe('Omar');
  });
});
