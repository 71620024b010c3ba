const KIB = 1024;
const MIB = 1024 * 1024;

function trimmed(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** 10485760 → "10 MiB", 1536 → "1.5 KiB", 12 → "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${trimmed(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${trimmed(bytes / KIB)} KiB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** 10000 → "10 s", 300 → "300 ms", 90000 → "90 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${trimmed(ms / 1000)} s`;
}

/** A URL as shown in messages: any user-info (user name and password) is masked, since messages end up in logs and chats. */
export function displayUrl(url: URL): string {
  if (url.password === '' && url.username === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '';
  copy.username = '***';
  return copy.href;
}

/** A raw source string with any `//user:password@` user-info masked. */
export function maskCredentials(source: string): string {
  return safeUrl(source);
}

/** `Feed "<url>"`, plus where the redirects started when the URL was reached by redirects. */
export function feedLabel(current: URL, original: URL): string {
  const label = `Feed "${displayUrl(current)}"`;
  return current.href === original.href ? label : `${label} (redirected from "${displayUrl(original)}")`;
}

/**
 * A feed URL as logs and answers may show it: its user-info (`user:password@`,
 * often a private feed's token) replaced by `***@`; anything else as given.
 */
export function safeUrl(source: string): string {
  return source.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1***@');
}
