/**
 * The baseline the issue asks for: minisearch used naively, one document
 * per episode with every field (transcript included), fuzzy 0.2 and prefix
 * on every term, AND falling back to OR, minisearch's own tokenizer.
 */
import MiniSearch from 'minisearch';
import type { Catalog } from '../src/core/model/catalog-schema.ts';

interface Doc {
  id: string;
  title: string;
  guests: string;
  orgs: string;
  chapters: string;
  description: string;
  transcript: string;
}

/** Naive minisearch over a catalog. */
export class NaiveMiniSearch {
  private readonly mini = new MiniSearch<Doc>({ fields: ['title', 'guests', 'orgs', 'chapters', 'description', 'transcript'] });

  constructor(catalog: Catalog) {
    this.mini.addAll(
      catalog.episodes.map((e) => ({
        id: e.id,
        title: e.title,
        guests: e.guests.map((g) => `${g.name} ${g.handle ?? ''}`).join('\n'),
        orgs: e.guests.map((g) => `${g.org ?? ''} ${g.role ?? ''}`).join('\n'),
        chapters: e.chapters.map((c) => c.title).join('\n'),
        description: e.description,
        transcript: e.transcriptExcerpt ?? '',
      })),
    );
  }

  /** The ids of the best `limit` episodes. */
  search(query: string, limit = 5): string[] {
    const options = { fuzzy: 0.2, prefix: true } as const;
    let hits = this.mini.search(query, { ...options, combineWith: 'AND' });
    if (hits.length === 0) hits = this.mini.search(query, { ...options, combineWith: 'OR' });
    return hits.slice(0, limit).map((h) => h.id as string);
  }
}
