// A Baton server for benchmarks of the bot's path: test/support/server-process.ts with the
// real engine as `baton serve` builds it (in the engine thread unless ENGINE_THREAD=off),
// without a language model, not the scripted one.
import { loadEnv } from '../../src/config/env.ts';
import { startBaton } from '../../src/app/runtime.ts';
import { serverEngines } from '../../src/engine/thread/engine-thread.ts';

const env = loadEnv(process.env);
const engines = serverEngines({ thread: env.ENGINE_THREAD });
const baton = await startBaton({ env, engineFactory: engines.factory });
process.stdout.write(`LISTENING ${baton.url}\n`);
process.once('SIGTERM', () => void baton.stop().then(() => process.exit(0)));
