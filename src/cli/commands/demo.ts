import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, ensureDemoWorkspace } from '../../workspaces/demo.ts';
import { loadCliEnv } from '../env.ts';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed the demo workspace (teams, agents, demo knowledge) without starting the server')
    .action(async () => {
      const env = loadCliEnv(process.env);
      const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
      try {
        await migrateToLatest(database);
        const { created } = await ensureDemoWorkspace(database.db);
        console.log(created ? 'Demo workspace created.' : 'Demo workspace already there.');
        console.log(`Logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.map((l) => l.email).join(', ')}`);
      } finally {
        await database.close();
      }
    });
}
