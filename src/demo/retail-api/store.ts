// The stand-in's state in memory: a working copy of the loaded records that the write
// operations change, put back to the loaded records by reset().
import type { Order, Product, RetailData, User } from './data.ts';
import { RetailError } from './errors.ts';

export class RetailStore {
  private current: RetailData;

  constructor(private readonly initial: RetailData) {
    this.current = structuredClone(initial);
  }

  reset(): void {
    this.current = structuredClone(this.initial);
  }

  /** Another store over the same loaded records, as they were loaded. */
  fresh(): RetailStore {
    return new RetailStore(this.initial);
  }

  /** A copy of everything as it is now (to compare after a conversation). */
  snapshot(): RetailData {
    return structuredClone(this.current);
  }

  get data(): RetailData {
    return this.current;
  }

  user(userId: string): User {
    const user = this.current.users[userId];
    if (!user) throw new RetailError(404, 'user not found');
    return user;
  }

  /** Order ids start with "#"; one given without it (a path where "#" was not encoded) is read the same. */
  order(orderId: string): Order {
    const order = this.current.orders[orderId.startsWith('#') ? orderId : `#${orderId}`];
    if (!order) throw new RetailError(404, 'order not found');
    return order;
  }

  product(productId: string): Product {
    const product = this.current.products[productId];
    if (!product) throw new RetailError(404, 'product not found');
    return product;
  }
}
