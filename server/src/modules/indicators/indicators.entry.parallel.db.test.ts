import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFigures } from '../../test-support/indicators.js';

/** Simultaneous saves through the route (run on PostgreSQL with TEST_DATABASE_URL): never a 500, never a lost write. */
describe.each(backends())('parallel saves of one form on %s', (kind) => {
  let t: TestApp;
  let sessions: Session[];
  let du: string;
  const clock = fixedClock('2026-03-10T03:00:00Z');
  const url = () => `/api/v1/indicators/forms/${du}/2025`;
  const cell = (element: string, combo: string, value: number, version: number) => ({
    element,
    combo,
    value,
    notAvailable: false,
    version,
  });
  const stored = async (element: string) =>
    t.db
      .selectFrom('data_value as v')
      .innerJoin('data_element as e', 'e.id', 'v.element_id')
      .select(['v.combo', 'v.value', 'v.version'])
      .where('v.unit_id', '=', du)
      .where('e.code', '=', element)
      .execute();

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    await clearFigures(t.db);
    du = await unitId(t, 'xa-ta-xua-du');
    // Two people of the commune at once: the officer and the unit head, several sessions each.
    sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await t.login(i % 2 === 0 ? 'xa1-canbo' : 'xa1-truong'));
  }, 300_000);
  afterAll(() => t?.close());

  it('20 saves of the same cell from the same version: one 200, the rest 409 stale_version, nothing lost', async () => {
    const first = await sessions[0]?.request({
      method: 'PUT',
      url: url(),
      payload: { changes: [cell('CU_TONG', '', 10, 0)] },
    });
    expect(first?.statusCode, first?.body).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (sessions[i % sessions.length] as Session).request({
          method: 'PUT',
          url: url(),
          payload: { changes: [cell('CU_TONG', '', 20 + i, 1)] },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'stale_version')).toBe(true);
    const winner = answers.findIndex((a) => a.statusCode === 200);
    const [row] = await stored('CU_TONG');
    expect(Number(row?.value)).toBe(20 + winner);
    expect(row?.version).toBe(2);
    const history = await t.db
      .selectFrom('data_value_history')
      .select(['old_value', 'new_value'])
      .where('unit_id', '=', du)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    expect(history.map((h) => [h.old_value === null ? null : Number(h.old_value), Number(h.new_value)])).toEqual([
      [null, 10],
      [10, 20 + winner],
    ]);
  });

  it('two saves of different cells that together break a rule: one is refused', async () => {
    const [members] = await stored('CU_TONG');
    const total = Number(members?.value);
    // Each half alone fits under the members; both together do not.
    const half = Math.floor(total / 2) + 1;
    const answers = await Promise.all([
      (sessions[0] as Session).request({
        method: 'PUT',
        url: url(),
        payload: { changes: [cell('CU_NU', 'AGE:duoi40|ETH:thai', half, 0)] },
      }),
      (sessions[1] as Session).request({
        method: 'PUT',
        url: url(),
        payload: { changes: [cell('CU_NU', 'AGE:tu40|ETH:kinh', half, 0)] },
      }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const refused = answers.find((a) => a.statusCode === 400);
    expect(refused?.json().code).toBe('figures_invalid');
    const women = await stored('CU_NU');
    expect(women).toHaveLength(1);
    expect(women.reduce((s, w) => s + Number(w.value), 0)).toBeLessThanOrEqual(total);
  });
});
