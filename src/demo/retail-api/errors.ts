// A refused request: the HTTP status and the reason in words, answered as {"error": reason}.
import type { z } from 'zod';

export class RetailError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'RetailError';
  }
}

/** A JSON number rounded to cents (tau-bench rounds balances and differences so). */
export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Arguments of the wrong shape, said in words: "zip: Invalid input: expected string, received undefined". */
export function invalidArguments(error: z.ZodError): RetailError {
  return new RetailError(400, error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
}
