import { PAGE_SIZE } from './types.ts';

/** One page of a result list: its number and where it starts. */
export interface PageSlice {
  /** Zero-based page number. */
  page: number;
  /** Index of the page's first result in the whole list. */
  offset: number;
  /** Results per page ({@link PAGE_SIZE}). */
  size: number;
}

/** How many pages `total` results fill (at least one, so "page 1 of 1" when there are none). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/**
 * The page asked for, as a slice: a whole number from 0 (anything else, a
 * negative, NaN or fraction from an old or forged button, reads as page 0 or
 * rounds down), and, when `total` is known, at most the last page (a button
 * from before the catalog shrank shows the last page, not an empty one).
 */
export function pageSlice(requested: number, total?: number): PageSlice {
  const asked = Math.max(0, Math.floor(requested) || 0);
  const page = total === undefined ? asked : Math.min(asked, pageCount(total) - 1);
  return { page, offset: page * PAGE_SIZE, size: PAGE_SIZE };
}

/** The results of `slice` out of the whole list. */
export function pageItems<T>(all: readonly T[], slice: PageSlice): T[] {
  return all.slice(slice.offset, slice.offset + slice.size);
}

/** The 1-based rank in the whole list of the `index`-th result of the page. */
export function rankOn(slice: PageSlice, index: number): number {
  return slice.offset + index + 1;
}
