import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import type { ConnectorRow, Schema } from '../db/schema.ts';
import type { ConversationKernel } from '../conversations/kernel.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { secretBoxProvider, type SecretBox } from './crypto.ts';
import type { OutboundSettings } from './settings.ts';
import { connectorDefinition } from './registry.ts';
import { TokenBucket, VendorClient } from './http.ts';
import type { ConnectorInstance } from './types.ts';

/**
 * What the outbound side shares within one process: settings (validated at boot), the secret
 * box, per-connector rate buckets, and the way from a stored connector row to a live instance.
 * One per running server (src/app/runtime.ts): jobs, routes and the dispatcher share it.
 */
export class Outbound {
  readonly box: () => Promise<SecretBox>;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    readonly settings: OutboundSettings,
    readonly db: Kysely<Schema>,
    readonly jobs: JobQueue,
    readonly conversations: ConversationKernel,
    readonly log: Logger,
  ) {
    this.box = secretBoxProvider({
      secretKey: settings.BATON_SECRET_KEY,
      previousKeys: settings.BATON_SECRET_PREVIOUS_KEYS,
      dataDir: settings.BATON_DATA_DIR,
      databaseUrl: settings.DATABASE_URL,
    });
  }

  static aad = {
    connector: (row: { workspace_id: string; vendor: string }) => `connector:${row.workspace_id}:${row.vendor}`,
    webhook: (row: { workspace_id: string; id: string }) => `webhook:${row.workspace_id}:${row.id}`,
  };

  /** Seals an admin's secret; a key that cannot be had answers 503 (unavailable), not 500. */
  async seal(plain: string, aad: string): Promise<string> {
    let box;
    try {
      box = await this.box();
    } catch (err) {
      throw new AppError('unavailable', (err as Error).message);
    }
    return box.seal(plain, aad);
  }

  async credentialsOf(row: ConnectorRow): Promise<Record<string, unknown>> {
    if (!row.credentials_enc) return {};
    return JSON.parse((await this.box()).open(row.credentials_enc, Outbound.aad.connector(row))) as Record<string, unknown>;
  }

  async instance(row: ConnectorRow): Promise<ConnectorInstance> {
    const def = connectorDefinition(row.vendor);
    if (!def) throw new AppError('not_found', `No connector for ${row.vendor}.`);
    const config = def.configSchema.parse(row.config);
    const credentials = def.credentialsSchema.parse(await this.credentialsOf(row));
    let bucket = this.buckets.get(row.id);
    if (!bucket) {
      bucket = new TokenBucket(def.capabilities.rateLimit.requests, def.capabilities.rateLimit.perMs);
      this.buckets.set(row.id, bucket);
    }
    const client = new VendorClient({
      vendor: row.vendor,
      baseUrl: def.baseUrl(config),
      headers: def.authHeaders(credentials, config),
      timeoutMs: this.settings.BATON_OUTBOUND_TIMEOUT_MS,
      allowPrivate: (config as { allow_private_network?: boolean }).allow_private_network === true,
      bucket,
    });
    return def.create({ config, credentials, client });
  }
}
