import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RandomDeck } from '../../../commands/random-deck.ts';
import { storeDeckMemory } from '../../../src/app/store-deck.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';

const open: SqliteStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describe('/random decks kept in the store', () => {
  it('two processes drawing in one channel go through one deck: no episode twice until all were shown', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'episode-bot-deck-')), 'bot.db');
    const a = SqliteStore.open(file);
    const b = SqliteStore.open(file);
    open.push(a, b);
    const decks = [new RandomDeck(storeDeckMemory(a)), new RandomDeck(storeDeckMemory(b))];
    const ids = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    const drawn: string[] = [];
    for (let i = 0; i < 6; i++) drawn.push((await decks[i % 2]!.draw('slack:C1', ids, () => 0))!);
    expect([...drawn].sort()).toEqual(ids);
    const next = await decks[0]!.draw('slack:C1', ids, () => 0);
    expect(next).not.toBe(drawn.at(-1)); // a new round, not starting with the last one shown
    expect(await a.randomDecks.shown('slack:C1')).toEqual([next]);
    expect(await decks[1]!.draw('slack:C2', ids, () => 0)).toBe('e1'); // another channel, its own deck
  });
});
