import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrator, newPGlite, openDatabase } from './db/database.js';

/** Migration 0008: unit codes that differ only by case are kept (renamed, audited), then unique. */
describe('migration 0008_text_identity', () => {
  it('renames case twins of a unit code, records it, and refuses new twins', async () => {
    const database = await openDatabase({ pglite: newPGlite() });
    try {
      const { error } = await migrator(database.db).migrateTo('0002_documents');
      expect(error).toBeUndefined();
      await sql`insert into org_kind (code, name_vi, name_en, system) values ('area', 'Địa bàn', 'Area', 'state')`.execute(
        database.db,
      );
      await sql`insert into org_level (code, name_vi, name_en, rank) values ('commune', 'Xã', 'Commune', 3)`.execute(
        database.db,
      );
      const insert = (id: string, code: string) =>
        sql`insert into org_unit (id, code, parent_id, path, depth, kind, level, name, search_text)
            values (${id}, ${code}, null, ${`/${id}/`}, 0, 'area', 'commune', ${code}, ${code.toLowerCase()})`.execute(
          database.db,
        );
      await insert('00000000-0000-4000-8000-000000000001', 'xa-a');
      await insert('00000000-0000-4000-8000-000000000002', 'XA-A');
      await insert('00000000-0000-4000-8000-000000000003', 'xa-b');
      await migrateToLatest(database.db);
      const codes = await database.db.selectFrom('org_unit').select(['id', 'code']).orderBy('id').execute();
      expect(codes.map((c) => c.code)).toEqual(['xa-a', 'XA-A-00000000', 'xa-b']);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'org_unit.code_deduplicated')
        .execute();
      expect(audit).toEqual([
        { action: 'org_unit.code_deduplicated', entity_id: '00000000-0000-4000-8000-000000000002' },
      ]);
      await expect(insert('00000000-0000-4000-8000-000000000004', 'XA-B')).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
