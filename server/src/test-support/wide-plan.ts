import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import foundingPlan from '../modules/plans/fixtures/founding-plan.plan.json' with { type: 'json' };
import { PlansService } from '../modules/plans/plans.service.js';
import { SYSTEM_ACTOR } from '../platform/access.js';
import type { Database } from '../platform/db/schema.js';
import { fold } from '../platform/text.js';

export const WIDE_SELECTOR = 'Tất cả xã, phường của tỉnh';

/**
 * A plan of the demo district whose one task is done by `count` communes (new party
 * committees "Đảng ủy xã Thử Nghiệm 0001" … under the district), led by the Mass Mobilisation
 * Board with the Women's Union coordinating: the shape of a provincial plan that reaches every
 * commune.
 */
export async function seedWidePlan(
  db: Kysely<Database>,
  count: number,
): Promise<{ planId: string; unitIds: string[] }> {
  const one = async (code: string) =>
    await db.selectFrom('org_unit').select(['id', 'path', 'depth']).where('code', '=', code).executeTakeFirstOrThrow();
  const huyen = await one('huyen');
  const units = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const name = `Đảng ủy xã Thử Nghiệm ${String(i + 1).padStart(4, '0')}`;
    return {
      id,
      code: `thu-${i}`,
      parent_id: huyen.id,
      path: `${huyen.path}${id}/`,
      depth: huyen.depth + 1,
      kind: 'party_committee',
      level: 'commune',
      name,
      search_text: fold(`${name} thu-${i}`),
    };
  });
  for (let i = 0; i < units.length; i += 1000) {
    await db
      .insertInto('org_unit')
      .values(units.slice(i, i + 1000))
      .execute();
  }
  const plan = structuredClone(foundingPlan) as Parameters<InstanceType<typeof PlansService>['create']>[1]['plan'];
  plan.document.title = 'Kế hoạch giao cho mọi xã';
  plan.document.symbol = '77-KH/HU';
  plan.tasks = [
    {
      ref: 'II.1',
      title: null,
      text: 'Mọi xã triển khai',
      deadline: null,
      recurrence: null,
      assignments: [
        { organization: 'Ban Dân vận Huyện ủy', role: 'lead' },
        { organization: WIDE_SELECTOR, role: 'responsible' },
        { organization: 'Hội LHPN huyện', role: 'coordinate' },
      ],
    },
  ];
  const { id } = await new PlansService(db).create(
    { actor: SYSTEM_ACTOR },
    {
      plan,
      ownerUnitId: (await one('huyen-uy-btv')).id,
      units: {
        'Ban Dân vận Huyện ủy': (await one('huyen-uy-bdv')).id,
        [WIDE_SELECTOR]: units.map((u) => u.id),
        'Hội LHPN huyện': (await one('huyen-hlhpn')).id,
      },
    },
  );
  return { planId: id, unitIds: units.map((u) => u.id) };
}
