import { randomBytes } from 'node:crypto';
import { EnvelopeError, envelopeKey, keyIdOf, open, reseal, seal, type EnvelopeKey, type Keyring } from '../crypto/envelope.ts';
import type { TokenState } from './tokens.ts';

/*
 * The vault keeps originals encrypted at rest in the shared envelope (src/crypto/envelope.ts:
 * AES-256-GCM, each ciphertext names the key that sealed it, so keys rotate). Storage is
 * someone else's job (the core persists sealed strings in Postgres); this module is the
 * vault's keys, its token-state sealing and the interface a store implements.
 */

export type VaultKey = EnvelopeKey;
export type { Keyring };
export { keyIdOf };

/** Vault failures are envelope failures (tampering, unknown key id, bad key). */
export const VaultError = EnvelopeError;
export type VaultError = EnvelopeError;

/** A key from its base64 form (32 bytes); its id is a hash prefix, so ids never leak keys. */
export function vaultKey(base64: string): VaultKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new VaultError(`a vault key must be 32 bytes in base64, got ${key.length} bytes`);
  return envelopeKey(key);
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
  const previous = (env.BATON_VAULT_PREVIOUS_KEYS ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map(vaultKey);
  return { current: vaultKey(current), previous };
}

/** Seals a string: "v1.<key id>.<nonce>.<ciphertext>.<tag>", all base64url. */
export const encrypt = (plaintext: string, keyring: Keyring): string => seal(plaintext, keyring);

/** Opens a sealed string with whichever key of the ring sealed it; throws if tampered. */
export const decrypt = (sealed: string, keyring: Keyring): string => open(sealed, keyring);

/** Re-seals with the current key (rotation); a no-op cost if it already is. */
export const reencrypt = (sealed: string, keyring: Keyring): string => reseal(sealed, keyring);

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
