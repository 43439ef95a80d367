// The stand-in shop's records (tau-bench's retail domain, MIT: see data/LICENSE), read from a
// folder of users.json, orders.json and products.json and checked once as they load.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';

/** The small subset bundled for the demo and the tests (see data/README.md). */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export const addressSchema = z.object({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
});

// Loose objects: the stand-in keeps whatever else a record carries, as tau-bench does.
const paymentMethodSchema = z.looseObject({
  id: z.string(),
  source: z.enum(['credit_card', 'paypal', 'gift_card']),
  balance: z.number().optional(),
});

export const userSchema = z.looseObject({
  name: z.object({ first_name: z.string(), last_name: z.string() }),
  address: addressSchema,
  email: z.string(),
  payment_methods: z.record(z.string(), paymentMethodSchema),
  orders: z.array(z.string()),
});

const orderItemSchema = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

export const orderSchema = z.looseObject({
  order_id: z.string(),
  user_id: z.string(),
  address: addressSchema,
  items: z.array(orderItemSchema),
  fulfillments: z.array(z.looseObject({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) })),
  /** pending, processed, delivered, cancelled; after a write also "pending (item modified)", "return requested", "exchange requested". */
  status: z.string(),
  payment_history: z.array(
    z.object({ transaction_type: z.enum(['payment', 'refund']), amount: z.number(), payment_method_id: z.string() }),
  ),
});

export const productSchema = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(
    z.string(),
    z.looseObject({ item_id: z.string(), options: z.record(z.string(), z.string()), available: z.boolean(), price: z.number() }),
  ),
});

export const retailDataSchema = z.object({
  users: z.record(z.string(), userSchema),
  orders: z.record(z.string(), orderSchema),
  products: z.record(z.string(), productSchema),
});

export type RetailData = z.infer<typeof retailDataSchema>;
export type User = z.infer<typeof userSchema>;
export type Order = z.infer<typeof orderSchema>;
export type Product = z.infer<typeof productSchema>;
export type Address = z.infer<typeof addressSchema>;

/** Reads and checks a data folder; a bad file names itself and its first problems. */
export async function loadRetailData(dir: string = BUNDLED_DATA_DIR): Promise<RetailData> {
  const read = async (name: string) => JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as unknown;
  const [users, orders, products] = await Promise.all([read('users'), read('orders'), read('products')]);
  const parsed = retailDataSchema.safeParse({ users, orders, products });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`retail data in ${dir} is not valid: ${issues.join('; ')}`);
  }
  return parsed.data;
}
