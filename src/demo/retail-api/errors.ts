// A refused request: the HTTP status and the reason in words, answered as {"error": reason}.
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
