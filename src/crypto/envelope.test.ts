import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvelopeError, envelopeKey, keyIdOf, open, reseal, seal, type Keyring } from './envelope.ts';
import { readOrCreateKeyFile } from './key-file.ts';
import { secretBoxProvider } from '../connectors/crypto.ts';

const ring = (current: Buffer, ...previous: Buffer[]): Keyring => ({ current: envelopeKey(current), previous: previous.map(envelopeKey) });
const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('envelope', () => {
  it('binds a context: the same ciphertext does not open for another row', () => {
    const sealed = seal('s3cret', ring(keyA), 'connector:w1:zendesk');
    expect(open(sealed, ring(keyA), 'connector:w1:zendesk')).toBe('s3cret');
    expect(() => open(sealed, ring(keyA), 'connector:w2:zendesk')).toThrow(EnvelopeError);
    expect(() => open(sealed, ring(keyA))).toThrow(EnvelopeError);
  });

  it('rotates with a context too: old rows open under a retired key and re-seal under the current one', () => {
    const old = seal('s3cret', ring(keyA), 'webhook:w1:h1');
    const rotated = ring(keyB, keyA);
    expect(open(old, rotated, 'webhook:w1:h1')).toBe('s3cret');
    const fresh = reseal(old, rotated, 'webhook:w1:h1');
    expect(keyIdOf(fresh)).toBe(rotated.current.id);
    expect(open(fresh, ring(keyB), 'webhook:w1:h1')).toBe('s3cret');
    expect(() => open(old, ring(keyB), 'webhook:w1:h1')).toThrow(/no key with id/);
  });

  it('still opens credentials stored in the older format (no key id), with any key of the ring', () => {
    // Sealed by the connectors' own SecretBox before the envelope was shared (key "ab" x 32).
    const stored = 'v1.f-iUcPwaDdeqysvX.TeEFclO0uqyI_Gvy8XFTWg.hHKPy-Em5iPcV21i3thlTUGXhIsnMQ';
    const legacyKey = Buffer.from('ab'.repeat(32), 'hex');
    expect(open(stored, ring(legacyKey), 'connector:w1:zendesk')).toBe('{"api_token":"s3cret"}');
    expect(open(stored, ring(keyB, legacyKey), 'connector:w1:zendesk')).toBe('{"api_token":"s3cret"}');
    expect(keyIdOf(stored)).toBeUndefined();
    expect(keyIdOf(reseal(stored, ring(keyB, legacyKey), 'connector:w1:zendesk'))).toBe(envelopeKey(keyB).id);
    expect(() => open(stored, ring(legacyKey), 'connector:w2:zendesk')).toThrow(EnvelopeError);
    expect(() => open(stored, ring(keyB), 'connector:w1:zendesk')).toThrow(EnvelopeError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => envelopeKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('key files and the credentials box', () => {
  it('creates a key file once (mode 0600) and reads it back afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-key-'));
    try {
      const path = join(dir, 'sub', 'k.key');
      const first = await readOrCreateKeyFile(path, () => 'one');
      const again = await readOrCreateKeyFile(path, () => 'two');
      expect(first).toEqual({ text: 'one', created: true });
      expect(again).toEqual({ text: 'one', created: false });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toBe('one\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens secrets sealed before a rotation of BATON_SECRET_KEY through BATON_SECRET_PREVIOUS_KEYS', async () => {
    const before = await secretBoxProvider({ secretKey: keyA.toString('hex'), dataDir: '/nonexistent' })();
    const sealed = before.seal('token', 'connector:w1:zendesk');
    const after = await secretBoxProvider({
      secretKey: keyB.toString('base64'),
      previousKeys: keyA.toString('hex'),
      dataDir: '/nonexistent',
    })();
    expect(after.open(sealed, 'connector:w1:zendesk')).toBe('token');
    const withoutOld = await secretBoxProvider({ secretKey: keyB.toString('hex'), dataDir: '/nonexistent' })();
    expect(() => withoutOld.open(sealed, 'connector:w1:zendesk')).toThrow(/no key with id/);
  });
});
