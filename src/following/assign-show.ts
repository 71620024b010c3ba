import type { Episode } from '../core/model/catalog-schema.ts';
import { showScopedId } from '../core/model/show-key.ts';
import type { TranscriptSource } from '../core/model/transcript-source.ts';

/** What the store knows of an episode's show (see EpisodeRepository.showOf). */
export interface ShowLookup {
  showOf(id: string): Promise<string | null | undefined>;
}

/** A feed's episodes marked with their show, and ids kept apart from other shows' episodes. */
export interface AssignedEpisodes {
  episodes: Episode[];
  /** Transcript files per (final) episode id. */
  transcripts: Record<string, TranscriptSource[]>;
  /** Old id → new id, for items whose guid another show already uses. */
  renamed: Map<string, string>;
}

/**
 * Marks each episode with its show. An episode whose id is already stored
 * for another show (two feeds sharing a guid) gets an id of its own,
 * derived from the show and the old id, so neither show loses an episode.
 * Episodes stored before shows existed (no show) are taken over by the
 * first feed that lists them.
 */
export async function assignShow(
  episodes: readonly Episode[],
  showKey: string,
  transcripts: Readonly<Record<string, TranscriptSource[]>>,
  store: ShowLookup,
  onCollision: (id: string, otherShow: string) => void,
): Promise<AssignedEpisodes> {
  const renamed = new Map<string, string>();
  const out: Episode[] = [];
  const sources: Record<string, TranscriptSource[]> = {};
  for (const ep of episodes) {
    const owner = await store.showOf(ep.id);
    let id = ep.id;
    if (owner && owner !== showKey) {
      id = showScopedId(showKey, ep.id);
      renamed.set(ep.id, id);
      onCollision(ep.id, owner);
    }
    out.push({ ...ep, id, show: showKey });
    const files = transcripts[ep.id];
    if (files) sources[id] = files;
  }
  return { episodes: out, transcripts: sources, renamed };
}
