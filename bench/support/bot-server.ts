// A Baton server for benchmarks of the bot's path: test/support/server-process.ts with the
// real engine (as `baton serve` builds it, without a language model), not the scripted one.
import { loadEnv } from '../../src/config/env.ts';
import { startBaton } from '../../src/app/runtime.ts';
import { createEngine } from '../../src/engine/index.ts';

const baton = await startBaton({
  env: loadEnv(process.env),
  engineFactory: (articles, o) => createEngine(articles, { workspaceId: o?.workspaceId }),
});
process.stdout.write(`LISTENING ${baton.url}\n`);
process.once('SIGTERM', () => void baton.stop().then(() => process.exit(0)));
