// The stand-in's OpenAPI 3.1 document, built from the operations themselves so it cannot drift:
// each operationId is the tool name, path arguments are path parameters, the other arguments
// are query parameters (GET) or the JSON body (POST), as Baton's tool importer reads them back.
// `x-baton-kind` says whether an operation only reads or changes something.
import { z } from 'zod';
import { orderSchema, productSchema, userSchema } from './data.ts';
import type { RetailOperation } from './operation.ts';
import { RETAIL_OPERATIONS } from './operations/index.ts';

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

function operationObject(op: RetailOperation): Json {
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

/** The document, with the address it is served from as its server. */
export function retailOpenApiDocument(serverUrl?: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of RETAIL_OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: operationObject(op) };
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
    paths,
    components: { schemas: components },
  };
}
