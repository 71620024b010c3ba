/** A short excerpt around the words that matched, with where those words stand in it. */
export interface Snippet {
  source: 'description' | 'transcript';
  text: string;
  /** [start, end) offsets into `text` of each matched word, for renderers to emphasise. */
  highlights: Array<[number, number]>;
}

