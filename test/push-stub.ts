/**
 * A local stand-in for a push service (FCM, Mozilla autopush …) for the web push tests and benchmark: accepts
 * RFC 8030 POSTs at /push/<name>, records them, and answers each name with the statuses it was told to (then
 * 201). Never a real push service.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface PushStub {
  url: string;
  received: { name: string; headers: IncomingHttpHeaders; bytes: number }[];
  /** The next answers for a name (e.g. [410] or [429, 201]); afterwards 201. */
  answer(name: string, statuses: number[]): void;
  /** A PushSubscription (as the browser's toJSON() gives it) whose endpoint is this stub. */
  subscription(name: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  close(): Promise<void>;
}

export async function startPushStub(): Promise<PushStub> {
  const received: PushStub['received'] = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      received.push({ name, headers: req.headers, bytes });
      const status = answers.get(name)?.shift() ?? 201;
      res.writeHead(status, status === 429 ? { 'retry-after': '1' } : {});
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    received,
    answer: (name, statuses) => answers.set(name, [...statuses]),
    subscription: (name) => {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      return { endpoint: `${url}/push/${encodeURIComponent(name)}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
