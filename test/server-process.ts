/**
 * The platform as a separate process, started as `npm start` starts it (the build in dist/, no TypeScript loader;
 * `npm test` builds it when stale), for tests and benchmarks that need a real process: start-up, a second start
 * refused, a crash (kill -9) and a restart, load from another process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** Its base URL once it printed "ready at …"; rejects if it exits or takes longer than `ms`. */
  ready(ms?: number): Promise<string>;
}

export function startServer(env: Record<string, string>): ServerProcess {
  if (!existsSync(join(ROOT, 'dist/server/main.js'))) throw new Error('The server is not built: run `npm run build:server` (npm test does it)');
  let out = '';
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const ready = async (ms = 90_000) => {
    await waitFor(() => /ready at (http:\/\/localhost:\d+)/.test(out) || child.exitCode !== null || child.signalCode !== null, ms);
    const url = /ready at (http:\/\/localhost:\d+)/.exec(out)?.[1];
    if (!url) throw new Error(`the server did not start:\n${out}`);
    return url;
  };
  return { child, output: () => out, exited, ready };
}

export async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!pred()) {
    if (performance.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
