#!/usr/bin/env node
// Builds the server (issue 9: run as in production, not through a TypeScript loader) into dist/ with tsc
// (tsconfig.build.json) and copies the worker scripts beside their modules.
// `--if-stale`: skip the build when dist/ is newer than every source it is built from (npm start uses it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.built');

function files(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

// What the build reads: the sources of the server and the seeds (tests and their fixtures are not built).
const sources = [...files(join(root, 'server')), ...files(join(root, 'seed'))].filter((f) => !f.endsWith('.test.ts') && !f.includes('/fixtures/'));
if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const inputs = [...sources, ...['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f))];
  if (Math.max(...inputs.map((f) => statSync(f).mtimeMs)) < statSync(stamp).mtimeMs) {
    console.log('server is up to date (dist/)');
    process.exit(0);
  }
}

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('The server did not build (tsc errors above)');
  process.exit(1);
}
for (const f of sources.filter((s) => s.endsWith('.mjs'))) {
  const to = join(dist, relative(root, f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
}
writeFileSync(stamp, new Date().toISOString());
console.log(`server built into ${relative(process.cwd(), dist) || 'dist'}/`);
