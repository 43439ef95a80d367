import { z } from 'zod';

/** An account's name as it stands in the vendor's host name (<name>.zendesk.com). */
export const accountName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i);

/**
 * The config of a helpdesk hosted per account: the account's name under `key` (in `name`'s
 * shape), or base_url instead (a proxy, or a test stand-in), which may be a private address
 * only when allow_private_network says so; then the vendor's own fields.
 */
export function hostedConfig<K extends string, S extends z.ZodRawShape>(key: K, shape: S, name: z.ZodString = accountName) {
  const site = { [key]: name.optional() } as Record<K, z.ZodOptional<z.ZodString>>;
  return z
    .object({ ...site, base_url: z.string().url().optional(), allow_private_network: z.boolean().default(false), ...shape })
    .refine((c: Record<string, unknown>) => c[key] || c.base_url, { message: `set ${key} (or base_url)` });
}
