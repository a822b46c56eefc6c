import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/auth/session.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import foundingPlan from './fixtures/founding-plan.plan.json' with { type: 'json' };
import { PlansService } from './plans.service.js';

interface PlanBody {
  id: string;
  document: { title: string; typeName: string; issuer: string };
  references: { symbol: string; relation: string }[];
  sections: { label: string; children: { label: string }[] }[];
  tasks: {
    ref: string;
    assignments: { unitId: string | null; unitName: string | null; role: string; organization: string }[];
  }[];
  recipients: { asWritten: string; isArchive: boolean }[];
  signer: { name: string };
}

describe.each(backends())('plans on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  let planId: string;
  beforeAll(async () => {
    t = await testApp(kind);
    monitor = await t.login('giamsat');
    const list = await monitor.request({ method: 'GET', url: '/api/v1/plans' });
    expect(list.statusCode).toBe(200);
    planId = list.json().items[0].id;
  });
  afterAll(() => t.close());

  it('lists the founding plan with its nine tasks', async () => {
    const res = await monitor.request({ method: 'GET', url: '/api/v1/plans' });
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: planId, typeName: 'Kế hoạch', taskCount: 9, issuer: 'Ban Thường vụ Huyện ủy' }),
    ]);
  });

  it('shows the plan: document, references, sections, 9 tasks with assignments, recipients, signer', async () => {
    const res = await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}` });
    expect(res.statusCode).toBe(200);
    const plan = res.json() as PlanBody;
    expect(plan.document.title).toContain('Chỉ thị số 21-CT/TW');
    expect(plan.references.map((r) => [r.symbol, r.relation])).toEqual([
      ['21-CT/TW', 'implements'],
      ['570-CV/TU', 'basis'],
      ['11-NQ/TW', 'cites'],
      ['57-CTr/TU', 'cites'],
      ['23-CT/HU', 'cites'],
    ]);
    expect(plan.sections.map((s) => [s.label, s.children.length])).toEqual([
      ['I', 0],
      ['II', 4],
      ['III', 5],
    ]);
    expect(plan.tasks.map((task) => task.ref)).toEqual([
      'II.1',
      'II.2',
      'II.3',
      'II.4',
      'III.1',
      'III.2',
      'III.3',
      'III.4',
      'III.5',
    ]);
    const bdv = await unitId(t, 'huyen-uy-bdv');
    const hlhpn = await unitId(t, 'huyen-hlhpn');
    const huyenUy = await unitId(t, 'huyen-uy');
    const iii5 = plan.tasks.find((task) => task.ref === 'III.5');
    expect(iii5?.assignments.map((a) => [a.unitId, a.role])).toEqual([
      [bdv, 'lead'],
      [hlhpn, 'coordinate'],
      [huyenUy, 'advised'],
    ]);
    expect(iii5?.assignments[0]?.unitName).toBe('Ban Dân vận Huyện ủy Bắc Yên');
    expect(plan.recipients).toHaveLength(6);
    expect(plan.recipients.at(-1)).toMatchObject({ asWritten: 'Lưu.', isArchive: true });
    expect(plan.signer.name).toBe('Sùng Lữ Páo');
  });

  it('stores every assignment the importer read, a collective actor expanded to its units', async () => {
    const plan = (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}` })).json() as PlanBody;
    const fixture = foundingPlan as unknown as {
      tasks: { ref: string; assignments: { organization: string; role: string }[] }[];
    };
    const distinct = (list: { organization: string; role: string }[]) => [
      ...new Map(
        list.map((a) => [`${a.organization}|${a.role}`, { organization: a.organization, role: a.role }]),
      ).values(),
    ];
    expect(plan.tasks.map((task) => ({ ref: task.ref, assignments: distinct(task.assignments) }))).toEqual(
      fixture.tasks.map((task) => ({ ref: task.ref, assignments: task.assignments })),
    );
    const committees = plan.tasks
      .find((task) => task.ref === 'III.1')
      ?.assignments.filter((a) => a.organization === 'Các cấp ủy đảng');
    expect(committees?.length).toBeGreaterThan(16);
    expect(committees?.every((a) => a.unitId !== null)).toBe(true);
  });

  it('lists what a unit is assigned across plans', async () => {
    const bdv = await unitId(t, 'huyen-uy-bdv');
    const res = await monitor.request({ method: 'GET', url: `/api/v1/org-units/${bdv}/assignments` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        role: 'lead',
        task: expect.objectContaining({ ref: 'III.5' }),
        plan: expect.objectContaining({ id: planId }),
      }),
    ]);
  });

  it('shows the district plan to a commune officer, and hides a plan of another commune', async () => {
    const officer = await t.login('xa1-canbo');
    expect((await officer.request({ method: 'GET', url: `/api/v1/plans/${planId}` })).statusCode).toBe(200);

    // A plan issued by another commune (Hang Chú) is not the Tà Xùa officer's business.
    const hangChu = await unitId(t, 'xa-hang-chu-du');
    const admin = await t.login('admin');
    const fixture = structuredClone(foundingPlan) as Parameters<InstanceType<typeof PlansService>['create']>[1]['plan'];
    fixture.document.title = 'Kế hoạch của Đảng ủy xã Hang Chú';
    const actor = await loadActor(t.db, admin.user.id);
    if (!actor) throw new Error('admin actor');
    const { id: otherId } = await new PlansService(t.db).create(
      { actor },
      { plan: fixture, ownerUnitId: hangChu, units: {} },
    );
    const denied = await officer.request({ method: 'GET', url: `/api/v1/plans/${otherId}` });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('out_of_scope');
    const visible = (await officer.request({ method: 'GET', url: '/api/v1/plans' }))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(visible).toEqual([planId]);
    const monitorSees = (await monitor.request({ method: 'GET', url: '/api/v1/plans' })).json().items;
    expect(monitorSees).toHaveLength(2);
  });

  it('creates a plan in one transaction: a forged unit id leaves nothing behind', async () => {
    const admin = await t.login('admin');
    const actor = await loadActor(t.db, admin.user.id);
    if (!actor) throw new Error('admin actor');
    const count = async () => (await t.db.selectFrom('document').select('id').execute()).length;
    const before = await count();
    const fixture = structuredClone(foundingPlan) as Parameters<InstanceType<typeof PlansService>['create']>[1]['plan'];
    await expect(
      new PlansService(t.db).create(
        { actor },
        {
          plan: fixture,
          ownerUnitId: await unitId(t, 'huyen-uy-btv'),
          units: { 'Huyện ủy': '00000000-0000-4000-8000-000000000000' },
        },
      ),
    ).rejects.toMatchObject({ status: 400, code: 'unknown_reference' });
    expect(await count()).toBe(before);
  });
});
