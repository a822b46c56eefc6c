import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { ensureCatalogue } from './catalogue.load.js';

describe.each(backends())('the indicator catalogue on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind, 'empty');
  });
  afterAll(() => t?.close());

  it('is loaded at start: 21 indicators, their elements, rules and yearly targets with sources', async () => {
    const indicators = await t.db.selectFrom('indicator').select(['code']).execute();
    expect(indicators).toHaveLength(21);
    const ld01 = await t.db
      .selectFrom('indicator_target as t')
      .innerJoin('indicator as i', 'i.id', 't.indicator_id')
      .select(['t.year', 't.value', 't.source'])
      .where('i.code', '=', 'W21-LD04')
      .orderBy('t.year')
      .execute();
    expect(ld01.find((r) => r.year === 2025)).toMatchObject({ value: '60' });
    expect(ld01.find((r) => r.year === 2030)).toMatchObject({ value: '75' });
    expect(ld01.every((r) => r.source.includes('28/NQ-CP'))).toBe(true);
    const el = await t.db.selectFrom('data_element').selectAll().where('code', '=', 'CU_NU').executeTakeFirstOrThrow();
    expect(el.categories).toEqual(['AGE', 'ETH']);
    expect(el.aggregation).toBe('last');
  });

  it('never overwrites what an administrator changed when it runs again', async () => {
    await t.db
      .updateTable('indicator')
      .set({ name_vi: 'Tên do quản trị viên sửa' })
      .where('code', '=', 'W21-LD01')
      .execute();
    await t.db.deleteFrom('indicator_target').where('year', '=', 2030).execute();
    await ensureCatalogue(t.db);
    const row = await t.db
      .selectFrom('indicator')
      .select('name_vi')
      .where('code', '=', 'W21-LD01')
      .executeTakeFirstOrThrow();
    expect(row.name_vi).toBe('Tên do quản trị viên sửa');
    const t2030 = await t.db.selectFrom('indicator_target').select('id').where('year', '=', 2030).execute();
    expect(t2030).toHaveLength(0);
  });
});
