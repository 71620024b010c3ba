/** One `podcast:transcript` tag of an item: where a transcript is and what it says it is. */
export interface TranscriptSource {
  url: string;
  /** The declared MIME type (`text/vtt`, `application/x-subrip`, `application/json`, `text/html`, `text/plain`), if any. */
  type: string | null;
  language: string | null;
  /** `captions` marks a closed-captions file. */
  rel: string | null;
}
