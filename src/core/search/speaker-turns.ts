/** A stretch of a transcript said by one speaker: [start, end) offsets, the words from `bodyStart` (after the "Name: " label). */
export interface SpeakerTurn {
  start: number;
  bodyStart: number;
  end: number;
  speaker: string | null;
}

/** A name word: a capital then letters ("Jason", "O’Brien", "Jean-Luc", "JASON", "Dr."), or a name particle. */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}.'’-]*|van|von|de|da|di|du|del|der|la|le|el|al|bin|ibn)`;
/**
 * "Jason: ", "Jérôme Petazzoni: ", ">> Omar: ", "- Omar: " at the start of a
 * line: a speaker's turn begins. One to five name words, the first a capital.
 */
const LABEL = new RegExp(String.raw`(?<=^|\n)[ \t]*(?:>>[ \t]*|[-–—][ \t]+)?(\p{Lu}[\p{L}\p{M}.'’-]*(?:[ \t]+${NAME_WORD}){0,4})[ \t]*:[ \t]+(?=\S)`, 'gu');
/** Words that start a line with a colon but are notes, not people ("Note: …", "Update: …"). */
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'nb', 'ps', 'p.s.', 'edit', 'update', 'updated', 'correction', 'warning', 'caution', 'disclaimer',
  'important', 'reminder', 'tip', 'hint', 'example', 'summary', 'transcript', 'source', 'sources', 'links', 'link',
  'resources', 'chapters', 'timestamps', 'topics', 'sponsor', 'sponsors', 'ad', 'advertisement', 'music', 'intro',
  'outro', 'bonus', 'spoiler', 'fun fact', 'trivia', 'quote', 'definition', 'see also', 'tl;dr', 'tldr', 'fyi', 'todo',
]);

function isSpeaker(label: string): boolean {
  return !NOT_SPEAKERS.has(label.toLowerCase());
}

/**
 * The speakers' turns of a transcript text, in order: a turn starts at a
 * "Name: " label at the start of a line (a note such as "Note: " or a time
 * such as "10:30" is not a label). Text before the first label is said by
 * `leadSpeaker` (the segment's speaker, as the transcript file gave it),
 * unless the text itself begins with that speaker's label, which was then
 * read from the text and is judged here like any other.
 */
export function speakerTurns(text: string, leadSpeaker: string | null): SpeakerTurn[] {
  const labels: Array<{ start: number; bodyStart: number; speaker: string }> = [];
  for (const m of text.matchAll(LABEL)) {
    const speaker = m[1]!.replace(/\s+/g, ' ').trim();
    if (isSpeaker(speaker)) labels.push({ start: m.index, bodyStart: m.index + m[0].length, speaker });
  }
  const lead = leadSpeaker?.trim() || null;
  const fromText = lead !== null && text.trimStart().startsWith(`${lead}:`);
  const turns: SpeakerTurn[] = [];
  const firstStart = labels[0]?.start ?? text.length;
  if (text.slice(0, firstStart).trim() !== '') turns.push({ start: 0, bodyStart: 0, end: firstStart, speaker: fromText ? null : lead });
  labels.forEach((l, i) => turns.push({ ...l, end: labels[i + 1]?.start ?? text.length }));
  return turns;
}
