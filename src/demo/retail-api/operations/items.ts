// Writes on an order's items: swap items of a pending order for other variants (once), and
// request a return or an exchange of delivered items. Every rule is checked before anything
// changes, so a refused request leaves the store as it was.
import { z } from 'zod';
import type { Order } from '../data.ts';
import { cents, RetailError } from '../errors.ts';
import { defineOperation } from '../operation.ts';
import type { RetailStore } from '../store.ts';
import { itemIds, newItemIds, orderId, paymentMethodId } from './fields.ts';
import { paymentMethodOf, pendingOrder } from './pending.ts';

function deliveredOrder(store: RetailStore, id: string, verb: 'returned' | 'exchanged'): Order {
  const order = store.order(id);
  if (order.status !== 'delivered') throw new RetailError(409, `non-delivered order cannot be ${verb} (the order is ${order.status})`);
  return order;
}

/** Each listed item is in the order, as many times as it is listed. */
function checkItemsInOrder(order: Order, ids: string[]): void {
  const count = (list: string[], id: string) => list.filter((x) => x === id).length;
  const inOrder = order.items.map((i) => i.item_id);
  const missing = ids.find((id) => count(ids, id) > count(inOrder, id));
  if (missing) throw new RetailError(422, `item ${missing} not found in the order`);
}

/**
 * Pairs each old item with its new variant (an available variant of the same product) and
 * returns the price difference the customer pays (positive) or gets back (negative).
 */
function priceDifference(store: RetailStore, order: Order, ids: string[], newIds: string[]): number {
  checkItemsInOrder(order, ids);
  if (ids.length !== newIds.length) throw new RetailError(422, 'the number of items to be exchanged should match');
  let diff = 0;
  ids.forEach((id, i) => {
    const item = order.items.find((x) => x.item_id === id)!;
    const variant = store.product(item.product_id).variants[newIds[i]];
    if (!variant || !variant.available)
      throw new RetailError(422, `new item ${newIds[i]} not found or not available (it must be an available variant of ${item.name})`);
    diff += variant.price - item.price;
  });
  return cents(diff);
}

export const modifyPendingOrderItems = defineOperation({
  name: 'modify_pending_order_items',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/items',
  summary: 'Change items of a pending order to other options (once per order)',
  description:
    "Swaps items of a pending order for other available variants of the same products, and pays or refunds the price difference with one of the customer's payment methods (a gift card must cover what is due). Can be done only once per order: afterwards the order is 'pending (item modified)' and can no longer be modified or cancelled.",
  input: z.object({ order_id: orderId, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId }),
  result: 'Order',
  run(store, { order_id, item_ids, new_item_ids, payment_method_id }) {
    const order = pendingOrder(store, order_id, 'modified');
    const diff = priceDifference(store, order, item_ids, new_item_ids);
    const method = paymentMethodOf(store, order, payment_method_id);
    if (method.source === 'gift_card' && (method.balance ?? 0) < diff)
      throw new RetailError(422, 'insufficient gift card balance to pay for the new items');
    order.payment_history.push({ transaction_type: diff > 0 ? 'payment' : 'refund', amount: Math.abs(diff), payment_method_id });
    if (method.source === 'gift_card') method.balance = cents((method.balance ?? 0) - diff);
    item_ids.forEach((id, i) => {
      // The first item with this id not swapped yet: a repeated id swaps one unit at a time.
      const item = order.items.find((x) => x.item_id === id)!;
      const variant = store.product(item.product_id).variants[new_item_ids[i]];
      item.item_id = variant.item_id;
      item.price = variant.price;
      item.options = { ...variant.options };
    });
    order.status = 'pending (item modified)';
    return order;
  },
});

export const returnDeliveredOrderItems = defineOperation({
  name: 'return_delivered_order_items',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/return',
  summary: 'Request a return of delivered items',
  description:
    "Requests the return of items of a delivered order. The refund goes to the order's original payment method or to one of the customer's gift cards. The customer then gets an e-mail on how to send the items back.",
  input: z.object({ order_id: orderId, item_ids: itemIds, payment_method_id: paymentMethodId }),
  result: 'Order',
  run(store, { order_id, item_ids, payment_method_id }) {
    const order = deliveredOrder(store, order_id, 'returned');
    const method = paymentMethodOf(store, order, payment_method_id);
    if (method.source !== 'gift_card' && payment_method_id !== order.payment_history[0]?.payment_method_id)
      throw new RetailError(422, 'the refund must go to the original payment method or to a gift card');
    checkItemsInOrder(order, item_ids);
    order.status = 'return requested';
    order.return_items = [...item_ids].sort();
    order.return_payment_method_id = payment_method_id;
    return order;
  },
});

export const exchangeDeliveredOrderItems = defineOperation({
  name: 'exchange_delivered_order_items',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/exchange',
  summary: 'Request an exchange of delivered items for other options',
  description:
    "Requests the exchange of items of a delivered order for other available variants of the same products; the price difference is paid or refunded with one of the customer's payment methods (a gift card must cover what is due). Can be done only once per order. The customer then gets an e-mail on how to send the items back.",
  input: z.object({ order_id: orderId, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId }),
  result: 'Order',
  run(store, { order_id, item_ids, new_item_ids, payment_method_id }) {
    const order = deliveredOrder(store, order_id, 'exchanged');
    const diff = priceDifference(store, order, item_ids, new_item_ids);
    const method = paymentMethodOf(store, order, payment_method_id);
    if (method.source === 'gift_card' && (method.balance ?? 0) < diff)
      throw new RetailError(422, 'insufficient gift card balance to pay for the price difference');
    order.status = 'exchange requested';
    order.exchange_items = [...item_ids].sort();
    order.exchange_new_items = [...new_item_ids].sort();
    order.exchange_payment_method_id = payment_method_id;
    order.exchange_price_difference = diff;
    return order;
  },
});
