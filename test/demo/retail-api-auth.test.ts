// The stand-in company with an API key: every operation wants it (as a bearer token or an
// X-Api-Key header); the document says so; the test hooks stay open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetailApi, type RunningRetailApi } from '../../src/demo/retail-api/server.ts';

let api: RunningRetailApi;
beforeAll(async () => {
  api = await startRetailApi({ apiKey: 's3cret-key' });
});
afterAll(async () => api?.close());

const order = (headers: Record<string, string>) => fetch(`${api.url}/orders/W5442520`, { headers });

describe('the stand-in with an API key', () => {
  it('answers only a request that presents the key', async () => {
    const none = await order({});
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'missing or wrong API key' });
    expect((await order({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await order({ 'x-api-key': 's3cret-key-but-longer' })).status).toBe(401);
    expect((await order({ authorization: 'Bearer s3cret-key' })).status).toBe(200);
    expect((await order({ 'x-api-key': 's3cret-key' })).status).toBe(200);
  });

  it('changes nothing for a write without the key', async () => {
    const res = await fetch(`${api.url}/orders/W5442520/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'no longer needed' }),
    });
    expect(res.status).toBe(401);
    expect(api.store.snapshot().orders['#W5442520'].status).toBe('pending');
  });

  it('declares both ways of sending the key in its document', async () => {
    const doc = await (await fetch(`${api.url}/openapi.json`)).json();
    expect(doc.security).toEqual([{ bearerKey: [] }, { headerKey: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerKey: { type: 'http', scheme: 'bearer' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    expect(doc.paths['/orders/{order_id}'].get.responses['401']).toBeDefined();
  });
});
