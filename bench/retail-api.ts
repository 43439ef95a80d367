// The stand-in company (tau-bench's retail back office) on its own, for `baton eval --tools`
// and trying tools by hand (docs/retail-demo.md).
// Run: npx tsx bench/retail-api.ts [--port 4010] [--host 127.0.0.1] [--data ../shared/data/tau-retail] [--api-key KEY]
//      (default data: the small subset bundled in src/demo/retail-api/data; with --api-key, every
//      operation wants `Authorization: Bearer KEY` or `X-Api-Key: KEY`)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_DATA_DIR } from '../src/demo/retail-api/data.ts';
import { startRetailApi } from '../src/demo/retail-api/server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    'api-key': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
const dataDir = values.data ? resolve(values.data) : BUNDLED_DATA_DIR;
const api = await startRetailApi({ port, host: values.host, dataDir, apiKey: values['api-key'] });
const { users, orders, products } = api.store.data;
console.log(
  `Retail stand-in on ${api.url} (${Object.keys(users).length} users, ${Object.keys(orders).length} orders, ${Object.keys(products).length} products from ${dataDir})`,
);
if (values['api-key']) console.log('Operations want the API key (Authorization: Bearer KEY, or X-Api-Key: KEY).');
console.log(`OpenAPI document: ${api.url}/openapi.json; reset: POST ${api.url}/__reset; state: GET ${api.url}/__state`);
const stop = () => void api.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
