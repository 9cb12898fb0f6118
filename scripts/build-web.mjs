#!/usr/bin/env node
// Builds the web app (issue 7) into web/dist with Vite, writes .br and .gz beside every text asset (the server
// sends them pre-compressed), and prints the citizen app's initial JavaScript size (budget: ≤ 200 KB gzip).
// `--if-stale`: skip the build when web/dist is newer than every file under web/ (npm start uses it).
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'web');
const dist = join(webDir, 'dist');

function files(dir, skip = () => false, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (skip(p)) continue;
    if (statSync(p).isDirectory()) files(p, skip, out);
    else out.push(p);
  }
  return out;
}

const newest = (list) => Math.max(0, ...list.map((f) => statSync(f).mtimeMs));
if (process.argv.includes('--if-stale') && existsSync(join(dist, 'index.html'))) {
  const sources = files(webDir, (p) => p === dist || p.endsWith('node_modules'));
  const inputs = [...sources, join(root, 'package-lock.json')];
  if (newest(inputs) < statSync(join(dist, 'index.html')).mtimeMs) {
    console.log('web app is up to date (web/dist)');
    process.exit(0);
  }
}

const { build } = await import('vite');
await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });

for (const f of files(dist)) {
  if (!/\.(js|css|html|svg|json|webmanifest|map)$/.test(f)) continue;
  const body = readFileSync(f);
  if (body.length < 1024) continue;
  writeFileSync(`${f}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

export function initialScripts(indexHtml) {
  // What the browser loads before the first screen: the entry script and the modules it preloads.
  return [...indexHtml.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = initialScripts(html);
const gz = initial.reduce((n, src) => n + gzipSync(readFileSync(join(dist, src))).length, 0);
console.log(`web app built into ${relative(root, dist)}: initial JavaScript ${initial.length} file(s), ${(gz / 1024).toFixed(1)} KB gzip (budget 200 KB)`);
