import type { Db } from './database.ts';

/** Which episode each FTS5 row is of: episodes' first rows, ascending, where their rows end, and their ids. */
interface OwnerTable {
  firsts: Float64Array;
  ends: Float64Array;
  ids: string[];
  /** Episode id → its place in the arrays, made when first asked. */
  index?: Map<string, number>;
}

/**
 * The owner of every transcript row, read from `transcript_sources` (an
 * episode's segments are consecutive rowids) when first needed and kept
 * until a transcript is stored or replaced: a binary search per matched row
 * instead of reading `episode_id` from FTS5 for each one. Shared by the
 * store's repositories and its transactions.
 */
export class TranscriptOwners {
  private table: OwnerTable | null = null;

  /** The episode whose rows hold `row`, or undefined. */
  ownerOf(db: Db, row: number): string | undefined {
    const t = this.load(db);
    let lo = 0;
    let hi = t.firsts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t.firsts[mid]! <= row) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && row < t.ends[hi]! ? t.ids[hi] : undefined;
  }

  /** The rows of this episode's segments, [first, end), or undefined when it has none. */
  rowsOf(db: Db, episodeId: string): [number, number] | undefined {
    const t = this.load(db);
    if (!t.index) t.index = new Map(t.ids.map((id, i) => [id, i]));
    const i = t.index.get(episodeId);
    return i === undefined ? undefined : [t.firsts[i]!, t.ends[i]!];
  }

  /** Forgets the table (transcripts changed, or a transaction was rolled back); read again when next needed. */
  forget(): void {
    this.table = null;
  }

  private load(db: Db): OwnerTable {
    if (!this.table) {
      const rows = db
        .prepare<[], { episode_id: string; first_row: number; segments: number }>(
          'SELECT episode_id, first_row, segments FROM transcript_sources WHERE segments > 0 ORDER BY first_row',
        )
        .all();
      this.table = { firsts: Float64Array.from(rows, (r) => r.first_row), ends: Float64Array.from(rows, (r) => r.first_row + r.segments), ids: rows.map((r) => r.episode_id) };
    }
    return this.table;
  }
}
