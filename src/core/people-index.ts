import MiniSearch from 'minisearch';
import type { Episode } from './catalog-schema.ts';
import { foldTerm, tokenize } from './text.ts';

/** A guest or host and the episodes they are on, newest first. */
export interface PersonEntry {
  name: string;
  role: 'guest' | 'host';
  episodeIds: string[];
}

/** One autocomplete choice: a label to show and the value to submit. */
export interface Suggestion {
  label: string;
  value: string;
  kind: 'episode' | 'guest';
}

type Doc = { id: string; label: string; kind: 'episode' | 'guest' };

/**
 * Names to complete and to look people up by: episode titles and guest names,
 * matched by prefix and with typos. Built once; rebuilt when episodes change.
 */
export class NameIndex {
  private index = newIndex();
  private people = new Map<string, PersonEntry>();

  /** Rebuilds from episodes listed newest first. */
  build(newestFirst: readonly Episode[]): void {
    this.people = collectPeople(newestFirst);
    this.index = newIndex();
    this.index.addAll([
      ...newestFirst.map((e) => ({ id: `e:${e.id}`, label: e.title, kind: 'episode' as const })),
      ...[...this.people.entries()]
        .filter(([, p]) => p.role === 'guest')
        .map(([key, p]) => ({ id: `g:${key}`, label: p.name, kind: 'guest' as const })),
    ]);
  }

  /** Completions for what a person has typed so far, best first. */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind']>, limit: number): Suggestion[] {
    const q = typed.trim();
    const wanted = (d: { kind: string }) => kinds.includes(d.kind as Suggestion['kind']);
    if (q.length === 0) return [];
    return this.index
      .search(q, {
        prefix: true,
        fuzzy: (t) => (t.length < 4 ? false : t.length < 8 ? 1 : 2),
        combineWith: 'AND',
        filter: (r) => wanted(r as unknown as Doc),
      })
      .slice(0, limit)
      .map((r) => {
        const doc = r as unknown as Doc & { id: string };
        return { label: doc.label, value: doc.kind === 'episode' ? doc.id.slice(2) : doc.label, kind: doc.kind };
      });
  }

  /** People whose name matches, best first; those scoring near the best are all returned. */
  findPeople(name: string): PersonEntry[] {
    const hits = this.index.search(name, {
      prefix: (t) => t.length >= 2,
      fuzzy: (t) => (t.length < 4 ? false : t.length < 8 ? 1 : 2),
      combineWith: 'AND',
      filter: (r) => (r as unknown as Doc).kind === 'guest',
    });
    const top = hits[0]?.score ?? 0;
    return hits
      .filter((h) => h.score >= top * 0.6)
      .map((h) => this.people.get(String(h.id).slice(2)))
      .filter((p): p is PersonEntry => p !== undefined);
  }
}

function newIndex(): MiniSearch<Doc> {
  return new MiniSearch<Doc>({ fields: ['label'], storeFields: ['label', 'kind'], tokenize, processTerm: (t) => t || null });
}

function collectPeople(newestFirst: readonly Episode[]): Map<string, PersonEntry> {
  const people = new Map<string, PersonEntry>();
  const note = (name: string, role: PersonEntry['role'], episodeId: string) => {
    const key = foldTerm(name).replace(/[^\p{L}\p{N}]+/gu, '-');
    const entry = people.get(key) ?? { name, role, episodeIds: [] };
    if (role === 'guest') entry.role = 'guest';
    if (!entry.episodeIds.includes(episodeId)) entry.episodeIds.push(episodeId);
    people.set(key, entry);
  };
  for (const ep of newestFirst) {
    for (const g of ep.guests) note(g.name, 'guest', ep.id);
    for (const h of ep.hosts) note(h.name, 'host', ep.id);
  }
  return people;
}
