import type { RandomDeckRepository } from '../ports/random-decks.ts';
import { firstRow, rows, type PgConnection } from './connection.ts';

/** The first key of the locks on /random's places (two-key transaction advisory locks): "deck" in ASCII. */
const DECK_SPACE = 0x6465_636b;

/** /random's decks in PostgreSQL (tables `random_deck_places`, `random_deck_shown`); same behaviour as the SQLite one. */
export class PgRandomDeckRepository implements RandomDeckRepository {
  constructor(private readonly c: PgConnection) {}

  /** Inside a transaction, also locks the place until it ends, so two processes' draws there take turns. */
  async shown(place: string): Promise<string[]> {
    await this.c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DECK_SPACE, place]);
    const found = await rows<{ episode_id: string }>(this.c, 'SELECT episode_id FROM random_deck_shown WHERE place = $1 ORDER BY seq', [place]);
    return found.map((r) => r.episode_id);
  }

  record(place: string, episodeId: string, restart: boolean, capacity: number): Promise<void> {
    return this.c.atomic(async (c) => {
      if (restart) await c.query('DELETE FROM random_deck_shown WHERE place = $1', [place]);
      const added = await firstRow<{ inserted: boolean }>(
        c,
        `INSERT INTO random_deck_places AS p (place, served) VALUES ($1, (SELECT COALESCE(MAX(served), 0) + 1 FROM random_deck_places))
         ON CONFLICT (place) DO UPDATE SET served = excluded.served RETURNING (xmax = 0) AS inserted`,
        [place],
      );
      await c.query(
        `INSERT INTO random_deck_shown (place, episode_id, seq) VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM random_deck_shown WHERE place = $1))
         ON CONFLICT (place, episode_id) DO UPDATE SET seq = excluded.seq`,
        [place, episodeId],
      );
      if (added?.inserted) {
        const gone = await rows<{ place: string }>(
          c,
          'DELETE FROM random_deck_places WHERE place IN (SELECT place FROM random_deck_places ORDER BY served DESC OFFSET $1) RETURNING place',
          [capacity],
        );
        if (gone.length > 0) await c.query('DELETE FROM random_deck_shown WHERE place = ANY($1::text[])', [gone.map((g) => g.place)]);
      }
    });
  }
}
