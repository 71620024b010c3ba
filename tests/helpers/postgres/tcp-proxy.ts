/**
 * A TCP relay in front of the test cluster, to take the server away from a
 * client and bring it back without stopping the run's shared cluster:
 * `away()` closes the listening port and cuts every relayed connection (the
 * server sees each session end, the client sees its connection lost);
 * `back()` listens again on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `url` with the proxy's host and port instead of the server's. */
  through(url: string): string;
  away(): Promise<void>;
  back(): Promise<void>;
  close(): Promise<void>;
}

/** A relay on a free loopback port to `127.0.0.1:targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const server = connect(targetPort, '127.0.0.1');
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(server).pipe(client);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  };
  let listener: Server = createServer(relay);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => resolve((listener.address() as { port: number }).port));
    });
  const port = await listen(0);
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    listener.close(() => resolve());
  });
  return {
    through(url: string) {
      const u = new URL(url);
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    },
    away: stop,
    async back() {
      listener = createServer(relay);
      await listen(port);
    },
    close: stop,
  };
}
