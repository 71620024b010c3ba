import type { Episode } from './catalog-schema.ts';
import type { SparseVector } from './term-vectors.ts';

/** Which episodes (by position, newest first) each guest and host is on; names compared case-insensitively. */
export class PeopleSlots {
  private readonly guests = new Map<string, number[]>();
  private readonly hosts = new Map<string, number[]>();

  constructor(newestFirst: readonly Episode[] = []) {
    newestFirst.forEach((ep, slot) => {
      for (const g of ep.guests) note(this.guests, g.name, slot);
      for (const h of ep.hosts) note(this.hosts, h.name, slot);
    });
  }

  /** Positions of the episodes with this guest, each once. */
  withGuest(name: string): readonly number[] {
    return this.guests.get(name.toLowerCase()) ?? [];
  }

  /** Positions of the episodes with this host, each once. */
  withHost(name: string): readonly number[] {
    return this.hosts.get(name.toLowerCase()) ?? [];
  }
}

function note(index: Map<string, number[]>, name: string, slot: number): void {
  const key = name.toLowerCase();
  const slots = index.get(key);
  if (!slots) index.set(key, [slot]);
  else if (slots[slots.length - 1] !== slot) slots.push(slot);
}

/** For each word, the episodes whose vector has it and with what weight: cosines without comparing every pair. */
export class InvertedVectors {
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly weights: Float64Array;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;

  constructor(bySlot: ReadonlyArray<SparseVector | undefined>, terms: number) {
    const counts = new Uint32Array(terms + 1);
    for (const v of bySlot) if (v) for (const id of v.ids) counts[id]! += 1;
    this.offsets = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) this.offsets[t + 1] = this.offsets[t]! + counts[t]!;
    this.slots = new Int32Array(this.offsets[terms]!);
    this.weights = new Float64Array(this.offsets[terms]!);
    const cursor = this.offsets.slice(0, terms);
    bySlot.forEach((v, slot) => {
      if (!v) return;
      v.ids.forEach((id, i) => {
        const at = cursor[id]!++;
        this.slots[at] = slot;
        this.weights[at] = v.values[i]!;
      });
    });
    this.acc = new Float64Array(bySlot.length);
    this.touched = new Int32Array(bySlot.length);
  }

  /**
   * The `limit` best episodes for `source` (position `skip` left out): dot
   * product with each vector sharing a word, plus each bonus (positions, amount)
   * once per listing; scores above 0 only, ties to the lower position.
   */
  top(source: SparseVector, skip: number, bonuses: ReadonlyArray<readonly [readonly number[], number]>, limit: number): Array<[number, number]> {
    const { acc, touched, offsets, slots, weights } = this;
    let n = 0;
    const ids = source.ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id + 1 >= offsets.length) continue;
      const w = source.values[i]!;
      for (let k = offsets[id]!; k < offsets[id + 1]!; k++) {
        const slot = slots[k]!;
        if (acc[slot] === 0) touched[n++] = slot;
        acc[slot]! += w * weights[k]!;
      }
    }
    for (const [others, bonus] of bonuses) {
      for (const slot of others) {
        if (acc[slot] === 0) touched[n++] = slot;
        acc[slot]! += bonus;
      }
    }
    const best: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const slot = touched[i]!;
      const score = acc[slot]!;
      acc[slot] = 0;
      if (slot === skip || !(score > 0)) continue;
      if (best.length === limit && (score < best[limit - 1]![1] || (score === best[limit - 1]![1] && slot > best[limit - 1]![0]))) continue;
      best.push([slot, score]);
      best.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      if (best.length > limit) best.pop();
    }
    return best;
  }
}
