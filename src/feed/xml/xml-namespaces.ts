import { ATTR_PREFIX, isNode } from './xml-node.ts';
import type { XmlNode, XmlValue } from './xml-node.ts';

/**
 * Namespace URIs we understand, keyed by a normalised form (see `normaliseUri`),
 * mapped to the prefix the rest of the feed code uses.
 */
const KNOWN_NAMESPACES: Readonly<Record<string, string>> = {
  'www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'podcastindex.org/namespace/1.0': 'podcast',
  'github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md': 'podcast',
  'purl.org/rss/1.0/modules/content': 'content',
  'www.w3.org/2005/atom': 'atom',
  'podlove.org/simple-chapters': 'psc',
};

type Scope = ReadonlyMap<string, string>;

const XMLNS_ATTR = `${ATTR_PREFIX}xmlns:`;

function normaliseUri(uri: string): string {
  return uri.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

/** The scope seen inside `node`: the parent's bindings plus the node's own `xmlns:p` attributes. */
function scopeOf(node: XmlValue, parent: Scope): Scope {
  if (!isNode(node)) return parent;
  let scope: Map<string, string> | null = null;
  for (const key of Object.keys(node)) {
    if (!key.startsWith(XMLNS_ATTR)) continue;
    const uri = node[key];
    if (typeof uri !== 'string') continue;
    scope ??= new Map(parent);
    scope.set(key.slice(XMLNS_ATTR.length), uri);
  }
  return scope ?? parent;
}

/**
 * The name an element is known by here: a prefix bound to a known namespace
 * URI becomes its usual prefix (`it:duration` → `itunes:duration`); unbound or
 * unknown prefixes are kept as written, so undeclared `itunes:`/`podcast:` still work.
 */
function canonicalName(name: string, scope: Scope): string {
  const colon = name.indexOf(':');
  if (colon <= 0) return name;
  const uri = scope.get(name.slice(0, colon));
  const known = uri === undefined ? undefined : KNOWN_NAMESPACES[normaliseUri(uri)];
  return known === undefined ? name : `${known}:${name.slice(colon + 1)}`;
}

function append(target: XmlNode, name: string, value: XmlValue): void {
  const existing = target[name];
  if (existing === undefined) target[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[name] = [existing, value];
}

function canonicalNode(node: XmlNode, scope: Scope): XmlNode {
  const out: XmlNode = Object.create(null) as XmlNode;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith(ATTR_PREFIX) || key === '#text') {
      out[key] = value;
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    const wasList = Array.isArray(value);
    for (const item of list) {
      const itemScope = scopeOf(item, scope);
      const name = canonicalName(key, itemScope);
      const mapped = isNode(item) ? canonicalNode(item, itemScope) : item;
      if (wasList && out[name] === undefined) out[name] = [mapped];
      else append(out, name, mapped);
    }
  }
  return out;
}

/**
 * Rewrites element names so namespaced elements use their usual prefix
 * whatever prefix the feed declared (namespace declarations are honoured per
 * element, so `xmlns:itunes` re-declared on every element is fine).
 */
export function canonicaliseNamespaces(root: XmlNode): XmlNode {
  return canonicalNode(root, scopeOf(root, new Map()));
}
