/**
 * An exclusive lock that is dropped the moment its holder's process dies,
 * even by `kill -9` (a file lock the OS releases, a database session lock):
 * whoever can take it knows the previous holder is gone, so a lease can be
 * taken over at once instead of waiting for it to expire.
 */
export interface LivenessLock {
  /** Why the lock cannot be used here, if so (then it is never taken). */
  readonly problem: string | null;
  /** Whether this process holds the lock. */
  readonly locked: boolean;
  /** Takes the lock if no live process holds it; true when this process holds it now. Never waits for another holder. */
  tryLock(): Promise<boolean>;
  /** Lets the lock go (another process may take it at once). */
  unlock(): Promise<void>;
  /** Unlocks and frees what the lock uses. */
  close(): Promise<void>;
}
