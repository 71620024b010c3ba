/** How many channels (or users) a deck remembers; the least recently served is forgotten first. */
const DEFAULT_CAPACITY = 10_000;

/**
 * What `/random` has shown in each place (a channel, or a user where there
 * is no channel), so no episode comes again until every other one has: a
 * shuffled deck per place, drawn with the injected randomness.
 */
export class RandomDeck {
  /** Places in the order they were last served (a Map keeps insertion order), so the oldest is forgotten first. */
  private readonly shown = new Map<string, Set<string>>();

  /** `capacity`: places remembered (default 10,000). */
  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Draws one of `ids` not yet shown in `place`; once all have been, starts
   * again (never with the one just shown, when there are others).
   * `random` returns a number in [0, 1).
   */
  draw(place: string, ids: readonly string[], random: () => number): string | undefined {
    if (ids.length === 0) return undefined;
    let seen = this.shown.get(place) ?? new Set<string>();
    let left = ids.filter((id) => !seen.has(id));
    if (left.length === 0) {
      const last = [...seen].at(-1);
      seen = new Set();
      left = ids.length > 1 ? ids.filter((id) => id !== last) : [...ids];
    }
    const id = left[Math.min(left.length - 1, Math.floor(random() * left.length))]!;
    seen.add(id);
    this.shown.delete(place);
    this.shown.set(place, seen);
    if (this.shown.size > this.capacity) this.shown.delete(this.shown.keys().next().value!);
    return id;
  }
}
