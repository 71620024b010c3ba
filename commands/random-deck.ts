import type { DeckMemory, DeckPick } from '../src/core/model/deck-memory.ts';

/** How many channels (or users) a deck remembers; the least recently served is forgotten first. */
export const DEFAULT_DECK_CAPACITY = 10_000;

/**
 * What `/random` has shown in each place (a channel, or a user where there
 * is no channel), so no episode comes again until every other one has: a
 * shuffled deck per place, drawn with the injected randomness. The decks are
 * kept by a {@link DeckMemory}: the store's, shared by every process of the
 * bot, or this process's own memory (the default).
 */
export class RandomDeck {
  private readonly memory: DeckMemory;

  /** `memory`: where the decks are kept (default: in this process, `capacity` places, 10,000 by default). */
  constructor(memory?: DeckMemory, capacity = DEFAULT_DECK_CAPACITY) {
    this.memory = memory ?? new LocalDeckMemory(capacity);
  }

  /**
   * Draws one of `ids` not yet shown in `place`; once all have been, starts
   * again (never with the one just shown, when there are others).
   * `random` returns a number in [0, 1).
   */
  draw(place: string, ids: readonly string[], random: () => number): Promise<string | undefined> {
    if (ids.length === 0) return Promise.resolve(undefined);
    return this.memory.draw(place, (shown) => pick(shown, ids, random));
  }
}

/** The next card: one of `ids` not in `shown`, or, when all were, a new round that does not begin with the last one shown. */
export function pick(shown: readonly string[], ids: readonly string[], random: () => number): DeckPick {
  const seen = new Set(shown);
  let left = ids.filter((id) => !seen.has(id));
  const restart = left.length === 0;
  if (restart) {
    const last = shown.at(-1);
    left = ids.length > 1 ? ids.filter((id) => id !== last) : [...ids];
  }
  return { id: left[Math.min(left.length - 1, Math.floor(random() * left.length))]!, restart };
}

/** Decks in this process's memory: places in the order they were last served (a Map keeps insertion order), the oldest forgotten first. */
export class LocalDeckMemory implements DeckMemory {
  private readonly shown = new Map<string, string[]>();

  constructor(private readonly capacity = DEFAULT_DECK_CAPACITY) {}

  draw(place: string, choose: (shown: readonly string[]) => DeckPick | undefined): Promise<string | undefined> {
    const before = this.shown.get(place) ?? [];
    const chosen = choose(before);
    if (!chosen) return Promise.resolve(undefined);
    const after = chosen.restart ? [chosen.id] : [...before.filter((id) => id !== chosen.id), chosen.id];
    this.shown.delete(place);
    this.shown.set(place, after);
    if (this.shown.size > this.capacity) this.shown.delete(this.shown.keys().next().value!);
    return Promise.resolve(chosen.id);
  }
}
