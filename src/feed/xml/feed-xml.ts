import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProcessEntitiesOptions, X2jOptions } from 'fast-xml-parser';
import { doctypeEntityProblem, MAX_DOCTYPE_ENTITIES, MAX_ENTITY_VALUE_LENGTH } from './doctype-guard.ts';
import { describeXmlError } from './xml-errors.ts';
import type { ValidatorError } from './xml-errors.ts';
import { canonicaliseNamespaces } from './xml-namespaces.ts';
import { ATTR_PREFIX } from './xml-node.ts';
import type { XmlNode } from './xml-node.ts';
import { hasLateDoctype, looksLikeHtml, readProlog } from './xml-prolog.ts';
import { fail, ok, type Result } from '../../core/model/result.ts';

/** Default cap on references to DOCTYPE-declared entities expanded in one feed. */
export const DEFAULT_MAX_ENTITY_EXPANSIONS = 1_000;

/** Most characters DOCTYPE entity expansion may add to a feed. */
const MAX_EXPANDED_LENGTH = 100_000;

/** Elements that may repeat, always returned as arrays (matched on the local name). */
const REPEATABLE = new Set(['item', 'enclosure', 'person', 'category', 'transcript', 'chapters', 'link']);


/**
 * Entity handling. `appliesTo: 'external'` (an option fast-xml-parser 5.12
 * accepts, see src/xmlparser/OptionsBuilder.js normalizeProcessEntities, but
 * does not declare in its types) makes the limits count only entities declared
 * in the document's DOCTYPE, so feeds with thousands of `&amp;` are unaffected.
 */
function entityOptions(maxExpansions: number): ProcessEntitiesOptions {
  const options: ProcessEntitiesOptions & { appliesTo: 'external' } = {
    enabled: true,
    maxEntityCount: MAX_DOCTYPE_ENTITIES,
    maxEntitySize: MAX_ENTITY_VALUE_LENGTH,
    maxTotalExpansions: maxExpansions,
    maxExpandedLength: MAX_EXPANDED_LENGTH,
    appliesTo: 'external',
  };
  return options;
}

function parserOptions(maxExpansions: number): X2jOptions {
  return {
    ignoreAttributes: false,
    attributeNamePrefix: ATTR_PREFIX,
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: entityOptions(maxExpansions),
    htmlEntities: true,
    isArray: (tagName) => REPEATABLE.has(tagName.slice(tagName.indexOf(':') + 1)),
  };
}

/** The caller's expansion limit, defaulted when missing or NaN; at least 1 (fast-xml-parser's minimum). */
function expansionLimit(requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return DEFAULT_MAX_ENTITY_EXPANSIONS;
  return Math.max(1, Math.floor(requested));
}

/** Drops a byte-order mark and whitespace before the first `<`; reports how many lines went. */
function stripLeading(xml: string): { text: string; lineOffset: number } {
  const withoutBom = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  const text = withoutBom.replace(/^\s+/, '');
  const stripped = withoutBom.slice(0, withoutBom.length - text.length);
  return { text, lineOffset: stripped.split('\n').length - 1 };
}

/** Checks that need no parsing: empty, not markup at all, an HTML page, a dangerous DOCTYPE. */
function precheck(text: string): string | null {
  if (text === '') return 'is empty';
  if (!text.startsWith('<')) {
    const start = JSON.stringify(text.slice(0, 20));
    return `is not XML (it starts with ${start} instead of "<")`;
  }
  const prolog = readProlog(text);
  if (looksLikeHtml(prolog)) return 'is an HTML page, not RSS';
  if (hasLateDoctype(text, prolog.rootIndex)) return 'has a DOCTYPE inside the document (XML allows one only before the root element)';
  return doctypeEntityProblem(prolog.doctype);
}

function parseError(error: unknown, maxExpansions: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/expansion count limit/i.test(message)) {
    return `expands DOCTYPE entities more than ${maxExpansions} times (a possible entity-expansion attack)`;
  }
  if (/expanded content length/i.test(message)) {
    return `expands DOCTYPE entities to more than ${MAX_EXPANDED_LENGTH} characters (a possible entity-expansion attack)`;
  }
  if (/nested tags/i.test(message)) return 'nests elements too deeply to be a feed';
  return `could not be parsed as XML: ${message.split('\n')[0]}`;
}

/**
 * Turns feed text into an XML tree with canonical namespace prefixes, or (an
 * expected failure) a problem phrase meant to follow `Feed "name" ` in an
 * error message.
 */
export function readFeedXml(xml: string, maxEntityExpansions?: number): Result<XmlNode> {
  const maxExpansions = expansionLimit(maxEntityExpansions);
  const { text, lineOffset } = stripLeading(xml);
  const early = precheck(text);
  if (early !== null) return fail(early);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const err = validation.err as ValidatorError;
    return fail(`is not valid XML: ${describeXmlError(err, text, lineOffset)}`);
  }
  try {
    const parsed = new XMLParser(parserOptions(maxExpansions)).parse(text) as XmlNode;
    return ok(canonicaliseNamespaces(parsed));
  } catch (error) {
    return fail(parseError(error, maxExpansions));
  }
}
