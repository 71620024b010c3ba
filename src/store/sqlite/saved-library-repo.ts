import type { SavedLibraryEntry, SavedLibraryRepository } from '../ports/saved-library.ts';
import type { SqliteConnection } from './connection.ts';

/** Saved libraries in SQLite (table `search_state`, beside the transcript segments). */
export class SqliteSavedLibraryRepository implements SavedLibraryRepository {
  constructor(private readonly c: SqliteConnection) {}

  get(name: string): Promise<SavedLibraryEntry | undefined> {
    return this.c.run((db) => db.prepare<[string], SavedLibraryEntry>('SELECT version, stamp, body FROM search_state WHERE name = ?').get(name));
  }

  put(name: string, entry: SavedLibraryEntry): Promise<void> {
    return this.c.run((db) => {
      db.prepare('INSERT OR REPLACE INTO search_state (name, version, stamp, body) VALUES (?, ?, ?, ?)').run(name, entry.version, entry.stamp, entry.body);
    });
  }
}
