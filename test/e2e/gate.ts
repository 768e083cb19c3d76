import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the server that can be shut: shut, it cuts every open connection and
 * every new one at once, as a server that is down or out of reach would look to the tablet — to
 * its page and to its service worker alike (Chromium's offline emulation covers the page only).
 */
export interface Gate {
  url: string;
  shut(): void;
  open(): void;
  close(): Promise<void>;
}

/** Bytes the relay passed: `up` from the tablet to the server, `down` back. */
export type OnBytes = (direction: 'up' | 'down', bytes: number) => void;

export function startGate(target: string, onBytes?: OnBytes): Promise<Gate> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let shut = false;
  const cutAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const server: Server = createServer((client) => {
    if (shut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    if (onBytes) {
      client.on('data', (d: Buffer) => onBytes('up', d.length));
      upstream.on('data', (d: Buffer) => onBytes('down', d.length));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      ok({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        shut() {
          shut = true;
          cutAll();
        },
        open() {
          shut = false;
        },
        close: () =>
          new Promise<void>((done) => {
            cutAll();
            server.close(() => done());
          }),
      });
    });
  });
}
