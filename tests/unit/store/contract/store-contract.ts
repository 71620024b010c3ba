import { describe } from 'vitest';
import { changesContract } from './changes.ts';
import { feedsContract } from './feeds.ts';
import { followedFeedsContract } from './followed-feeds.ts';
import { leaseContract } from './lease.ts';
import { ledgerContract } from './ledger.ts';
import { savedLibraryContract } from './saved-library.ts';
import { transactionContract } from './transactions.ts';
import { transcriptStateContract } from './transcript-state.ts';
import { transcriptStoreContract } from './transcript-store.ts';
import type { OpenTestStore } from './use-store.ts';

/**
 * What every store engine must do, run against one engine: `open` gives a
 * fresh, empty store for each test. Run it once per engine (today SQLite;
 * the PostgreSQL engine joins with one more call).
 */
export function describeStoreContract(engine: string, open: OpenTestStore): void {
  describe(`the store contract on ${engine}`, () => {
    transactionContract(open);
    ledgerContract(open);
    feedsContract(open);
    followedFeedsContract(open);
    transcriptStateContract(open);
    leaseContract(open);
    savedLibraryContract(open);
    transcriptStoreContract(open);
    changesContract(open);
  });
}
