import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../errors.ts';
import { importOpenApiTools, toolName } from './openapi-import.ts';

const yamlText = readFileSync(join(import.meta.dirname, 'fixtures', 'shop.openapi.yaml'), 'utf8');

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return ((err as AppError).details as { problems: string[] }).problems;
  }
  throw new Error('expected an error');
}

describe('importOpenApiTools', () => {
  it('turns chosen operations into tools: parameters, local $refs, kind, auth and x-baton extensions', () => {
    const { tools, operationIds, skipped, warnings } = importOpenApiTools(yamlText, [
      'find_user_id_by_email',
      'get_order_details',
      'cancel-pending-order',
    ]);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([]);
    expect(tools.map((t) => t.name)).toEqual(['find_user_id_by_email', 'get_order_details', 'cancel_pending_order']);
    // Each tool's own operationId, so a preview's pick can be sent back as it is.
    expect(operationIds).toEqual(['find_user_id_by_email', 'get_order_details', 'cancel-pending-order']);
    const [find, get, cancel] = tools;
    expect(find).toMatchObject({
      kind: 'read',
      method: 'GET',
      path: '/users/by-email',
      description: 'Find a user id by e-mail',
      input: { type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] },
      output: ['user_id'],
      verifies: { resultField: 'user_id' },
      auth: { type: 'header', header: 'X-Shop-Key' },
      timeoutMs: 5000,
    });
    // The path-level $ref parameter is resolved; the header parameter is not an argument.
    expect(get!.input).toEqual({
      type: 'object',
      properties: {
        order_id: { type: 'string', description: 'The order\'s id, e.g. "#W5442520".' },
        expand: { type: 'array', items: { type: 'string' } },
      },
      required: ['order_id'],
    });
    expect(get!.description).toBe('Get an order. Status, items, payments and fulfilments of one order.');
    expect(get!.ownerField).toBe('user_id');
    expect(cancel).toMatchObject({ kind: 'write', method: 'POST', path: '/orders/{order_id}/cancel', auth: { type: 'bearer' } });
    expect(cancel!.input.properties.reason).toEqual({ type: 'string', enum: ['no longer needed', 'ordered by mistake'] });
    expect([...cancel!.input.required].sort()).toEqual(['order_id', 'reason']);
  });

  it('reads the same document as JSON, merges allOf bodies and stops recursive schemas', () => {
    const json = JSON.stringify(parseYaml(yamlText));
    const { tools, warnings } = importOpenApiTools(json, ['modifyUserAddress', 'search_orders']);
    const [address, search] = tools;
    expect(address).toMatchObject({ name: 'modifyUserAddress', kind: 'write', method: 'PUT', identityArg: 'user_id', timeoutMs: 8000 });
    expect(Object.keys(address!.input.properties).sort()).toEqual(['address1', 'address2', 'city', 'note', 'user_id', 'zip']);
    expect([...address!.input.required].sort()).toEqual(['address1', 'city', 'user_id', 'zip']);
    // oauth2 cannot be sent: imported without auth, and the admin is told.
    expect(address!.auth).toBeUndefined();
    expect(warnings.join(' ')).toContain('oauth');
    // x-baton-kind wins over the method; `security: [{}]` means no auth.
    expect(search).toMatchObject({ kind: 'read', method: 'POST' });
    expect(search!.auth).toBeUndefined();
    expect(search!.input.properties.category).toEqual({ type: 'object', properties: { name: { type: 'string' }, parent: {} } });
  });

  it('flattens a body of alternatives into one object, requiring what every alternative requires', () => {
    const [contact] = importOpenApiTools(yamlText, ['create_contact']).tools;
    expect(Object.keys(contact!.input.properties).sort()).toEqual(['email', 'external_id', 'name']);
    expect(contact!.input.required).toEqual(['name']);
  });

  it('imports every operation it can when none is chosen, listing the rest with reasons', () => {
    const { tools, skipped } = importOpenApiTools(yamlText, null);
    expect(tools.map((t) => t.name).sort()).toEqual([
      'cancel_pending_order',
      'create_contact',
      'find_user_id_by_email',
      'get_order_details',
      'modifyUserAddress',
      'search_orders',
    ]);
    const reasons = Object.fromEntries(skipped.map((s) => [s.operation, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['GET /health', 'bulk_cancel', 'health_head', 'upload_receipt']);
    expect(reasons['GET /health']).toContain('no operationId');
    expect(reasons.upload_receipt).toContain('multipart/form-data');
    expect(reasons.bulk_cancel).toContain('not an object');
    expect(reasons.health_head).toContain('HEAD');
  });

  it('refuses unknown and unsupported chosen operations, listing every problem', () => {
    const problems = problemsOf(() => importOpenApiTools(yamlText, ['get_order_details', 'nope', 'upload_receipt', 'bulk_cancel']));
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('nope'))).toContain('no operation has this operationId');
    expect(problems.find((p) => p.startsWith('upload_receipt'))).toContain('only JSON bodies');
    expect(problems.find((p) => p.startsWith('bulk_cancel'))).toContain('only object bodies');
  });

  it('refuses documents it cannot read', () => {
    expect(problemsOf(() => importOpenApiTools('{"swagger": "2.0", "paths": {}}', null))[0]).toContain('OpenAPI 3');
    expect(problemsOf(() => importOpenApiTools('openapi: 2.9.0\npaths: {}', null))[0]).toContain('2.9.0');
    expect(problemsOf(() => importOpenApiTools('a: [unclosed', null))).toHaveLength(1);
    const external = {
      openapi: '3.0.3',
      paths: { '/x': { get: { operationId: 'x', parameters: [{ $ref: 'other.yaml#/p' }] } } },
    };
    expect(problemsOf(() => importOpenApiTools(JSON.stringify(external), ['x']))[0]).toContain('not local');
    const undeclared = { openapi: '3.0.3', paths: { '/o/{id}': { get: { operationId: 'o' } } } };
    expect(problemsOf(() => importOpenApiTools(JSON.stringify(undeclared), ['o']))[0]).toContain('"id" is not declared');
  });

  it('refuses two operations that would share a tool name', () => {
    const doc = { openapi: '3.0.3', paths: { '/a': { get: { operationId: 'get-a' } }, '/b': { get: { operationId: 'get.a' } } } };
    expect(problemsOf(() => importOpenApiTools(JSON.stringify(doc), ['get-a', 'get.a']))[0]).toContain('get_a');
  });
});

describe('toolName', () => {
  it('keeps letters, digits and underscores, never starts with a digit', () => {
    expect(toolName('orders.get-one')).toBe('orders_get_one');
    expect(toolName('2fa/verify')).toBe('_2fa_verify');
    expect(toolName('x'.repeat(80))).toHaveLength(64);
  });
});
