/**
 * Personal data at rest: CCCD, phone and e-mail are stored encrypted with AES-256-GCM, and
 * looked up through an HMAC-SHA-256 blind index. Both keys are derived (HKDF) from one configured master key,
 * so the index cannot be used to decrypt and the cipher key is never used for hashing.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VERSION = 'v1';

export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII master key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ihanoi pii encryption', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ihanoi pii blind index', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh random IV each time. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unrecognised sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic index of an already normalised value (same input → same index). */
  blindIndex(kind: string, normalised: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}\u0000${normalised}`).digest('base64url');
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
}

/**
 * The configured key, or — outside production — a development key generated once into the data folder
 * (the README warns to set PII_KEY in production; losing the key makes stored identities unreadable).
 */
export function resolvePiiKey(configured: string | undefined, dataDir: string, env: string): { key: Buffer; generated: boolean; path?: string } {
  if (configured) return { key: parseKey(configured), generated: false };
  if (env === 'production') throw new Error('PII_KEY must be set in production (32 bytes, hex or base64)');
  const path = join(dataDir, 'pii-dev.key');
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8')), generated: false, path };
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600 });
  return { key, generated: true, path };
}
