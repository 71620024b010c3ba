/** /random's decks: the episodes shown in each place (a channel, or a user), shared by every process. */
export interface RandomDeckRepository {
  /**
   * The episodes shown in `place` since its deck last started again, oldest
   * first. Inside a transaction, draws in the same place by other processes
   * wait until it ends (PostgreSQL: a lock on the place; SQLite: one writer).
   */
  shown(place: string): Promise<string[]>;
  /**
   * Notes `episodeId` as shown in `place` (`restart`: forget what was shown
   * before). Only the `capacity` places served most recently are remembered.
   */
  record(place: string, episodeId: string, restart: boolean, capacity: number): Promise<void>;
}
