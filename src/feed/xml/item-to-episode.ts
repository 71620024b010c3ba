import type { EpisodeInput } from '../../core/model/catalog-schema.ts';
import { chaptersFromText } from '../chapters/description-chapters.ts';
import { parseDuration } from './duration.ts';
import { htmlToText, inlineText } from '../html/html-to-text.ts';
import { httpUrlOrNull } from './http-url.ts';
import { podcastPeople } from './podcast-people.ts';
import type { People } from './podcast-people.ts';
import { podloveChapters } from '../chapters/podlove-chapters.ts';
import { parsePubDate } from './pub-date.ts';
import { stableEpisodeId } from './stable-id.ts';
import type { TranscriptSource } from '../../core/model/transcript-source.ts';
import { attrOf, child, children, childText, firstChildText, textOf } from './xml-node.ts';
import type { XmlValue } from './xml-node.ts';

/** Channel-level values items fall back to. */
export interface ItemContext {
  imageUrl: string | null;
  people: People;
}

/** An item turned into an unvalidated episode, plus what the catalog has no field for. */
export interface MappedItem {
  episode: EpisodeInput;
  chaptersUrl: string | null;
  /** Every `podcast:transcript` with an http(s) URL, in feed order (src/feed/transcripts/ picks one). */
  transcripts: TranscriptSource[];
  notes: string[];
}

/** First enclosure URL, preferring one the catalog can store (http/https). */
function enclosureUrl(item: XmlValue): string | null {
  const urls = children(item, 'enclosure').map((e) => attrOf(e, 'url')).filter((u) => u !== null);
  return urls.find((u) => httpUrlOrNull(u) !== null) ?? urls[0] ?? null;
}

function firstUrlAttr(item: XmlValue, tag: string, attr: string): string | null {
  for (const element of children(item, tag)) {
    const url = httpUrlOrNull(attrOf(element, attr));
    if (url !== null) return url;
  }
  return null;
}

function transcriptSources(item: XmlValue): TranscriptSource[] {
  const out: TranscriptSource[] = [];
  for (const element of children(item, 'podcast:transcript').slice(0, 20)) {
    const raw = attrOf(element, 'url')?.trim() ?? '';
    // http(s), or (resolved later against a local feed's folder, see resolve-transcript-url.ts) a file: URL or relative path.
    const url = httpUrlOrNull(raw) ?? (/^file:/i.test(raw) || (raw !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(raw)) ? raw : null);
    if (url === null || out.some((s) => s.url === url)) continue;
    out.push({ url, type: attrOf(element, 'type'), language: attrOf(element, 'language'), rel: attrOf(element, 'rel') });
  }
  return out;
}

function nonNegativeInt(text: string | null): number | null {
  return text !== null && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function imageOf(item: XmlValue, fallback: string | null): string | null {
  const image = child(item, 'itunes:image');
  return httpUrlOrNull(attrOf(image, 'href') ?? textOf(image)) ?? fallback;
}

/** Show notes as plain text: content:encoded, else description, else itunes:summary. */
function descriptionOf(item: XmlValue): string {
  const html = firstChildText(item, ['content:encoded', 'description', 'itunes:summary', 'itunes:subtitle']);
  return html === null ? '' : htmlToText(html);
}

function titleOf(item: XmlValue, publishedAt: string | null, notes: string[]): string {
  const raw = firstChildText(item, ['title', 'itunes:title']);
  const title = raw === null ? '' : inlineText(raw);
  if (title !== '') return title;
  const fallback = publishedAt === null ? 'Untitled episode' : `Untitled episode (${publishedAt.slice(0, 10)})`;
  notes.push(`has no title; using "${fallback}"`);
  return fallback;
}

function peopleOf(item: XmlValue, context: ItemContext): People {
  const own = podcastPeople(item);
  return own.hosts.length + own.guests.length > 0 ? own : context.people;
}

/** Maps one RSS `<item>` to catalog episode fields (validated by the caller). */
export function itemToEpisode(item: XmlValue, context: ItemContext): MappedItem {
  const notes: string[] = [];
  const guid = childText(item, 'guid');
  const rawPubDate = childText(item, 'pubDate');
  const publishedAt = parsePubDate(rawPubDate);
  if (rawPubDate !== null && publishedAt === null) notes.push(`has an unreadable pubDate "${rawPubDate}"`);
  const audio = enclosureUrl(item);
  const link = childText(item, 'link');
  const title = titleOf(item, publishedAt, notes);
  const description = descriptionOf(item);
  const psc = podloveChapters(item);
  const { hosts, guests } = peopleOf(item, context);
  const episode: EpisodeInput = {
    id: stableEpisodeId({ guid, audioUrl: audio, link, title: childText(item, 'title'), pubDate: rawPubDate }),
    guid,
    title,
    series: attrOf(child(item, 'podcast:season'), 'name'),
    hosts,
    guests,
    publishedAt,
    durationSeconds: parseDuration(childText(item, 'itunes:duration')),
    description,
    chapters: psc.length > 0 ? psc : chaptersFromText(description),
    episodeUrl: httpUrlOrNull(link),
    transcriptUrl: firstUrlAttr(item, 'podcast:transcript', 'url'),
    audioUrl: httpUrlOrNull(audio),
    imageUrl: imageOf(item, context.imageUrl),
    season: nonNegativeInt(firstChildText(item, ['itunes:season', 'podcast:season'])),
    episodeNumber: nonNegativeInt(firstChildText(item, ['itunes:episode', 'podcast:episode'])),
  };
  return { episode, chaptersUrl: firstUrlAttr(item, 'podcast:chapters', 'url'), transcripts: transcriptSources(item), notes };
}
