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

/** A URL as shown in messages: any password is masked, since messages end up in logs and chats. */
export function displayUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/** A raw source string with any `//user:password@` password masked. */
export function maskCredentials(source: string): string {
  return source.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/, '$1***@');
}

/** `Feed "<url>"`, plus where the redirects started when the URL was reached by redirects. */
export function feedLabel(current: URL, original: URL): string {
  const label = `Feed "${displayUrl(current)}"`;
  return current.href === original.href ? label : `${label} (redirected from "${displayUrl(original)}")`;
}
