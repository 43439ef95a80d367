import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { loadCliEnv } from '../env.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (DATABASE_URL, or the embedded database in BATON_DATA_DIR)')
    .action(async () => {
      const env = loadCliEnv(process.env);
      const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
      try {
        const result = await migrateToLatest(database);
        const ran = result.results ?? [];
        console.log(ran.length ? ran.map((r) => `${r.migrationName}: ${r.status}`).join('\n') : 'Schema is up to date.');
      } finally {
        await database.close();
      }
    });
}
