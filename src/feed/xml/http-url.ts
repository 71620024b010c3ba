import { linkSchema } from '../../core/model/catalog-schema.ts';

const httpUrlSchema = linkSchema.shape.url;

/**
 * A scheme-relative URL ("//cdn.example/a.mp3") is read as https.
 * The URL normalised by WHATWG URL parsing (so stray spaces get percent-encoded)
 * when it is an http(s) URL the catalog schema accepts; otherwise null.
 */
export function httpUrlOrNull(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim();
  const value = trimmed?.startsWith('//') ? `https:${trimmed}` : trimmed;
  if (!value || !/^https?:\/\//i.test(value)) return null;
  let href: string;
  try {
    href = new URL(value).href;
  } catch {
    return null;
  }
  return httpUrlSchema.safeParse(href).success ? href : null;
}
