import type { Kysely } from 'kysely';
import { seedCascade, seedSourceDocuments } from '../modules/documents/documents.seed.js';
import { seedDemoDirectory } from '../modules/organizations/organizations.seed.js';
import { OrganizationsService } from '../modules/organizations/organizations.service.js';
import { seedFoundingPlan } from '../modules/plans/plans.seed.js';
import { seedDemoUsers } from '../modules/users/users.seed.js';
import { migrateToLatest } from './db/database.js';
import type { Database } from './db/schema.js';

export interface BootstrapResult {
  migration: string | null;
  demoLoaded: boolean;
}

/**
 * Brings a database to a usable state: migrations, reference lists, and — when asked and the
 * directory is empty — the demo. Safe to run at every start.
 */
export async function bootstrap(
  db: Kysely<Database>,
  options: { demo: boolean; demoPassword: string },
): Promise<BootstrapResult> {
  const migration = await migrateToLatest(db);
  await new OrganizationsService(db).ensureReferenceData();
  let demoLoaded = false;
  if (options.demo) {
    const empty = (await db.selectFrom('org_unit').select('id').limit(1).execute()).length === 0;
    if (empty) {
      await loadDemo(db, options.demoPassword);
      demoLoaded = true;
    }
  }
  return { migration, demoLoaded };
}

export async function loadDemo(db: Kysely<Database>, password: string): Promise<void> {
  const units = await seedDemoDirectory(db);
  await seedSourceDocuments(db, units);
  const plan = await seedFoundingPlan(db);
  await seedCascade(db, units, plan.documentId);
  await seedDemoUsers(db, units, password);
}
