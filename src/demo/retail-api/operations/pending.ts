// Writes on a pending order: cancel it, change its shipping address, change how it is paid.
// Every rule is checked before anything changes, so a refused request leaves the store as it was.
import { z } from 'zod';
import type { Order } from '../data.ts';
import { cents, RetailError } from '../errors.ts';
import { defineOperation } from '../operation.ts';
import type { RetailStore } from '../store.ts';
import { addressFields, orderId, paymentMethodId } from './fields.ts';

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;

/** The pending order, or why it cannot be changed (once its items were modified it is no longer `pending`). */
export function pendingOrder(store: RetailStore, id: string, verb: 'cancelled' | 'modified'): Order {
  const order = store.order(id);
  if (order.status === 'pending') return order;
  if (order.status === 'pending (item modified)')
    throw new RetailError(409, `the order's items were already modified once: it cannot be ${verb} any more`);
  throw new RetailError(409, `non-pending order cannot be ${verb} (the order is ${order.status})`);
}

/** A payment method of the order's customer. */
export function paymentMethodOf(store: RetailStore, order: Order, id: string) {
  const method = store.user(order.user_id).payment_methods[id];
  if (!method) throw new RetailError(422, 'payment method not found');
  return method;
}

export const cancelPendingOrder = defineOperation({
  name: 'cancel_pending_order',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/cancel',
  summary: 'Cancel a pending order',
  description:
    "Cancels a pending order. The reason is 'no longer needed' or 'ordered by mistake'. Each payment is refunded: a gift card at once, other methods in 5 to 7 business days.",
  input: z.object({ order_id: orderId, reason: z.enum(CANCEL_REASONS).describe('Why the customer cancels') }),
  result: 'Order',
  run(store, { order_id, reason }) {
    const order = pendingOrder(store, order_id, 'cancelled');
    const methods = store.user(order.user_id).payment_methods;
    const refunds = order.payment_history.map((p) => ({
      transaction_type: 'refund' as const,
      amount: p.amount,
      payment_method_id: p.payment_method_id,
    }));
    refunds.forEach((refund) => {
      const method = methods[refund.payment_method_id];
      if (method?.source === 'gift_card') method.balance = cents((method.balance ?? 0) + refund.amount);
    });
    order.status = 'cancelled';
    order.cancel_reason = reason;
    order.payment_history.push(...refunds);
    return order;
  },
});

export const modifyPendingOrderAddress = defineOperation({
  name: 'modify_pending_order_address',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/address',
  summary: "Change a pending order's shipping address",
  description: 'Replaces the shipping address of a pending order.',
  input: z.object({ order_id: orderId, ...addressFields }),
  result: 'Order',
  run(store, { order_id, address1, address2, city, state, country, zip }) {
    const order = pendingOrder(store, order_id, 'modified');
    order.address = { address1, address2, city, state, country, zip };
    return order;
  },
});

export const modifyPendingOrderPayment = defineOperation({
  name: 'modify_pending_order_payment',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/payment',
  summary: 'Change how a pending order is paid',
  description:
    "Pays a pending order with another of the customer's payment methods (a gift card must cover the whole amount) and refunds the original one: a gift card at once, other methods in 5 to 7 business days.",
  input: z.object({ order_id: orderId, payment_method_id: paymentMethodId }),
  result: 'Order',
  run(store, { order_id, payment_method_id }) {
    const order = pendingOrder(store, order_id, 'modified');
    const method = paymentMethodOf(store, order, payment_method_id);
    const [paid, ...others] = order.payment_history;
    if (!paid || others.length > 0 || paid.transaction_type !== 'payment')
      throw new RetailError(422, 'there should be exactly one payment for a pending order');
    if (paid.payment_method_id === payment_method_id)
      throw new RetailError(422, 'the new payment method should be different from the current one');
    if (method.source === 'gift_card' && (method.balance ?? 0) < paid.amount)
      throw new RetailError(422, 'insufficient gift card balance to pay for the order');
    const old = store.user(order.user_id).payment_methods[paid.payment_method_id];
    order.payment_history.push(
      { transaction_type: 'payment', amount: paid.amount, payment_method_id },
      { transaction_type: 'refund', amount: paid.amount, payment_method_id: paid.payment_method_id },
    );
    if (method.source === 'gift_card') method.balance = cents((method.balance ?? 0) - paid.amount);
    if (old?.source === 'gift_card') old.balance = cents((old.balance ?? 0) + paid.amount);
    return order;
  },
});
