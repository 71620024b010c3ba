import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A podcast as the directory double lists it. */
export interface DirectoryEntry {
  collectionId: number;
  collectionName: string;
  artistName: string;
  feedUrl?: string;
  artworkUrl600?: string;
}

/** A local double of Apple's iTunes Search API: `GET /search?term=…` (podcasts whose name contains every word) and `GET /lookup?id=…`. */
export interface DirectoryDouble {
  /** The base URL, for PODCAST_DIRECTORY_URL. */
  url: string;
  /** Every request's path and query. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the directory double on 127.0.0.1 with these podcasts. */
export async function startDirectoryDouble(entries: DirectoryEntry[]): Promise<DirectoryDouble> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const words = (url.searchParams.get('term') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const results =
      url.pathname === '/search'
        ? entries.filter((e) => words.length > 0 && words.every((w) => e.collectionName.toLowerCase().includes(w))).slice(0, Number(url.searchParams.get('limit') ?? 50))
        : url.pathname === '/lookup'
          ? entries.filter((e) => String(e.collectionId) === url.searchParams.get('id'))
          : null;
    if (!results) {
      res.writeHead(404).end();
      return;
    }
    const body = results.map((e) => ({ wrapperType: 'track', kind: 'podcast', trackCount: 10, ...e }));
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(JSON.stringify({ resultCount: body.length, results: body }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
