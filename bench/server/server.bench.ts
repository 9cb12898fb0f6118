/**
 * The platform as it runs (issue 9): start-up time to ready on the embedded database (a first start that migrates
 * and seeds Hanoi, then a start on the existing folder), resident memory after the start and under load, and
 * requests/s over HTTP from a load generator (autocannon) in this process against the server in its own process,
 * beside a bare Fastify server in its own process answering a fixed body of the same size — the same-run
 * baseline. The server is started as `npm start` starts it: the build in dist/ (built here when stale).
 *
 *   node --import tsx bench/server/server.bench.ts [--quick]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer, type ServerProcess } from '../../test/server-process.ts';
import { runWhenMain } from '../standalone.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function timedStart(env: Record<string, string>): Promise<{ server: ServerProcess; url: string; seconds: number }> {
  const started = performance.now();
  const server = startServer(env);
  const url = await server.ready(180_000);
  return { server, url, seconds: (performance.now() - started) / 1000 };
}

interface Load {
  perSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
}

/** autocannon against `url` for `seconds`, sampling the server's memory meanwhile. */
async function load(url: string, seconds: number, pid: number, headers: Record<string, string> = {}): Promise<Load> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  try {
    const r = await autocannon({ url, connections: 32, duration: seconds, headers });
    return { perSecond: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, peakRssMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** A bare Fastify server in its own process answering `body` at /fixed; resolves with its URL. */
async function bareServer(body: string): Promise<{ url: string; stop: () => void }> {
  const code = `
    const Fastify = require('fastify');
    const body = process.env.BODY;
    const app = Fastify();
    app.get('/fixed', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
    app.listen({ port: 0, host: '127.0.0.1' }).then((a) => console.log('listening ' + a));`;
  const child = spawn(process.execPath, ['-e', code], { cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening (\S+)/.exec(String(d));
      if (m) resolve(m[1] as string);
    });
    child.on('exit', () => reject(new Error('the bare server stopped')));
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { cwd: new URL('../..', import.meta.url).pathname, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the server did not build');
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-bench-server-'));
  const env = { DATABASE_URL: '', DATA_DIR: dir, SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };
  const seconds = opts.quick ? 5 : 20;
  let server: ServerProcess | undefined;
  let bare: { url: string; stop: () => void } | undefined;
  try {
    const first = await timedStart(env);
    first.server.child.kill('SIGTERM');
    await first.server.exited;
    const again = await timedStart(env);
    server = again.server;
    const pid = server.child.pid!;
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = rssMb(pid);

    const list = `${again.url}/api/v1/public/reports?limit=20`;
    const body = await (await fetch(list)).text();
    const health = await load(`${again.url}/healthz`, seconds, pid);
    const reports = await load(list, seconds, pid);
    const open311 = await load(`${again.url}/open311/v2/requests.json?page_size=20`, seconds, pid);
    bare = await bareServer(body);
    const baseline = await load(`${bare.url}/fixed`, seconds, pid);

    const pct = (x: number) => `${((x / baseline.perSecond) * 100).toFixed(1)} %`;
    const row = (label: string, r: Load) =>
      `${label.padEnd(44)} ${n(r.perSecond).padStart(7)} req/s  ${pct(r.perSecond).padStart(7)} of bare  p99 ${String(r.p99).padStart(4)} ms  non-2xx ${r.non2xx}  errors ${r.errors}  peak RSS ${n(r.peakRssMb)} MB`;
    return {
      name: 'server: start-up, memory and HTTP load against the server process (embedded PGlite, demo data)',
      lines: [
        `start-up to ready, empty folder (migrations, Hanoi reference data, demo accounts)   ${first.seconds.toFixed(1)} s`,
        `start-up to ready, existing folder                                                 ${again.seconds.toFixed(1)} s`,
        `resident memory after the start                                                    ${n(idleRss)} MB`,
        `autocannon, 32 connections, ${seconds} s each, from another process:`,
        row('GET /healthz', health),
        row(`GET /api/v1/public/reports?limit=20 (${n(body.length)} B)`, reports),
        row('GET /open311/v2/requests.json?page_size=20', open311),
        `${'bare Fastify process, fixed body of the list’s size'.padEnd(44)} ${n(baseline.perSecond).padStart(7)} req/s  p99 ${baseline.p99} ms`,
      ],
    };
  } finally {
    bare?.stop();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await runWhenMain(import.meta.url, run);
