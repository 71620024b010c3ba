import type { ChangeRepository, ChangeVersions } from '../ports/changes.ts';
import { rows, type PgConnection } from './connection.ts';

/** The change versions in PostgreSQL (table `store_changes`, raised by triggers in the writing transaction). */
export class PgChangeRepository implements ChangeRepository {
  constructor(private readonly c: PgConnection) {}

  async versions(): Promise<ChangeVersions> {
    const found = await rows<{ topic: string; version: string }>(this.c, 'SELECT topic, version FROM store_changes');
    const of = (topic: string) => Number(found.find((r) => r.topic === topic)?.version ?? 0);
    return { episodes: of('episodes'), transcripts: of('transcripts'), shows: of('shows'), leases: of('leases') };
  }
}
