/**
 * Media files on disk, addressed by the SHA-256 of their content: `root/ab/cd/abcd…` (two levels of 256
 * folders keep each directory small). The same bytes are stored once, whoever sends them; a stored file never
 * changes (its name is its hash), which is also what lets an officer trust that an original is intact (R-6.1b).
 *
 * Writes are atomic: the bytes go to a temporary file in the final folder, are fsynced, then renamed to the
 * final name (rename within one folder is atomic on POSIX file systems), and the folder is fsynced so the
 * rename itself survives a power cut. A crash at any point leaves either no file or the whole file under the
 * final name, never part of one. It may leave a `.tmp-*` file behind; those never match a content name and can
 * be swept by age.
 *
 * Every hash is checked to be 64 lower-case hex characters before any path is built from it, so a caller can
 * pass a value from a URL without opening a path-traversal hole.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSha256Hex, sha256Hex } from './hash.ts';

export class InvalidContentAddressError extends Error {
  constructor() {
    super('Not a content address: expected 64 lower-case hexadecimal characters');
    this.name = 'InvalidContentAddressError';
  }
}

export interface PutResult {
  sha256: string;
  size: number;
  /** False when the same content was already stored (two puts racing on new content may both say true). */
  created: boolean;
}

export class FileContentStore {
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = resolve(rootDir);
  }

  /** Stores the bytes under their SHA-256; storing the same bytes again is a no-op. */
  async put(bytes: Uint8Array): Promise<PutResult> {
    const sha256 = sha256Hex(bytes);
    const size = bytes.byteLength;
    const final = this.pathOf(sha256);
    if (await exists(final)) return { sha256, size, created: false };

    const dir = this.dirOf(sha256);
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const temp = join(dir, `.tmp-${sha256.slice(0, 8)}-${randomBytes(8).toString('hex')}`);
    try {
      // 0o640: originals hold personal data (EXIF GPS); only the server's user and group may read them.
      const file = await open(temp, 'wx', 0o640);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      // Two concurrent puts of the same bytes both rename; the second replaces identical content atomically.
      await rename(temp, final);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDir(dir);
    return { sha256, size, created: true };
  }

  /** The stored bytes, or null when nothing is stored under that address. */
  async get(sha256: string): Promise<Buffer | null> {
    const path = this.pathOf(sha256);
    try {
      return await readFile(path);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  /** The file's path, e.g. for streaming it; throws InvalidContentAddressError for anything but a SHA-256. */
  pathOf(sha256: string): string {
    return join(this.dirOf(sha256), sha256);
  }

  private dirOf(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new InvalidContentAddressError();
    return join(this.rootDir, sha256.slice(0, 2), sha256.slice(2, 4));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Makes a rename in `dir` durable. Some platforms cannot fsync a directory (EISDIR/EINVAL/EPERM): best effort there. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  } finally {
    await handle?.close();
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
