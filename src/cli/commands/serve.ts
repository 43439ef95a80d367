import type { Command } from 'commander';
import pino, { type Logger } from 'pino';
import { EnvSchema } from '../../config/env.ts';
import { parseEnvOrExit } from '../../env.ts';
import { startBaton } from '../../app/runtime.ts';
import { exitOnSignal } from '../../app/shutdown.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SLUG, ensureDemoActions, ensureDemoWorkspace } from '../../workspaces/demo.ts';
import { startRetailApi, type RunningRetailApi } from '../../demo/retail-api/server.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the Baton server (HTTP API, WebSocket, agent workspace, widget)')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)')
    .option('--demo', 'seed the demo workspace (agents, teams, knowledge) if it is not there yet')
    .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
      const env = parseEnvOrExit(EnvSchema, {
        ...process.env,
        ...(opts.port ? { PORT: opts.port } : {}),
        ...(opts.host ? { HOST: opts.host } : {}),
      });
      // Loaded here, not at the top: other commands should not pay for the engine's imports.
      const { loadLlmConfig } = await import('../../engine/index.ts');
      const { serverEngines } = await import('../../engine/thread/engine-thread.ts');
      // Optional model (docs/llm.md): configured by BATON_LLM_*, checked here with the rest.
      const llm = loadLlmConfig(process.env);
      if (llm.problems.length > 0) {
        console.error(`invalid configuration:\n${llm.problems.map((p) => `  - ${p}`).join('\n')}`);
        process.exit(2);
      }
      // The bot's turns and knowledge builds run in the engine thread, off the event loop
      // (decisions/0005); ENGINE_THREAD=off keeps them on it (debugging, profiling one thread).
      const engines = serverEngines({ thread: env.ENGINE_THREAD, llm: llm.config });
      // With a model, workspaces' tools become its function calls (docs/llm.md); else playbooks run.
      const baton = await startBaton({ env, engineFactory: engines.factory, log: serverLogger(env.LOG_LEVEL), actionsModel: llm.config });
      let retail: RunningRetailApi | null = null;
      if (opts.demo) {
        const { created, workspace } = await ensureDemoWorkspace(baton.ctx.db);
        // The demo shop's own API (the retail stand-in, bundled data) on loopback, for its actions.
        retail = await startRetailApi({ port: 0, host: '127.0.0.1' });
        const { knowledgeChanged } = await ensureDemoActions(baton.ctx.db, workspace.id, retail.url);
        if (knowledgeChanged) baton.ctx.bot.invalidate(workspace.id);
        printDemo(baton.url, created, env.DATABASE_URL ? 'Postgres' : 'embedded database', retail.url);
      } else {
        console.log(`Baton is listening on ${baton.url}`);
      }
      exitOnSignal(
        async () => {
          await retail?.close();
          await baton.stop();
          await engines.close();
        },
        baton.ctx.log,
        { stage: baton.stopping },
      );
    });
}

/** JSON lines for log collectors; readable lines when a person watches the terminal. */
function serverLogger(level: string): Logger {
  if (!process.stdout.isTTY) return pino({ level });
  return pino({ level, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } });
}

function printDemo(url: string, created: boolean, database: string, shop: string): void {
  const lines = [
    '',
    `Baton is running: ${url}`,
    created ? `Demo workspace created (${database}).` : 'Demo workspace ready.',
    `  Agent workspace: ${url}/app   (log in as ${DEMO_LOGINS[0]!.email} / ${DEMO_PASSWORD}; also ${DEMO_LOGINS.slice(1)
      .map((l) => l.email)
      .join(', ')})`,
    `  Chat widget demo: ${url}/demo   (workspace "${DEMO_SLUG}")`,
    `  API docs (OpenAPI): ${url}/api/v1/openapi.json`,
    `  Shop API (retail stand-in, the bot's tools): ${shop}`,
    `    In the widget try "Where is my order #W5442520?", give olivia.ito5204@example.com, then "cancel order #W5442520, I ordered it by mistake" and "yes".`,
    'Press Ctrl+C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}
