/** What a draw from a /random deck chose: the episode, and whether the deck started again with it. */
export interface DeckPick {
  id: string;
  /** Every episode had been shown: forget them, this one is the first of a new round. */
  restart: boolean;
}

/**
 * Where /random's decks are kept: in memory (one process), or in the store,
 * so every process of the bot shows a channel the same deck.
 */
export interface DeckMemory {
  /**
   * Runs `pick` over the episodes shown in `place` (oldest first) and keeps
   * its choice, as one step no other draw in that place interleaves with.
   * Resolves to the episode picked, if any.
   */
  draw(place: string, pick: (shown: readonly string[]) => DeckPick | undefined): Promise<string | undefined>;
}
