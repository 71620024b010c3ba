import type { z } from 'zod';
import { catalogSchema, type Catalog } from './catalog-schema.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * Validates a catalog file's text. The error names the file, the episode
 * (index, id and title) and the field, e.g.
 * `data/episodes.json: episode #3 "omar-marrero" (Omar Marrero): chapters[1].startSeconds: ...`.
 * Never returns a partly valid catalog.
 */
export function parseCatalog(text: string, fileName: string): Result<Catalog> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const lines = parsed.error.issues.slice(0, 5).map((issue) => describeIssue(issue, json, fileName));
  const more = parsed.error.issues.length > 5 ? `\n(and ${parsed.error.issues.length - 5} more problems)` : '';
  return fail(lines.join('\n') + more);
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown, fileName: string): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (path[0] === 'episodes' && typeof path[1] === 'number') {
    const episode = (json as { episodes: Array<Record<string, unknown>> }).episodes[path[1]];
    const id = typeof episode?.id === 'string' ? ` "${episode.id}"` : '';
    const title = typeof episode?.title === 'string' ? ` (${episode.title})` : '';
    const field = formatPath(path.slice(2)) || '(the episode itself)';
    return `${fileName}: episode #${path[1] + 1}${id}${title}: ${field}: ${issue.message}`;
  }
  return `${fileName}: ${formatPath(path) || '(top level)'}: ${issue.message}`;
}

function formatPath(path: Array<string | number>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}
