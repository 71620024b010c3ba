import type { Episode } from '../model/catalog-schema.ts';
import { tokenizeWithOffsets } from '../model/text.ts';

/**
 * Words that make two episodes look alike without being a shared topic:
 * conversational filler, show-notes boilerplate, and words so broad that
 * "Also about …" them says nothing ("technology"). The catalog's own such
 * words (its show's title, its series' names) are added by {@link Recommender};
 * words in most episodes are never distinctive anyway.
 */
export const NOT_TOPICS = new Set(
  ('yeah yes okay oh um uh laugh unintelligible kind actually really think know like right mean well get got going go ' +
    'make made see saw say said one two three back new time times work working start started little bit good great sure ' +
    'different folks guess maybe pretty joined join talk talks chat chats welcome tell today thing things stuff way lot ' +
    'want need people something everything anything someone everybody much many us let lets thats theres youre ive ' +
    'dont im weve theyre were whats doesnt didnt isnt cant wont also even still just now then very able around ' +
    'lessons learned introduction intro outro tips advice episode episodes highlights topics include currently ' +
    'excited about guest guests host hosts twitter podcast show things links transcript hey ' +
    'awesome cool amazing interesting definitely absolutely probably basically obviously first last next year years ' +
    'because never always ever other others another look looks looking days day idea ideas point points better best ' +
    'non able again against already although among anyone anyway came come comes coming could done each either else ' +
    'enough every few give given goes gone happen happened having here however instead keep kept know knew less made ' +
    'might must nothing often own part place put quite rather same seem should since small sort take taken talked ' +
    'than thank thanks though thought through together try trying turn under until use used using usually want wanted ' +
    'way ways whether while whole within without wonder world yet notes director engineer engineers company companies ' +
    'important doing makes person down up out past beginning ended end help history technology technologies tech ' +
    'software industry career journey story stories experience experiences team teams role roles senior lead principal ' +
    'head chief founder cofounder ceo cto vp manager advocate developer developers inc llc corp corporation')
    .split(' '),
);

/** An episode's texts that name its topics, with their weights. */
export function topicTexts(ep: Episode, headline: number): Array<[string, number]> {
  return [
    [ep.title, headline],
    ...ep.chapters.map((c): [string, number] => [c.title, headline]),
    ...ep.guests.map((g): [string, number] => [g.org ?? '', headline]),
    [ep.description, 1],
  ];
}

/** Joins chosen words that stand together in the episode's own text ("chaos", "engineering" → "Chaos Engineering"), as written there. */
export function phrases(ep: Episode, chosen: readonly string[]): string[] {
  const wanted = new Set(chosen);
  const runs: Array<{ terms: string[]; text: string }> = [];
  const surface = new Map<string, string>();
  for (const [text] of topicTexts(ep, 1)) {
    let run: Array<{ term: string; start: number; end: number }> = [];
    const close = () => {
      if (run.length > 1) runs.push({ terms: run.map((t) => t.term), text: text.slice(run[0]!.start, run[run.length - 1]!.end) });
    };
    for (const tok of tokenizeWithOffsets(text)) {
      if (wanted.has(tok.term) && !surface.has(tok.term)) surface.set(tok.term, text.slice(tok.start, tok.end));
      if (wanted.has(tok.term) && !run.some((t) => t.term === tok.term)) {
        run.push(tok);
        continue;
      }
      close();
      run = wanted.has(tok.term) ? [tok] : [];
    }
    close();
  }
  const used = new Set<string>();
  const out: string[] = [];
  for (const term of chosen) {
    if (used.has(term)) continue;
    const run = runs.find((r) => r.terms.includes(term) && r.terms.every((w) => !used.has(w)));
    (run?.terms ?? [term]).forEach((w) => used.add(w));
    out.push(run ? run.text : surface.get(term) ?? term);
  }
  return out;
}

/** The one-line reason: "Also with …; also about …; also talks about …" for what there is; '' when nothing. */
export function reasonLine(sharedGuests: readonly string[], topics: readonly string[], talked: readonly string[]): string {
  const parts = [
    ...(sharedGuests.length > 0 ? [`with ${sharedGuests.join(' and ')}`] : []),
    ...(topics.length > 0 ? [`about ${topics.join(', ')}`] : []),
    ...(talked.length > 0 ? [`talks about ${talked.join(', ')}`] : []),
  ];
  const line = parts.map((p) => `also ${p}`).join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
