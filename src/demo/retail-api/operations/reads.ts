// The read operations: finding a customer, and reading users, orders and products.
import { z } from 'zod';
import { RetailError } from '../errors.ts';
import { defineOperation } from '../operation.ts';
import { orderId, productId, userId } from './fields.ts';

export const findUserIdByEmail = defineOperation({
  name: 'find_user_id_by_email',
  kind: 'read',
  method: 'GET',
  path: '/users/find-by-email',
  summary: "Find a customer's user id by e-mail",
  description: 'Finds the user id of the customer with this e-mail address (case-insensitive).',
  input: z.object({ email: z.string().min(1).describe("The customer's e-mail address, e.g. something@example.com") }),
  result: 'UserId',
  run(store, { email }) {
    const wanted = email.trim().toLowerCase();
    const found = Object.entries(store.data.users).find(([, u]) => u.email.toLowerCase() === wanted);
    if (!found) throw new RetailError(404, 'user not found');
    return { user_id: found[0] };
  },
});

export const findUserIdByNameZip = defineOperation({
  name: 'find_user_id_by_name_zip',
  kind: 'read',
  method: 'GET',
  path: '/users/find-by-name-zip',
  summary: "Find a customer's user id by name and zip code",
  description: 'Finds the user id of the customer with this first name, last name (both case-insensitive) and zip code.',
  input: z.object({
    first_name: z.string().min(1).describe("The customer's first name, e.g. John"),
    last_name: z.string().min(1).describe("The customer's last name, e.g. Doe"),
    zip: z.string().min(1).describe("The zip code of the customer's address, e.g. 12345"),
  }),
  result: 'UserId',
  run(store, { first_name, last_name, zip }) {
    const found = Object.entries(store.data.users).find(
      ([, u]) =>
        u.name.first_name.toLowerCase() === first_name.trim().toLowerCase() &&
        u.name.last_name.toLowerCase() === last_name.trim().toLowerCase() &&
        u.address.zip === zip.trim(),
    );
    if (!found) throw new RetailError(404, 'user not found');
    return { user_id: found[0] };
  },
});

export const getUserDetails = defineOperation({
  name: 'get_user_details',
  kind: 'read',
  method: 'GET',
  path: '/users/{user_id}',
  summary: "Get a customer's details",
  description: "The customer's name, default address, e-mail, payment methods (gift cards with their balance) and order ids.",
  input: z.object({ user_id: userId }),
  result: 'User',
  run: (store, { user_id }) => store.user(user_id),
});

export const getOrderDetails = defineOperation({
  name: 'get_order_details',
  kind: 'read',
  method: 'GET',
  path: '/orders/{order_id}',
  summary: "Get an order's details",
  description: "The order's status, items (with item ids, options and prices), address, fulfilments and payments.",
  input: z.object({ order_id: orderId }),
  result: 'Order',
  run: (store, { order_id }) => store.order(order_id),
});

export const getProductDetails = defineOperation({
  name: 'get_product_details',
  kind: 'read',
  method: 'GET',
  path: '/products/{product_id}',
  summary: "Get a product's details",
  description: 'The product and all its variants (items): their options, price and whether they are available.',
  input: z.object({ product_id: productId }),
  result: 'Product',
  run: (store, { product_id }) => store.product(product_id),
});

export const listAllProductTypes = defineOperation({
  name: 'list_all_product_types',
  kind: 'read',
  method: 'GET',
  path: '/products',
  summary: 'List the product types',
  description: 'Every product type the shop sells, as product name -> product id, sorted by name.',
  input: z.object({}),
  result: 'ProductTypes',
  run(store) {
    const pairs = Object.values(store.data.products).map((p) => [p.name, p.product_id] as const);
    return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
  },
});
