/** A value in the parsed XML tree: text, an element object, or repeated elements. */
export type XmlValue = string | XmlNode | XmlValue[];

/** An element: child elements by name, attributes under `@_name`, text under `#text`. */
export interface XmlNode {
  [key: string]: XmlValue;
}

/** Prefix fast-xml-parser puts before attribute names (see feed-xml.ts). */
export const ATTR_PREFIX = '@_';

/** Key fast-xml-parser uses for an element's text when it also has attributes. */
export const TEXT_KEY = '#text';

/** True when the value is an element object (not text, not a list). */
export function isNode(value: XmlValue | undefined): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** All occurrences of child element `name`, whether it appeared once or many times. */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first occurrence of child element `name`, if any. */
export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  return children(node, name)[0];
}

/** The text of an element (CDATA included), untrimmed; '' when it has none. */
export function textOf(value: XmlValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) {
    const text = value[TEXT_KEY];
    return typeof text === 'string' ? text : '';
  }
  return '';
}

/** An attribute of an element, trimmed; null when absent or blank. */
export function attrOf(value: XmlValue | undefined, name: string): string | null {
  if (!isNode(value)) return null;
  const raw = value[ATTR_PREFIX + name];
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/** The trimmed text of the first non-blank child element `name`; null when none has text. */
export function childText(node: XmlValue | undefined, name: string): string | null {
  for (const value of children(node, name)) {
    const text = textOf(value).trim();
    if (text !== '') return text;
  }
  return null;
}

/** The first non-null result of `childText` over several candidate names. */
export function firstChildText(node: XmlValue | undefined, names: readonly string[]): string | null {
  for (const name of names) {
    const text = childText(node, name);
    if (text !== null) return text;
  }
  return null;
}
