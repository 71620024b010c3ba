/**
 * Most entity declarations a feed's DOCTYPE may carry. Real podcast feeds
 * declare none (at most an RSS 0.91 DOCTYPE without an internal subset).
 */
export const MAX_DOCTYPE_ENTITIES = 20;

/** Longest replacement text accepted for one declared entity, in characters. */
export const MAX_ENTITY_VALUE_LENGTH = 1_000;

const ENTITY_DECL = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s*(SYSTEM|PUBLIC)?\s*("[^"]*"|'[^']*')?/gi;

interface EntityDecl {
  name: string;
  parameter: boolean;
  external: boolean;
  value: string;
}

function declarations(doctype: string): EntityDecl[] {
  const found: EntityDecl[] = [];
  for (const m of doctype.matchAll(ENTITY_DECL)) {
    found.push({
      name: m[2]!,
      parameter: m[1] !== undefined,
      external: m[3] !== undefined,
      value: (m[4] ?? '').slice(1, -1),
    });
    if (found.length > MAX_DOCTYPE_ENTITIES) break;
  }
  return found;
}

function problemWith(decl: EntityDecl): string | null {
  if (decl.parameter) return `declares a parameter entity "%${decl.name}", which is not allowed`;
  if (decl.external) return `declares an external entity "${decl.name}", which is not allowed`;
  if (decl.value.includes('&')) {
    return `declares entity "${decl.name}" that refers to other entities (a possible "billion laughs" entity bomb)`;
  }
  if (decl.value.length > MAX_ENTITY_VALUE_LENGTH) {
    return `declares entity "${decl.name}" of ${decl.value.length} characters (limit ${MAX_ENTITY_VALUE_LENGTH})`;
  }
  return null;
}

/**
 * Checks the entity declarations in a DOCTYPE before any expansion happens.
 * Returns a problem phrase ("declares 30 entities ...") or null when safe.
 * fast-xml-parser would silently drop nested entities; we refuse them loudly.
 */
export function doctypeEntityProblem(doctype: string | null): string | null {
  if (doctype === null || !/<!ENTITY/i.test(doctype)) return null;
  const decls = declarations(doctype);
  if (decls.length > MAX_DOCTYPE_ENTITIES) {
    return `declares more than ${MAX_DOCTYPE_ENTITIES} entities in its DOCTYPE (a possible entity-expansion attack)`;
  }
  for (const decl of decls) {
    const problem = problemWith(decl);
    if (problem !== null) return problem;
  }
  return null;
}
