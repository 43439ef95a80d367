import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database.ts';
import * as m0001 from './migrations/0001_core.ts';
import * as m0002 from './migrations/0002_privacy.ts';
import * as m0003 from './migrations/0003_routing.ts';
import * as m0004 from './migrations/0004_connectors.ts';
import * as m0005 from './migrations/0005_audit.ts';
import * as m0006 from './migrations/0006_analytics.ts';
import * as m0007 from './migrations/0007_message_client_id.ts';
import * as m0008 from './migrations/0008_actions.ts';
import * as m0010 from './migrations/0010_agent_email_per_workspace.ts';
import * as m0012 from './migrations/0012_agent_presence.ts';
import * as m0013 from './migrations/0013_action_state.ts';
import * as m0014 from './migrations/0014_conversation_room_for_updates.ts';
import * as m0015 from './migrations/0015_macro_language.ts';

// Migrations are listed here in order, so they run the same from source and in tests.
const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_privacy': m0002,
  '0003_routing': m0003,
  '0004_connectors': m0004,
  '0005_audit': m0005,
  '0006_analytics': m0006,
  '0007_message_client_id': m0007,
  '0008_actions': m0008,
  '0010_agent_email_per_workspace': m0010,
  '0012_agent_presence': m0012,
  '0013_action_state': m0013,
  '0014_conversation_room_for_updates': m0014,
  '0015_macro_language': m0015,
};

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: result.error });
  }
  return result;
}
