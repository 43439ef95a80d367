// A Baton server in its own process, for tests that kill it or run several nodes:
// the same runtime as `baton serve`, with the test engine, configured by the environment.
import { loadEnv } from '../../src/config/env.ts';
import { startBaton } from '../../src/app/runtime.ts';
import { exitOnSignal } from '../../src/app/shutdown.ts';
import { scriptedEngineFactory } from './scripted-engine.ts';

const baton = await startBaton({ env: loadEnv(process.env), engineFactory: scriptedEngineFactory });
process.stdout.write(`LISTENING ${baton.url}\n`);
exitOnSignal(() => baton.stop(), baton.ctx.log, { stage: baton.stopping });
