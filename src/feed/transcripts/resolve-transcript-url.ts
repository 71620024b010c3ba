import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where a transcript URL of a feed points: relative URLs against the feed.
 * Local files (`file:` URLs, paths) are allowed only for a feed that is a
 * local file itself (a demo): a feed on the web never makes the bot read
 * this machine's files. Null when not allowed or unreadable.
 */
export function resolveTranscriptUrl(feedUrl: string, url: string): string | null {
  const feedIsWeb = /^https?:\/\//i.test(feedUrl.trim());
  if (/^https?:\/\//i.test(url)) return url;
  if (feedIsWeb) {
    if (HAS_SCHEME.test(url)) return null;
    try {
      return new URL(url, feedUrl.trim()).href;
    } catch {
      return null;
    }
  }
  try {
    const feedPath = /^file:/i.test(feedUrl) ? fileURLToPath(feedUrl) : feedUrl;
    if (/^file:/i.test(url)) return fileURLToPath(url);
    if (HAS_SCHEME.test(url)) return null;
    return isAbsolute(url) ? url : resolve(dirname(feedPath), url);
  } catch {
    return null;
  }
}
