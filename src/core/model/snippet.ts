/** A short excerpt around the words that matched, with where those words stand in it. */
export interface Snippet {
  source: 'description' | 'transcript';
  text: string;
  /** [start, end) offsets into `text` of each matched word, for renderers to emphasise. */
  highlights: Array<[number, number]>;
  /** For a transcript quote: when it was said (seconds from the start), if the transcript is timed. */
  startSeconds?: number | null;
  /** For a transcript quote: who said it, if the transcript names speakers. */
  speaker?: string | null;
}

