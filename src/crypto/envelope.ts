import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * The one AES-256-GCM envelope for secrets at rest (PII vault states, connector credentials,
 * webhook signing secrets): a random 96-bit nonce, and the id of the sealing key written into
 * the ciphertext, so keys rotate: new data is sealed with the current key, old data still opens
 * with the retired keys kept for decrypting. Format (docs/pii.md, docs/connectors.md):
 *   v1.<key id>.<nonce>.<ciphertext>.<tag>   all base64url
 * The header ("v1.<key id>") is authenticated, plus an optional context (e.g. the row a secret
 * belongs to), so a ciphertext moved under another key id or to another row does not open.
 */

export interface EnvelopeKey {
  /** Short public id derived from the key, written into each ciphertext. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: EnvelopeKey;
  /** Keys that may still decrypt but never encrypt. */
  previous: EnvelopeKey[];
}

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const FORMAT = 'v1';

/** A key from its 32 bytes; its id is a hash prefix, so ids never leak keys. */
export function envelopeKey(key: Buffer): EnvelopeKey {
  if (key.length !== 32) throw new EnvelopeError(`a key must be 32 bytes, got ${key.length} bytes`);
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
}

const associated = (header: string, context?: string) => Buffer.from(context === undefined ? header : `${header}.${context}`);

/** Seals a string with the ring's current key, bound to `context` when given. */
export function seal(plaintext: string, keyring: Keyring, context?: string): string {
  const { id, key } = keyring.current;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associated(`${FORMAT}.${id}`, context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, id, nonce.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/**
 * Opens a sealed string with whichever key of the ring sealed it; throws if tampered, sealed
 * for another context, or no key of the ring has its id. Also opens the older credentials
 * format without a key id, `v1.<nonce>.<tag>.<ciphertext>` bound to the context alone, by
 * trying each key of the ring (rows written before the envelope was shared).
 */
export function open(sealed: string, keyring: Keyring, context?: string): string {
  const parts = sealed.split('.');
  const keys = [keyring.current, ...keyring.previous];
  if (parts.length === 4 && parts[0] === FORMAT && context !== undefined) {
    const [, nonce, tag, body] = parts as [string, string, string, string];
    for (const { key } of keys) {
      try {
        return decipher(key, nonce, body, tag, Buffer.from(context));
      } catch {
        // another key of the ring may have sealed it
      }
    }
    throw new EnvelopeError('ciphertext failed authentication (tampered, wrong key or wrong row)');
  }
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new EnvelopeError('not a sealed secret');
  const [format, id, nonce, body, tag] = parts as [string, string, string, string, string];
  const entry = keys.find((k) => k.id === id);
  if (!entry) throw new EnvelopeError(`no key with id ${id} in the keyring`);
  try {
    return decipher(entry.key, nonce, body, tag, associated(`${format}.${id}`, context));
  } catch (cause) {
    throw new EnvelopeError('ciphertext failed authentication (tampered, wrong key or wrong row)', { cause });
  }
}

function decipher(key: Buffer, nonce: string, body: string, tag: string, aad: Buffer): string {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  d.setAAD(aad);
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
}

/** The key id a ciphertext was sealed with (undefined for the older format): finds rows to re-seal. */
export function keyIdOf(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
}

/** Re-seals with the current key (rotation); a no-op if it already is. */
export function reseal(sealed: string, keyring: Keyring, context?: string): string {
  return keyIdOf(sealed) === keyring.current.id ? sealed : seal(open(sealed, keyring, context), keyring, context);
}
