// One operation of the stand-in's API: its tool name (the OpenAPI operationId, as tau-bench
// names it), its HTTP route, its input as one zod object (arguments named in the path's
// {braces} go there; the rest go in the query string for GET, in a JSON body for POST, the way
// Baton's tool caller sends them) and what it does to the store.
import type { z } from 'zod';
import type { RetailStore } from './store.ts';

export interface RetailOperation<I extends z.ZodObject = z.ZodObject> {
  name: string;
  kind: 'read' | 'write';
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  description: string;
  input: I;
  /** The component schema of a successful result (see openapi.ts). */
  result: 'User' | 'UserId' | 'Order' | 'Product' | 'ProductTypes' | 'Transfer';
  /** Returns the result, or throws a RetailError having changed nothing. */
  run(store: RetailStore, input: z.infer<I>): unknown;
}

/** Keeps the input's type inside `run` while the list of operations holds them all. */
export function defineOperation<I extends z.ZodObject>(op: RetailOperation<I>): RetailOperation {
  return op as unknown as RetailOperation;
}
