import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import foundingPlan from './fixtures/founding-plan.plan.json' with { type: 'json' };
import foundingUnits from './fixtures/founding-plan.units.json' with { type: 'json' };
import { PlanImportObject } from './plan-format.js';
import { PlansService } from './plans.service.js';

/**
 * The founding plan (../shared/seeds/000_…txt) as structured data, its organisations mapped to
 * the demo directory by code. The importer issue replaces this fixture with the importer's output.
 */
export async function seedFoundingPlan(db: Kysely<Database>, unitIds: Map<string, string>): Promise<string> {
  const plan = PlanImportObject.parse(foundingPlan);
  const codes = foundingUnits as Record<string, string | null>;
  const idOf = (code: string | null | undefined) => {
    if (!code) return null;
    const id = unitIds.get(code);
    if (!id) throw new Error(`founding plan: unit code ${code} is not in the demo directory`);
    return id;
  };
  const units: Record<string, string | null> = {};
  for (const [name, code] of Object.entries(codes)) if (!name.startsWith('$')) units[name] = idOf(code);
  const ownerUnitId = idOf(codes.$owner);
  if (!ownerUnitId) throw new Error('founding plan: $owner missing');
  return new PlansService(db).create(
    { actor: SYSTEM_ACTOR },
    { plan, ownerUnitId, issuerUnitId: idOf(codes.$issuer), units },
  );
}
