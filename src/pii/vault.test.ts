import { describe, expect, it } from 'vitest';
import { redact } from './index.ts';
import {
  decrypt,
  encrypt,
  generateKey,
  keyIdOf,
  keyringFromEnv,
  openState,
  reencrypt,
  sealState,
  vaultKey,
  VaultError,
  type Keyring,
} from './vault.ts';

const ring = (current: string, ...previous: string[]): Keyring => ({ current: vaultKey(current), previous: previous.map(vaultKey) });

describe('vault', () => {
  const keyA = generateKey();
  const keyB = generateKey();

  it('round-trips text, with a fresh nonce each time', () => {
    const keyring = ring(keyA);
    const one = encrypt('anna@example.com ✓', keyring);
    const two = encrypt('anna@example.com ✓', keyring);
    expect(one).not.toBe(two);
    expect(decrypt(one, keyring)).toBe('anna@example.com ✓');
    expect(one).not.toContain('anna');
  });

  it('detects tampering with any part of the ciphertext', () => {
    const keyring = ring(keyA);
    const sealed = encrypt('4111 1111 1111 1111', keyring);
    const parts = sealed.split('.');
    for (const i of [2, 3, 4]) {
      const changed = [...parts];
      const c = changed[i];
      changed[i] = (c[0] === 'A' ? 'B' : 'A') + c.slice(1);
      expect(() => decrypt(changed.join('.'), keyring)).toThrow(VaultError);
    }
    expect(() => decrypt('not a ciphertext', keyring)).toThrow(VaultError);
  });

  it('rotates: old ciphertexts open with a retired key and re-seal under the new one', () => {
    const sealedWithA = encrypt('secret', ring(keyA));
    const rotated = ring(keyB, keyA);
    expect(decrypt(sealedWithA, rotated)).toBe('secret');
    const resealed = reencrypt(sealedWithA, rotated);
    expect(keyIdOf(resealed)).toBe(rotated.current.id);
    expect(decrypt(resealed, ring(keyB))).toBe('secret');
    expect(() => decrypt(sealedWithA, ring(keyB))).toThrow(/no key with id/);
  });

  it('will not open a ciphertext whose key id was swapped for another key of the ring', () => {
    const rotated = ring(keyB, keyA);
    const sealed = encrypt('secret', ring(keyA));
    const swapped = sealed.replace(`.${vaultKey(keyA).id}.`, `.${vaultKey(keyB).id}.`);
    expect(() => decrypt(swapped, rotated)).toThrow(VaultError);
  });

  it('seals a conversation token state', () => {
    const keyring = ring(keyA);
    const { state } = redact('Mail anna@example.com');
    const sealed = sealState(state, keyring);
    expect(sealed).not.toContain('anna');
    expect(openState(sealed, keyring)).toEqual(state);
  });

  it('reads the keyring from the environment and rejects bad keys', () => {
    const keyring = keyringFromEnv({ BATON_VAULT_KEY: keyA, BATON_VAULT_PREVIOUS_KEYS: `${keyB}, ` });
    expect(keyring.current.id).toBe(vaultKey(keyA).id);
    expect(keyring.previous.map((k) => k.id)).toEqual([vaultKey(keyB).id]);
    expect(() => keyringFromEnv({})).toThrow(/BATON_VAULT_KEY/);
    expect(() => keyringFromEnv({ BATON_VAULT_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
  });
});
