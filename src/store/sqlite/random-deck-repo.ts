import type { RandomDeckRepository } from '../ports/random-decks.ts';
import type { SqliteConnection } from './connection.ts';

/** /random's decks in SQLite (tables `random_deck_places`, `random_deck_shown`). */
export class SqliteRandomDeckRepository implements RandomDeckRepository {
  constructor(private readonly c: SqliteConnection) {}

  shown(place: string): Promise<string[]> {
    return this.c.run((db) =>
      db.prepare<[string], { episode_id: string }>('SELECT episode_id FROM random_deck_shown WHERE place = ? ORDER BY seq').all(place).map((r) => r.episode_id),
    );
  }

  record(place: string, episodeId: string, restart: boolean, capacity: number): Promise<void> {
    return this.c.run((db) => {
      db.transaction(() => {
        if (restart) db.prepare('DELETE FROM random_deck_shown WHERE place = ?').run(place);
        const served = (db.prepare('SELECT COALESCE(MAX(served), 0) + 1 AS n FROM random_deck_places').get() as { n: number }).n;
        const known = db.prepare('SELECT 1 FROM random_deck_places WHERE place = ?').get(place) !== undefined;
        db.prepare('INSERT INTO random_deck_places (place, served) VALUES (?, ?) ON CONFLICT (place) DO UPDATE SET served = excluded.served').run(place, served);
        const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM random_deck_shown WHERE place = ?').get(place) as { n: number }).n;
        db.prepare('INSERT INTO random_deck_shown (place, episode_id, seq) VALUES (?, ?, ?) ON CONFLICT (place, episode_id) DO UPDATE SET seq = excluded.seq').run(place, episodeId, seq);
        if (!known) forgetBeyond(db, capacity);
      })();
    });
  }
}

/** Forgets the places served least recently beyond `capacity` (checked only when a place is added). */
function forgetBeyond(db: import('./database.ts').Db, capacity: number): void {
  const places = (db.prepare('SELECT COUNT(*) AS n FROM random_deck_places').get() as { n: number }).n;
  if (places <= capacity) return;
  const old = db.prepare<[number], { place: string }>('SELECT place FROM random_deck_places ORDER BY served LIMIT ?').all(places - capacity);
  const dropPlace = db.prepare('DELETE FROM random_deck_places WHERE place = ?');
  const dropShown = db.prepare('DELETE FROM random_deck_shown WHERE place = ?');
  for (const { place } of old) {
    dropPlace.run(place);
    dropShown.run(place);
  }
}
