import type { SavedLibraryEntry, SavedLibraryRepository } from '../ports/saved-library.ts';
import { firstRow, type PgConnection } from './connection.ts';

/** Saved libraries in PostgreSQL (table `search_state`). */
export class PgSavedLibraryRepository implements SavedLibraryRepository {
  constructor(private readonly c: PgConnection) {}

  get(name: string): Promise<SavedLibraryEntry | undefined> {
    return firstRow<SavedLibraryEntry>(this.c, 'SELECT version, stamp, body FROM search_state WHERE name = $1', [name]);
  }

  async put(name: string, entry: SavedLibraryEntry): Promise<void> {
    await this.c.query(
      `INSERT INTO search_state (name, version, stamp, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, stamp = excluded.stamp, body = excluded.body`,
      [name, entry.version, entry.stamp, entry.body],
    );
  }
}
