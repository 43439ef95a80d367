// The arguments several operations share, described for whoever calls them (a model reads these).
import { z } from 'zod';
import { addressSchema } from '../data.ts';

export const userId = z.string().min(1).describe('The user id, e.g. sara_doe_496');
export const orderId = z.string().min(1).describe("The order id, '#W' and 7 digits, e.g. #W0000000");
export const productId = z.string().min(1).describe('The product id (not an item id), e.g. 6086499569');
export const paymentMethodId = z
  .string()
  .min(1)
  .describe("A payment method id of the customer's profile, e.g. credit_card_0000000, paypal_0000000 or gift_card_0000000");
export const itemIds = z
  .array(z.string().min(1))
  .min(1)
  .describe("Item ids of the order (repeat an id for each unit), e.g. ['1008292230']");
export const newItemIds = z
  .array(z.string().min(1))
  .min(1)
  .describe('The new item ids, in the same order as item_ids: each an available variant of the same product');

/** An address as the operations take it: each field described. */
export const addressFields = addressSchema.extend({
  address1: z.string().describe('The first line of the address, e.g. 123 Main St'),
  address2: z.string().describe("The second line, e.g. Apt 1, or ''"),
  city: z.string().describe('e.g. San Francisco'),
  state: z.string().describe('e.g. CA'),
  country: z.string().describe('e.g. USA'),
  zip: z.string().describe('e.g. 12345'),
}).shape;
