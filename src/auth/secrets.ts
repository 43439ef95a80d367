import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

// scrypt parameters (N=2^15, r=8, p=1): OWASP's minimum for interactive logins.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(key, expected);
}

/** A bearer secret with a readable prefix (`bs_` session, `bk_` API key, `ct_` conversation). */
export const newToken = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newSecret = (): string => randomBytes(32).toString('hex');

/**
 * The site signs its user id: user_hash = HMAC-SHA256(workspace secret, user_id), hex. With an
 * expiry (unix seconds), the signed message is `user_id + "\n" + expires`, so a signature
 * cannot be replayed after it; a user id never holds a newline, so the two forms never meet.
 */
export const identityHash = (secret: string, userId: string, expires?: number): string =>
  createHmac('sha256', secret)
    .update(expires === undefined ? userId : `${userId}\n${expires}`)
    .digest('hex');

/** Why a signed identity is refused, or null when it holds. */
export function checkIdentity(
  secret: string,
  userId: string,
  userHash: string,
  expires?: number,
  now = Date.now(),
): 'forged' | 'expired' | null {
  if (userId.includes('\n')) return 'forged';
  const expected = Buffer.from(identityHash(secret, userId, expires), 'hex');
  const given = Buffer.from(userHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  if (expires !== undefined && expires * 1000 <= now) return 'expired';
  return null;
}

export function verifyIdentity(secret: string, userId: string, userHash: string, expires?: number, now = Date.now()): boolean {
  return checkIdentity(secret, userId, userHash, expires, now) === null;
}
