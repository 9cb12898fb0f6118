/**
 * A TCP relay in front of the PostgreSQL server, to make the database unreachable and reachable again: `cut()`
 * drops every connection and refuses new ones (as a stopped server does), `restore()` lets them through again.
 */
import net from 'node:net';
import { after } from 'node:test';

export async function databaseRelay(databaseUrl: string): Promise<{ url: string; cut(): void; restore(): void }> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let up = true;
  const relay = net.createServer((client) => {
    if (!up) return client.destroy();
    const server = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(server);
    client.pipe(server).pipe(client);
    const drop = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  after(() => relay.close());
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((relay.address() as net.AddressInfo).port);
  return {
    url: relayed.toString(),
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
  };
}
