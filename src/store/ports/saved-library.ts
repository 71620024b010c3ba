/** A saved library as stored: its format version, a stamp of what it was built from, and the body. */
export interface SavedLibraryEntry {
  version: number;
  stamp: string;
  body: string;
}

/** Saved libraries by name (the episode index, to start again without re-indexing); the format is the library's business. */
export interface SavedLibraryRepository {
  /** The entry saved under `name`, if any. */
  get(name: string): Promise<SavedLibraryEntry | undefined>;
  /** Saves `entry` under `name`, replacing what was there. */
  put(name: string, entry: SavedLibraryEntry): Promise<void>;
}
