import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const VERSION = 'v1';

/**
 * AES-256-GCM envelopes for credentials at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * The key comes from BATON_SECRET_KEY, or for the embedded single-node demo from a key file
 * generated in the data folder (docs/connectors.md). The workspace id is bound as associated
 * data, so a ciphertext copied to another workspace's row does not decrypt.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('BATON_SECRET_KEY must be 32 bytes (64 hex characters, or base64)');
    return new SecretBox(key);
  }

  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, aad: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('BATON_SECRET_KEY must be 32 bytes (64 hex characters, or base64)');
  return key;
}

export const KEY_FILE = 'secret.key';

/**
 * The box for this process. With BATON_SECRET_KEY set it is used (and checked at boot). Without
 * it, the embedded database gets a key file in its data folder, created on first need with mode
 * 0600; a real Postgres (several nodes) refuses, since each node would invent its own key.
 */
export function secretBoxProvider(opts: { secretKey?: string; dataDir: string; databaseUrl?: string }): () => Promise<SecretBox> {
  if (opts.secretKey) {
    const box = SecretBox.fromKey(parseKey(opts.secretKey));
    return async () => box;
  }
  let pending: Promise<SecretBox> | null = null;
  return () => {
    if (opts.databaseUrl) return Promise.reject(new Error('set BATON_SECRET_KEY to store credentials when DATABASE_URL is used'));
    pending ??= loadOrCreateKeyFile(join(opts.dataDir, KEY_FILE)).catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}

async function loadOrCreateKeyFile(path: string): Promise<SecretBox> {
  try {
    return SecretBox.fromKey(parseKey(await readFile(path, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process wrote meanwhile.
  try {
    await writeFile(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return SecretBox.fromKey(parseKey(await readFile(path, 'utf8')));
  }
  return SecretBox.fromKey(key);
}
