import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

/** Repositories run on the database or inside a caller's transaction alike. */
export type Executor = Kysely<Schema> | Transaction<Schema>;

/** jsonb parameters go in as JSON text: drivers would turn a JS array into a Postgres array. */
export const json = (value: unknown): string => JSON.stringify(value);
