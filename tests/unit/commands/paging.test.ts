import { describe, expect, it } from 'vitest';
import { encodeActionRef } from '../../../src/core/answers/action-ref.ts';
import type { ActionRef } from '../../../src/core/answers/answer.ts';
import { pageCount, pageItems, pageSlice, rankOn } from '../../../commands/paging.ts';
import { PAGE_SIZE } from '../../../commands/types.ts';
import { CONSOLE, testDispatcher } from '../../helpers/bot.ts';

describe('pageSlice: the one paging rule', () => {
  it('reads the page asked for as a whole number from 0', () => {
    expect(pageSlice(2)).toEqual({ page: 2, offset: 2 * PAGE_SIZE, size: PAGE_SIZE });
    expect(pageSlice(-3).page).toBe(0);
    expect(pageSlice(Number.NaN).page).toBe(0);
    expect(pageSlice(1.9).page).toBe(1);
  });

  it('clamps to the last page when the total is known, page 0 when there is nothing', () => {
    expect(pageSlice(99, 17)).toEqual({ page: 3, offset: 15, size: PAGE_SIZE });
    expect(pageSlice(3, 15).page).toBe(2);
    expect(pageSlice(5, 0).page).toBe(0);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(15)).toBe(3);
    expect(pageCount(16)).toBe(4);
  });

  it('slices the page and ranks its results in the whole list', () => {
    const all = Array.from({ length: 12 }, (_, i) => i);
    const last = pageSlice(7, all.length);
    expect(pageItems(all, last)).toEqual([10, 11]);
    expect(rankOn(last, 0)).toBe(11);
  });
});

describe('every paged command pages the same way', () => {
  const made = testDispatcher();
  const press = async (ref: ActionRef) => (await (await made).dispatcher.action(encodeActionRef(ref)!, CONSOLE)).answer;
  const refs: ActionRef[] = [
    { command: 'episode', arg: 'chaos', page: 0 },
    { command: 'episode', arg: '', page: 0 },
    { command: 'latest', arg: '', page: 0 },
    { command: 'guest', arg: 'Taylor Dolezal', page: 0 },
  ];

  it.each(refs)('$command "$arg": a page past the end shows the last page, ranked in the whole list', async (ref) => {
    const first = await press(ref);
    const total = first.paging!.total;
    const lastPage = Math.ceil(total / PAGE_SIZE) - 1;

    const past = await press({ ...ref, page: 999 });
    expect(past.paging).toEqual({ page: lastPage, pageSize: PAGE_SIZE, total, pageCount: lastPage + 1 });
    expect(past.ref?.page).toBe(lastPage);
    expect(past.episodes.map((e) => e.rank)).toEqual(Array.from({ length: total - lastPage * PAGE_SIZE }, (_, i) => lastPage * PAGE_SIZE + i + 1));
    expect(past.actions.some((a) => a.kind === 'next')).toBe(false);
    expect(past.actions.some((a) => a.kind === 'previous')).toBe(lastPage > 0);
  });
});
