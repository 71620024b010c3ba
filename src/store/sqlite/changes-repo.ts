import type { ChangeRepository, ChangeVersions } from '../ports/changes.ts';
import type { SqliteConnection } from './connection.ts';

/** The change versions in SQLite (table `store_changes`, raised by triggers in the writing transaction). */
export class SqliteChangeRepository implements ChangeRepository {
  constructor(private readonly c: SqliteConnection) {}

  versions(): Promise<ChangeVersions> {
    return this.c.run((db) => {
      const rows = db.prepare<[], { topic: string; version: number }>('SELECT topic, version FROM store_changes').all();
      const of = (topic: string) => rows.find((r) => r.topic === topic)?.version ?? 0;
      return { episodes: of('episodes'), transcripts: of('transcripts'), shows: of('shows'), leases: of('leases') };
    });
  }
}
