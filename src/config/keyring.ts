import { join } from 'node:path';
import type { Logger } from 'pino';
import { generateKey, keyringFromEnv, type Keyring } from '../pii/index.ts';
import { readOrCreateKeyFile } from '../crypto/key-file.ts';
import type { BaseEnv } from '../env.ts';

/**
 * The vault keyring: BATON_VAULT_KEY (and BATON_VAULT_PREVIOUS_KEYS) from the environment.
 * The embedded single-node demo may go without: a key is generated once into the data
 * folder. With DATABASE_URL (a real deployment, maybe several nodes) the key is required,
 * so nodes never seal with keys the others cannot open.
 */
export async function loadKeyring(env: BaseEnv, log: Logger): Promise<Keyring> {
  if (env.BATON_VAULT_KEY)
    return keyringFromEnv({ BATON_VAULT_KEY: env.BATON_VAULT_KEY, BATON_VAULT_PREVIOUS_KEYS: env.BATON_VAULT_PREVIOUS_KEYS });
  if (env.DATABASE_URL)
    throw new Error('BATON_VAULT_KEY is required with DATABASE_URL (base64 of 32 random bytes: `openssl rand -base64 32`)');
  const file = join(env.BATON_DATA_DIR, 'vault.key');
  const { text: key, created } = await readOrCreateKeyFile(file, generateKey);
  if (created) log.warn({ file }, 'no BATON_VAULT_KEY: generated a vault key in the data folder (set BATON_VAULT_KEY in production)');
  return keyringFromEnv({ BATON_VAULT_KEY: key });
}
