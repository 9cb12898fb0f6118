import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileContentStore, InvalidContentAddressError } from './content-store.ts';

const roots: string[] = [];
after(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function freshStore(): Promise<FileContentStore> {
  const root = await mkdtemp(join(tmpdir(), 'ihanoi-media-'));
  roots.push(root);
  return new FileContentStore(root);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder, relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

test('R-6.1b put stores the bytes under root/ab/cd/<sha256> and get returns them unchanged', async () => {
  const store = await freshStore();
  const bytes = Buffer.from('ảnh hiện trường');
  const put = await store.put(bytes);
  const h = sha(bytes);
  assert.deepEqual(put, { sha256: h, size: bytes.length, created: true });
  assert.deepEqual(await filesUnder(store.rootDir), [join(h.slice(0, 2), h.slice(2, 4), h)]);
  assert.equal(store.pathOf(h), join(store.rootDir, h.slice(0, 2), h.slice(2, 4), h));
  assert.deepEqual(await store.get(h), bytes);
  assert.equal(await store.has(h), true);
});

test('absent content: get is null and has is false', async () => {
  const store = await freshStore();
  const h = sha(Buffer.from('never stored'));
  assert.equal(await store.get(h), null);
  assert.equal(await store.has(h), false);
});

test('putting the same bytes again is a no-op: created false, the file untouched', async () => {
  const store = await freshStore();
  const bytes = Buffer.from('same photo sent twice');
  const first = await store.put(bytes);
  const before = await stat(store.pathOf(first.sha256));
  const second = await store.put(Buffer.from(bytes));
  assert.deepEqual(second, { ...first, created: false });
  const afterPut = await stat(store.pathOf(first.sha256));
  assert.equal(afterPut.ino, before.ino);
  assert.equal(afterPut.mtimeMs, before.mtimeMs);
  assert.equal((await filesUnder(store.rootDir)).length, 1);
});

test('concurrent puts of the same and of different bytes all land whole, once each, with no temp file left', async () => {
  const store = await freshStore();
  const a = Buffer.alloc(2_000_000, 1);
  const b = Buffer.alloc(2_000_000, 2);
  const results = await Promise.all([store.put(a), store.put(a), store.put(b), store.put(a), store.put(b)]);
  assert.deepEqual(new Set(results.map((r) => r.sha256)), new Set([sha(a), sha(b)]));
  const files = await filesUnder(store.rootDir);
  assert.deepEqual(files, [join(sha(a).slice(0, 2), sha(a).slice(2, 4), sha(a)), join(sha(b).slice(0, 2), sha(b).slice(2, 4), sha(b))].sort());
  assert.deepEqual(await store.get(sha(a)), a);
  assert.deepEqual(await store.get(sha(b)), b);
});

test('an empty file has a content address too', async () => {
  const store = await freshStore();
  const put = await store.put(Buffer.alloc(0));
  assert.equal(put.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.deepEqual(await store.get(put.sha256), Buffer.alloc(0));
});

test('R-14 anything but 64 lower-case hex is refused before the file system is touched (no path traversal)', async () => {
  const store = await freshStore();
  // A file outside the store that a traversal would reach.
  const secret = join(store.rootDir, '..', `secret-${Date.now()}`);
  roots.push(secret);
  await writeFile(secret, 'do not serve');
  const hostile = [
    '../../../../etc/passwd',
    `../${secret.split('/').pop()}`,
    'a'.repeat(63),
    'a'.repeat(65),
    'A'.repeat(64),
    `${'a'.repeat(62)}/x`,
    `${'a'.repeat(63)}\0`,
    `${'a'.repeat(60)}%2e%2e`,
    '',
  ];
  for (const bad of hostile) {
    await assert.rejects(store.get(bad), InvalidContentAddressError, JSON.stringify(bad));
    await assert.rejects(store.has(bad), InvalidContentAddressError, JSON.stringify(bad));
    assert.throws(() => store.pathOf(bad), InvalidContentAddressError, JSON.stringify(bad));
  }
  assert.deepEqual(await readdir(store.rootDir), [], 'no folder was created for a refused address');
});

test('R-6.1b a stored file is whole or absent, even when the writer is killed -9 mid-write', async () => {
  const store = await freshStore();
  const child = new URL('./fixtures/put-and-report.ts', import.meta.url).pathname;
  const size = 48 * 1024 * 1024;
  const outcomes: string[] = [];
  // Kill as soon as the temp file appears (mid-write), a little later (during write or fsync), and after "stored".
  for (const [seed, killAfter] of [[1, 0], [2, 0], [3, 15], [4, 'stored']] as const) {
    const bytes = Buffer.alloc(size, seed);
    const h = sha(bytes);
    const dir = join(store.rootDir, h.slice(0, 2), h.slice(2, 4));
    const proc = spawn(process.execPath, ['--import', 'tsx', child, store.rootDir, String(size), String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve, reject) => {
      proc.on('exit', () => resolve());
      proc.on('error', reject);
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    if (killAfter === 'stored') {
      while (!out.includes('stored') && proc.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    } else {
      const tempExists = async () => (await readdir(dir).catch(() => [])).some((n) => n.startsWith('.tmp-'));
      while (!(await tempExists()) && proc.exitCode === null) await new Promise((r) => setImmediate(r));
      if (killAfter) await new Promise((r) => setTimeout(r, killAfter));
    }
    proc.kill('SIGKILL');
    await exited;

    const final = store.pathOf(h);
    const leftovers = (await filesUnder(store.rootDir)).filter((f) => f.startsWith(join(h.slice(0, 2), h.slice(2, 4), '.tmp-')));
    if (existsSync(final)) {
      assert.equal(sha(await readFile(final)), h, `seed ${seed}: the file under the final name is whole`);
      assert.equal(await store.has(h), true);
      outcomes.push('whole');
    } else {
      assert.equal(await store.get(h), null);
      outcomes.push(leftovers.length > 0 ? 'interrupted' : 'absent');
    }
    // Whatever was left behind is only ever a temp file, never a wrong file under a content name.
    for (const f of await filesUnder(store.rootDir)) {
      const name = f.split('/').pop() ?? '';
      if (/^[0-9a-f]{64}$/.test(name)) assert.equal(sha(await readFile(join(store.rootDir, f))), name, f);
      else assert.match(name, /^\.tmp-/, f);
    }
    // A later put of the same bytes completes whatever the crash interrupted.
    assert.equal((await store.put(bytes)).created, outcomes.at(-1) !== 'whole');
    assert.equal(sha((await store.get(h)) ?? Buffer.alloc(0)), h);
  }
  assert.equal(outcomes.at(-1), 'whole', 'killed after "stored": the file is there');
  assert.ok(outcomes.includes('interrupted'), `a kill landed mid-write, leaving only a temp file, at least once (${outcomes.join(', ')})`);
});
