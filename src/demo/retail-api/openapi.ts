// The stand-in's OpenAPI 3.1 document, built from the operations themselves so it cannot drift:
// each operationId is the tool name, path arguments are path parameters, the other arguments
// are query parameters (GET) or the JSON body (POST), as Baton's tool importer reads them back.
// `x-baton-kind` says whether an operation only reads or changes something.
import { z } from 'zod';
import { orderSchema, productSchema, userSchema } from './data.ts';
import type { RetailOperation } from './operation.ts';
import { RETAIL_OPERATIONS } from './operations/index.ts';

// What Baton's importer needs to guard the shop's accounts (docs/actions.md): which lookups
// verify a customer, which argument names the account, whose record an order is, and which
// read finds the record a write changes.
const ORDER_WRITE = { 'x-baton-owner-lookup': 'get_order_details' };
const ACCOUNT_HINTS: Record<string, Record<string, string>> = {
  find_user_id_by_email: { 'x-baton-verifies': 'user_id' },
  find_user_id_by_name_zip: { 'x-baton-verifies': 'user_id' },
  get_user_details: { 'x-baton-identity-arg': 'user_id' },
  modify_user_address: { 'x-baton-identity-arg': 'user_id' },
  get_order_details: { 'x-baton-owner-field': 'user_id' },
  cancel_pending_order: ORDER_WRITE,
  modify_pending_order_address: ORDER_WRITE,
  modify_pending_order_payment: ORDER_WRITE,
  modify_pending_order_items: ORDER_WRITE,
  return_delivered_order_items: ORDER_WRITE,
  exchange_delivered_order_items: ORDER_WRITE,
};

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string', description: 'Why the request was refused, in words' } },
  required: ['error'],
};

const components: Record<RetailOperation['result'] | 'Error', Json> = {
  User: jsonSchema(userSchema),
  UserId: { type: 'object', properties: { user_id: { type: 'string' } }, required: ['user_id'] },
  Order: jsonSchema(orderSchema),
  Product: jsonSchema(productSchema),
  ProductTypes: { type: 'object', description: 'Product name -> product id', additionalProperties: { type: 'string' } },
  Transfer: {
    type: 'object',
    properties: { status: { type: 'string', const: 'transferred' }, summary: { type: 'string' } },
    required: ['status', 'summary'],
  },
  Error: errorSchema,
};

/** The names in an operation's path: "/orders/{order_id}/cancel" -> ["order_id"]. */
export function pathArguments(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function operationObject(op: RetailOperation, auth: boolean): Json {
  const input = jsonSchema(op.input) as { properties?: Record<string, Json>; required?: string[] };
  const properties = input.properties ?? {};
  const required = new Set(input.required ?? []);
  const inPath = pathArguments(op.path);
  const rest = Object.keys(properties).filter((name) => !inPath.includes(name));
  const parameter = (name: string, where: 'path' | 'query') => {
    const { description, ...schema } = properties[name];
    return { name, in: where, required: where === 'path' || required.has(name), description, schema };
  };
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    operationId: op.name,
    summary: op.summary,
    description: op.description,
    'x-baton-kind': op.kind,
    ...ACCOUNT_HINTS[op.name],
    parameters: [...inPath.map((n) => parameter(n, 'path')), ...(op.method === 'GET' ? rest.map((n) => parameter(n, 'query')) : [])],
    ...(op.method !== 'GET' && rest.length > 0
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(rest.map((n) => [n, properties[n]])),
                  required: rest.filter((n) => required.has(n)),
                  additionalProperties: false,
                },
              },
            },
          },
        }
      : {}),
    responses: {
      '200': { description: 'Done', content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.result}` } } } },
      '400': error('Arguments missing or of the wrong shape'),
      ...(auth ? { '401': error('Missing or wrong API key') } : {}),
      '404': error('No such user, order or product'),
      ...(op.kind === 'write'
        ? {
            '409': error('The order is not in a state that allows this'),
            '422': error('A rule of the policy refuses it (payment method, items, gift card balance...)'),
          }
        : {}),
    },
  };
}

/** The document, with the address it is served from as its server; `auth`: the operations need the API key. */
export function retailOpenApiDocument(serverUrl?: string, { auth = false }: { auth?: boolean } = {}): Json {
  const paths: Record<string, Json> = {};
  for (const op of RETAIL_OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: operationObject(op, auth) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Retail back office (stand-in)',
      version: '1.0.0',
      description:
        "A stand-in for a shop's back office over tau-bench's retail data (Sierra Research, MIT licence): customers, orders and products, and the actions a support agent may take on them.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    ...(auth ? { security: [{ bearerKey: [] }, { headerKey: [] }] } : {}),
    paths,
    components: {
      schemas: components,
      ...(auth
        ? {
            securitySchemes: {
              bearerKey: { type: 'http', scheme: 'bearer' },
              headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
            },
          }
        : {}),
    },
  };
}
