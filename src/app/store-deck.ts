import { DEFAULT_DECK_CAPACITY } from '../../commands/random-deck.ts';
import type { DeckMemory } from '../core/model/deck-memory.ts';
import type { Store } from '../store/store.ts';

/** /random's decks kept in the store: every process of the bot draws from the same deck of a channel, one draw at a time. */
export function storeDeckMemory(store: Store, capacity = DEFAULT_DECK_CAPACITY): DeckMemory {
  return {
    draw: (place, pick) =>
      store.transaction(async (tx) => {
        const chosen = pick(await tx.randomDecks.shown(place));
        if (chosen) await tx.randomDecks.record(place, chosen.id, chosen.restart, capacity);
        return chosen?.id;
      }),
  };
}
