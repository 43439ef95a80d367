import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { TokenState } from './tokens.ts';

/*
 * The vault keeps originals encrypted at rest: AES-256-GCM with a random 96-bit nonce.
 * Each ciphertext names the key that sealed it, so keys can rotate: new data is sealed
 * with the current key, old data still opens with the retired keys kept for decrypting.
 * Storage is someone else's job (the core persists sealed strings in Postgres); this
 * module is pure functions plus the interface a store implements.
 */

export interface VaultKey {
  /** Short public id derived from the key, written into each ciphertext. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: VaultKey;
  /** Keys that may still decrypt but never encrypt. */
  previous: VaultKey[];
}

export class VaultError extends Error {
  override name = 'VaultError';
}

const FORMAT = 'v1';

/** A key from its base64 form (32 bytes); its id is a hash prefix, so ids never leak keys. */
export function vaultKey(base64: string): VaultKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new VaultError(`a vault key must be 32 bytes in base64, got ${key.length} bytes`);
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
}

/** A fresh random key in base64, for set-up scripts and tests. */
export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The keyring from the environment: BATON_VAULT_KEY (current, base64 of 32 bytes) and
 * BATON_VAULT_PREVIOUS_KEYS (comma-separated, retired keys still needed to decrypt).
 */
export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  const current = env.BATON_VAULT_KEY;
  if (!current) throw new VaultError('BATON_VAULT_KEY is not set (base64 of 32 random bytes)');
  const previous = (env.BATON_VAULT_PREVIOUS_KEYS ?? '').split(',').filter((k) => k.trim() !== '').map(vaultKey);
  return { current: vaultKey(current), previous };
}

/** Seals a string: "v1.<key id>.<nonce>.<ciphertext>.<tag>", all base64url. */
export function encrypt(plaintext: string, keyring: Keyring): string {
  const { id, key } = keyring.current;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  // The header is authenticated too: moving a ciphertext under another key id fails.
  cipher.setAAD(Buffer.from(`${FORMAT}.${id}`));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, id, nonce.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Opens a sealed string with whichever key of the ring sealed it; throws if tampered. */
export function decrypt(sealed: string, keyring: Keyring): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new VaultError('not a vault ciphertext');
  const [format, id, nonce, body, tag] = parts;
  const entry = [keyring.current, ...keyring.previous].find((k) => k.id === id);
  if (!entry) throw new VaultError(`no key with id ${id} in the keyring`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(`${format}.${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new VaultError('vault ciphertext failed authentication (tampered or wrong key)', { cause });
  }
}

/** The key id a ciphertext was sealed with: lets a job find rows to re-encrypt. */
export function keyIdOf(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
}

/** Re-seals with the current key (rotation); a no-op cost if it already is. */
export function reencrypt(sealed: string, keyring: Keyring): string {
  return keyIdOf(sealed) === keyring.current.id ? sealed : encrypt(decrypt(sealed, keyring), keyring);
}

/** A conversation's token state, sealed for storage. */
export function sealState(state: TokenState, keyring: Keyring): string {
  return encrypt(JSON.stringify(state), keyring);
}

export function openState(sealed: string, keyring: Keyring): TokenState {
  const state = JSON.parse(decrypt(sealed, keyring)) as TokenState;
  if (state?.version !== 1 || typeof state.values !== 'object') throw new VaultError('sealed data is not a token state');
  return state;
}

/**
 * What the core implements to persist token states (e.g. a Postgres table keyed by
 * workspace and conversation). It only ever sees sealed strings.
 */
export interface VaultStore {
  load(workspaceId: string, conversationId: string): Promise<string | undefined>;
  save(workspaceId: string, conversationId: string, sealed: string): Promise<void>;
}
