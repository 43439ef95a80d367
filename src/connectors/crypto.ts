import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { envelopeKey, open, seal, type Keyring } from '../crypto/envelope.ts';
import { readOrCreateKeyFile } from '../crypto/key-file.ts';

/**
 * Credentials and webhook secrets at rest, in the shared envelope (src/crypto/envelope.ts),
 * under their own keys: BATON_SECRET_KEY (current) and BATON_SECRET_PREVIOUS_KEYS (retired,
 * still decrypt), or for the embedded single-node demo a key file generated in the data folder
 * (docs/connectors.md). The row (workspace and vendor, or webhook) is bound as context, so a
 * ciphertext copied to another row does not decrypt.
 */
export class SecretBox {
  private constructor(private readonly keyring: Keyring) {}

  static fromKey(key: Buffer, previous: Buffer[] = []): SecretBox {
    return new SecretBox({ current: envelopeKey(key), previous: previous.map(envelopeKey) });
  }

  seal(plain: string, aad: string): string {
    return seal(plain, this.keyring, aad);
  }

  open(sealed: string, aad: string): string {
    return open(sealed, this.keyring, aad);
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('BATON_SECRET_KEY must be 32 bytes (64 hex characters, or base64)');
  return key;
}

/** BATON_SECRET_PREVIOUS_KEYS: comma-separated retired keys. */
const parseKeys = (list: string | undefined): Buffer[] =>
  (list ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map(parseKey);

export const KEY_FILE = 'secret.key';

/**
 * The box for this process. With BATON_SECRET_KEY set it is used (and checked at boot). Without
 * it, the embedded database gets a key file in its data folder, created on first need with mode
 * 0600; a real Postgres (several nodes) refuses, since each node would invent its own key.
 */
export function secretBoxProvider(opts: {
  secretKey?: string;
  previousKeys?: string;
  dataDir: string;
  databaseUrl?: string;
}): () => Promise<SecretBox> {
  const previous = parseKeys(opts.previousKeys);
  if (opts.secretKey) {
    const box = SecretBox.fromKey(parseKey(opts.secretKey), previous);
    return async () => box;
  }
  let pending: Promise<SecretBox> | null = null;
  return () => {
    if (opts.databaseUrl) return Promise.reject(new Error('set BATON_SECRET_KEY to store credentials when DATABASE_URL is used'));
    pending ??= readOrCreateKeyFile(join(opts.dataDir, KEY_FILE), () => randomBytes(32).toString('hex'))
      .then(({ text }) => SecretBox.fromKey(parseKey(text), previous))
      .catch((err: unknown) => {
        pending = null;
        throw err;
      });
    return pending;
  };
}
