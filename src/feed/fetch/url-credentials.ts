/** A URL without its user-info, and the `Authorization` header the user-info stood for. */
export interface SplitUrl {
  url: URL;
  authorization: string | null;
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Moves `https://user:pass@host/feed` credentials into a Basic `Authorization` header:
 * undici's `fetch` refuses URLs that contain credentials, and private podcast feeds use them.
 */
export function splitCredentials(url: URL): SplitUrl {
  if (url.username === '' && url.password === '') return { url, authorization: null };
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  const token = Buffer.from(`${decoded(url.username)}:${decoded(url.password)}`, 'utf8').toString('base64');
  return { url: bare, authorization: `Basic ${token}` };
}
