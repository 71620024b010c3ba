import { toAnswerEpisode } from './answer-episode.ts';
import { emptyAnswer, type Answer } from './answer.ts';
import type { Episode } from '../model/catalog-schema.ts';
import { truncate } from '../model/text.ts';

/** Longest description excerpt in an announcement. */
const EXCERPT_LENGTH = 600;

/**
 * The post announcing a new episode: the episode in full (linked title,
 * guests, date, duration, description excerpt, chapters) and a "Similar
 * episodes" button. Platform-neutral, like every answer.
 */
export function announcementAnswer(episode: Episode, podcastTitle: string, showImageUrl: string | null = null): Answer {
  const answer = emptyAnswer('announcement', `New episode of ${podcastTitle}`);
  const shown = toAnswerEpisode(episode, 1);
  shown.summary = truncate(episode.description.replace(/\s+/g, ' ').trim(), EXCERPT_LENGTH);
  shown.chapters = episode.chapters;
  if (!shown.url) shown.url = episode.audioUrl;
  if (!shown.imageUrl && showImageUrl) shown.imageUrl = showImageUrl;
  answer.episodes = [shown];
  answer.ref = { command: 'show', arg: episode.id, page: 0 };
  answer.actions = [{ kind: 'similar', label: 'Similar episodes', ref: { command: 'similar', arg: episode.id, page: 0 } }];
  return answer;
}
