import type { Link, Podcast } from '../../core/model/catalog-schema.ts';
import { htmlToText, inlineText } from '../html/html-to-text.ts';
import { httpUrlOrNull } from './http-url.ts';
import { attrOf, child, childText, children, firstChildText, textOf } from './xml-node.ts';
import type { XmlValue } from './xml-node.ts';

/** Channel artwork: `itunes:image@href`, else RSS `<image><url>`. */
export function channelImage(channel: XmlValue): string | null {
  const itunes = child(channel, 'itunes:image');
  return httpUrlOrNull(attrOf(itunes, 'href') ?? textOf(itunes)) ?? httpUrlOrNull(childText(child(channel, 'image'), 'url'));
}

function channelLinks(channel: XmlValue): Link[] {
  const urls = children(channel, 'link').map((l) => httpUrlOrNull(textOf(l))).filter((u) => u !== null);
  return [...new Set(urls)].map((url) => ({ label: 'Website', url }));
}

function publisherOf(channel: XmlValue): string | null {
  const raw = childText(channel, 'itunes:author') ?? childText(child(channel, 'itunes:owner'), 'itunes:name');
  const name = raw === null ? '' : inlineText(raw);
  return name === '' ? null : name;
}

/**
 * Podcast metadata from `<channel>`: title (falling back to `fallbackTitle`
 * when missing, noted in `notes`), plain-text description, publisher
 * (`itunes:author`, else `itunes:owner/itunes:name`), language, image, link.
 */
export function channelToPodcast(channel: XmlValue, fallbackTitle: string, notes: string[]): Podcast {
  const rawTitle = firstChildText(channel, ['title', 'itunes:title']);
  let title = rawTitle === null ? '' : inlineText(rawTitle);
  if (title === '') {
    title = fallbackTitle;
    notes.push(`channel has no title; using "${fallbackTitle}"`);
  }
  const description = firstChildText(channel, ['description', 'itunes:summary', 'itunes:subtitle']);
  return {
    title,
    description: description === null ? '' : htmlToText(description),
    publisher: publisherOf(channel),
    language: childText(channel, 'language'),
    imageUrl: channelImage(channel),
    links: channelLinks(channel),
  };
}
