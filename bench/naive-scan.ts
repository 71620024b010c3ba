/**
 * The "no index" reference: every query reads every episode's text. Text is
 * lower-cased once up front (so the scan is a fair one: substring tests,
 * which also match prefixes, but no typo tolerance and no ranking beyond
 * the number of query words found and the title).
 */
import type { Catalog } from '../src/core/model/catalog-schema.ts';
import { queryTerms } from '../src/core/model/text.ts';

/** A linear scan over a catalog's texts. */
export class NaiveScan {
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly texts: string[];

  constructor(catalog: Catalog) {
    this.ids = catalog.episodes.map((e) => e.id);
    this.titles = catalog.episodes.map((e) => e.title.toLowerCase());
    this.texts = catalog.episodes.map((e) =>
      [e.title, ...e.guests.map((g) => `${g.name} ${g.org ?? ''}`), ...e.chapters.map((c) => c.title), e.description, e.transcriptExcerpt ?? '']
        .join('\n')
        .toLowerCase(),
    );
  }

  /** The ids of the best `limit` episodes: most query words found, then most in the title, then listing order. */
  search(query: string, limit = 5): string[] {
    const terms = queryTerms(query);
    const scored: Array<[number, number]> = [];
    for (let i = 0; i < this.texts.length; i++) {
      let found = 0;
      let inTitle = 0;
      for (const t of terms) {
        if (this.texts[i]!.includes(t)) found++;
        if (this.titles[i]!.includes(t)) inTitle++;
      }
      if (found > 0) scored.push([i, found * 100 + inTitle]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return scored.slice(0, limit).map(([i]) => this.ids[i]!);
  }
}
