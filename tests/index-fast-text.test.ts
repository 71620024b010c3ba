import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastSnippet } from '../src/core/fast-snippet.ts';
import { fastTokenize, scanWordsWithOffsets } from '../src/core/fast-text.ts';
import { makeSnippet } from './helpers/reference-snippet.ts';
import { tokenize, tokenizeWithOffsets, type Token } from '../src/core/text.ts';
import { seededRandom } from '../bench/synthetic/prng.ts';
import { shippedCatalog } from './helpers/bot.ts';

const offsets = (text: string): Token[] => {
  const out: Token[] = [];
  scanWordsWithOffsets(text, (term, start, end) => out.push({ term, start, end }));
  return out;
};

const TRICKY = [
  "It's", "Hyrum’s", "rock'n'roll", "a'b'c'd", "''x", "x''", "l'été", "e.B.P.F", "U.S.A.", "e.g.", "i.e. it", "x.y",
  'a.b', '3.14', 'v1.2.3', 'Jérôme', 'JÉRÔME', 'Ωmega', 'ǅungla', 'ß', 'İstanbul', 'ﬁle', 'naïve', 'e\u0301t\u00e9',
  '²', '½', 'Ⅻ', '٣', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𝔘’s', '𐐷x', '\ud800', '\udc00a', 'a\u0000b', '\u0000', "a\u0000'b", '—', '“quoted”',
  '[laugh]', 'FinOps!!!', '"eBPF"?', 'k8s', 'x', '7', 'I', "I'm", "’s", "s’", 'don`t', 'e´t', '\u200bzero', 'tab\tnew\nline',
];

function randomText(r: () => number, length: number): string {
  let s = '';
  while (s.length < length) {
    const x = r();
    if (x < 0.5) s += TRICKY[Math.floor(r() * TRICKY.length)]!;
    else if (x < 0.8) s += 'abcdefghijXYZ019'[Math.floor(r() * 16)]!;
    else s += " .'’,\n-\u0000"[Math.floor(r() * 8)]!;
  }
  return s;
}

describe('fast tokenizers agree with text.ts', () => {
  it('on tricky words, alone and run together', () => {
    for (const w of TRICKY) {
      expect(fastTokenize(w), w).toEqual(tokenize(w));
      expect(offsets(w), w).toEqual(tokenizeWithOffsets(w));
    }
    const all = TRICKY.join(' ');
    expect(fastTokenize(all)).toEqual(tokenize(all));
    expect(offsets(all)).toEqual(tokenizeWithOffsets(all));
  });

  it('on 3,000 random strings of those pieces', () => {
    const r = seededRandom(99);
    for (let i = 0; i < 3_000; i++) {
      const text = randomText(r, 5 + Math.floor(r() * 60));
      expect(fastTokenize(text), JSON.stringify(text)).toEqual(tokenize(text));
      expect(offsets(text), JSON.stringify(text)).toEqual(tokenizeWithOffsets(text));
    }
  });

  it('on every text of the shipped catalog and the seeds', () => {
    const texts = shippedCatalog().episodes.flatMap((e) => [e.title, e.description, e.transcriptExcerpt ?? '', ...e.chapters.map((c) => c.title)]);
    texts.push(readFileSync(new URL('../../shared/seeds/000_5382b5e9d83081e0.txt', import.meta.url), 'utf8'));
    for (const text of texts) {
      expect(fastTokenize(text)).toEqual(tokenize(text));
      expect(offsets(text)).toEqual(tokenizeWithOffsets(text));
    }
  });
});

describe('fast snippets agree with snippet.ts', () => {
  it('on the shipped texts, for words of each text and words of none', () => {
    const r = seededRandom(5);
    const texts = shippedCatalog().episodes.flatMap((e) => [e.description, e.transcriptExcerpt ?? '']).filter(Boolean);
    for (const text of texts) {
      const words = tokenize(text);
      for (let k = 0; k < 20; k++) {
        const terms = new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => words[Math.floor(r() * words.length)] ?? 'zzz'));
        const exact = new Set([...terms].filter(() => r() < 0.5));
        for (const max of [180, 60]) expect(fastSnippet('transcript', text, terms, exact, max)).toEqual(makeSnippet('transcript', text, terms, exact, max));
      }
      expect(fastSnippet('description', text, new Set(['zyzzyva']))).toBeNull();
    }
  });
});
