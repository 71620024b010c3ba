import { linkSchema } from '../core/catalog-schema.ts';

const httpUrlSchema = linkSchema.shape.url;

/**
 * The URL normalised by WHATWG URL parsing (so stray spaces get percent-encoded)
 * when it is an http(s) URL the catalog schema accepts; otherwise null.
 */
export function httpUrlOrNull(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || !/^https?:\/\//i.test(value)) return null;
  let href: string;
  try {
    href = new URL(value).href;
  } catch {
    return null;
  }
  return httpUrlSchema.safeParse(href).success ? href : null;
}
