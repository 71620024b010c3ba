import type { Episode } from './catalog-schema.ts';
import type { AnswerEpisode } from './answer.ts';
import { truncate } from './text.ts';

/** Longest summary an answer carries; renderers may cut further. */
export const SUMMARY_LENGTH = 300;

/** Turns an episode into what an answer shows, with optional match details. */
export function toAnswerEpisode(
  ep: Episode,
  rank: number,
  extra: Partial<Pick<AnswerEpisode, 'chapter' | 'snippet' | 'reason'>> = {},
): AnswerEpisode {
  return {
    id: ep.id,
    title: ep.title,
    url: ep.episodeUrl ?? ep.transcriptUrl ?? ep.audioUrl ?? null,
    audioUrl: ep.audioUrl,
    guests: ep.guests.map((g) => g.name),
    hosts: ep.hosts.map((h) => h.name),
    publishedAt: ep.publishedAt,
    durationSeconds: ep.durationSeconds,
    summary: truncate(ep.description.replace(/\s+/g, ' ').trim(), SUMMARY_LENGTH),
    chapter: extra.chapter ?? null,
    snippet: extra.snippet ?? null,
    reason: extra.reason ?? null,
    rank,
    chapters: [],
  };
}
