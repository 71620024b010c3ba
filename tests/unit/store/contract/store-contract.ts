import { describe } from 'vitest';
import { changesContract } from './changes.ts';
import { feedsContract } from './feeds.ts';
import { followedFeedsContract } from './followed-feeds.ts';
import { leaseContract, type LeaseClock } from './lease.ts';
import { ledgerContract } from './ledger.ts';
import { savedLibraryContract } from './saved-library.ts';
import { transactionContract } from './transactions.ts';
import { transcriptStateContract } from './transcript-state.ts';
import { transcriptStoreContract } from './transcript-store.ts';
import type { OpenTestStore } from './use-store.ts';

/**
 * What every store engine must do, run against one engine: `open` gives a
 * fresh, empty store for each test. Run it once per engine (SQLite's tests,
 * PostgreSQL's); `leaseClock`: whose clock times leases (PostgreSQL: the database's).
 */
export function describeStoreContract(engine: string, open: OpenTestStore, options: { leaseClock?: LeaseClock } = {}): void {
  describe(`the store contract on ${engine}`, () => {
    transactionContract(open);
    ledgerContract(open);
    feedsContract(open);
    followedFeedsContract(open);
    transcriptStateContract(open);
    leaseContract(open, options.leaseClock);
    savedLibraryContract(open);
    transcriptStoreContract(open);
    changesContract(open);
  });
}
