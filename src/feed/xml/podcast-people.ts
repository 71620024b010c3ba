import type { Person } from '../../core/model/catalog-schema.ts';
import { inlineText } from '../html/html-to-text.ts';
import { attrOf, children, textOf } from './xml-node.ts';
import type { XmlValue } from './xml-node.ts';

/** Hosts and guests named by `podcast:person` tags. */
export interface People {
  hosts: Person[];
  guests: Person[];
}

/**
 * Reads `podcast:person` tags of an item or channel. The role attribute decides
 * the list: "host" → hosts, "guest" → guests; a missing role means "host" (the
 * Podcasting 2.0 default). Other roles (editor, cover art designer...) are not
 * hosts or guests and are left out. `href`/`img` are ignored; org is null.
 * `itunes:author` is deliberately not read here: it names the show, not a guest.
 */
export function podcastPeople(node: XmlValue | undefined): People {
  const people: People = { hosts: [], guests: [] };
  for (const tag of children(node, 'podcast:person')) {
    const name = inlineText(textOf(tag));
    const role = (attrOf(tag, 'role') ?? 'host').toLowerCase();
    if (name === '' || (role !== 'host' && role !== 'guest')) continue;
    const person: Person = { name, role, org: null, handle: null };
    (role === 'host' ? people.hosts : people.guests).push(person);
  }
  return people;
}
