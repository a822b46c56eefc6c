import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { packageRoot } from '../../platform/paths.js';
import { importFile } from '../importer/import-file.js';
import { previewChoices } from './plans.import.js';
import { PlansService } from './plans.service.js';

/** The founding document (../shared/seeds/000_5224bed5587cb734.txt), kept in the repository. */
export const FOUNDING_TEXT_PATH = join(packageRoot(), 'server/src/modules/plans/fixtures/founding-plan.txt');

/** Number, symbol and date of the founding plan in the demo registry (the contract's example). */
export const DEMO_REGISTRATION = { number: '45', symbol: '45-KH/HU', date: '2018-06-01' };

/**
 * The demo's plan is produced the way a user produces one: the importer reads the founding
 * text, the matcher proposes units, and the proposal is accepted as it stands — matched names
 * get their unit, collective phrases their units, the rest stays unassigned for a person to fix.
 * The text carries no number or date; the demo fills them in as a reviewer would.
 */
export async function seedFoundingPlan(db: Kysely<Database>): Promise<{ id: string; documentId: string }> {
  const result = await importFile(readFileSync(FOUNDING_TEXT_PATH), 'founding-plan.txt');
  if (!result.ok) throw new Error(`founding plan: ${result.message.en}`);
  const plan = { ...result.plan, document: { ...result.plan.document, ...DEMO_REGISTRATION } };
  const { owner, units } = await previewChoices(db, SYSTEM_ACTOR, plan);
  if (!owner) throw new Error('founding plan: the issuing unit was not recognised');
  return new PlansService(db).create({ actor: SYSTEM_ACTOR }, { plan, ownerUnitId: owner, units });
}
