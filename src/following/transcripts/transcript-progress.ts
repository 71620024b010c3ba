import type { TranscriptProgress } from './transcript-queue.ts';

/** "transcripts: 12 of 249 episodes (237 waiting, 1 to retry)". */
export function progressLine(p: TranscriptProgress): string {
  const more = [p.waiting > 0 ? `${p.waiting} waiting` : '', p.retrying > 0 ? `${p.retrying} to retry` : '', p.failed > 0 ? `${p.failed} given up` : ''].filter(Boolean);
  return `transcripts: ${p.done} of ${p.listed} episodes${more.length > 0 ? ` (${more.join(', ')})` : ''}${p.idle ? '' : ' …'}`;
}

