import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { verifyAuditChain } from '../../audit/verify.ts';
import { loadCliEnv } from '../env.ts';

/** `baton audit-log verify`: walks the hash chain; exit 1 at the first broken link. */
export function auditLogCommand(program: Command): void {
  const audit = program.command('audit-log').description('The append-only, hash-chained audit log');
  audit
    .command('verify')
    .description('Recompute every entry hash and link; report the first edited or deleted entry (exit 1)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const env = loadCliEnv(process.env);
      const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
      try {
        const result = await verifyAuditChain(database.db);
        if (opts.json) console.log(JSON.stringify(result));
        else if (result.ok) console.log(`Audit log intact: ${result.checked} entries; head ${result.headHash}`);
        else
          console.error(
            `Audit log BROKEN at entry ${result.broken!.id}: ${result.broken!.message} (${result.checked} entries before it are intact)`,
          );
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await database.close();
      }
    });
}
