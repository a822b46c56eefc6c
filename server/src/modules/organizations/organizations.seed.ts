import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { DEMO_DIRECTORY } from './demo-directory.js';
import { OrganizationsService } from './organizations.service.js';

/** Loads the demo directory; returns unit ids by code. */
export async function seedDemoDirectory(db: Kysely<Database>): Promise<Map<string, string>> {
  const service = new OrganizationsService(db);
  const ids = new Map<string, string>();
  const ctx = { actor: SYSTEM_ACTOR };
  for (const unit of DEMO_DIRECTORY) {
    const parentId = unit.parent ? ids.get(unit.parent) : null;
    if (parentId === undefined) throw new Error(`demo directory: parent ${unit.parent} of ${unit.code} not loaded yet`);
    const created = await service.create(ctx, {
      code: unit.code,
      parentId,
      kind: unit.kind,
      level: unit.level,
      name: unit.name,
      shortName: unit.shortName ?? null,
      aliases: unit.aliases ?? [],
      validFrom: unit.validFrom ?? null,
    });
    ids.set(unit.code, created.id);
  }
  return ids;
}
