import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/auth/session.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { seedWidePlan, WIDE_SELECTOR } from '../../test-support/wide-plan.js';
import foundingPlan from './fixtures/founding-plan.plan.json' with { type: 'json' };
import { PlansService } from './plans.service.js';

interface AssignmentBody {
  unitId: string | null;
  unitName: string | null;
  role: string;
  organization: string;
  selector: string | null;
}
interface TaskBody {
  kind: 'task';
  id: string;
  ref: string;
  children: NodeBody[];
  assignments: {
    total: number;
    roles: {
      role: string;
      count: number;
      groups: { selector: string | null; count: number; first: AssignmentBody[] }[];
    }[];
  };
}
type NodeBody = TaskBody | { kind: 'section'; id: string; label: string; title: string | null; children: NodeBody[] };
interface PlanBody {
  id: string;
  document: { title: string; typeName: string; issuer: string };
  references: { symbol: string; relation: string }[];
  taskCount: number;
  tree: NodeBody[];
  recipients: { asWritten: string; isArchive: boolean }[];
  signer: { name: string };
}

/** The tree's tasks in order (depth first). */
const tasksOf = (nodes: NodeBody[]): TaskBody[] =>
  nodes.flatMap((n) => [...(n.kind === 'task' ? [n] : []), ...tasksOf(n.children)]);
/** A task's assignments as the plan answer names them (the first few of each group). */
const named = (task: TaskBody | undefined) =>
  task?.assignments.roles.flatMap((r) => r.groups.flatMap((g) => g.first)) ?? [];

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
    expect(plan.tree.map((s) => (s.kind === 'section' ? [s.label, s.children.length] : null))).toEqual([
      ['I', 0],
      ['II', 4],
      ['III', 5],
    ]);
    // Each task sits under the sub-section it is numbered after: II → 1 → II.1.
    const ii = plan.tree[1];
    expect(ii?.children.map((c) => [c.kind, c.children.map((t) => (t.kind === 'task' ? t.ref : t.label))])).toEqual([
      ['section', ['II.1']],
      ['section', ['II.2']],
      ['section', ['II.3']],
      ['section', ['II.4']],
    ]);
    expect(plan.taskCount).toBe(9);
    expect(tasksOf(plan.tree).map((task) => task.ref)).toEqual([
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
    const iii5 = tasksOf(plan.tree).find((task) => task.ref === 'III.5');
    expect(named(iii5).map((a) => [a.unitId, a.role])).toEqual([
      [bdv, 'lead'],
      [hlhpn, 'coordinate'],
      [huyenUy, 'advised'],
    ]);
    expect(named(iii5)[0]?.unitName).toBe('Ban Dân vận Huyện ủy Bắc Yên');
    expect(plan.recipients).toHaveLength(6);
    expect(plan.recipients.at(-1)).toMatchObject({ asWritten: 'Lưu.', isArchive: true });
    expect(plan.signer.name).toBe('Sùng Lữ Páo');
  });

  it('stores every assignment the importer read, a collective actor expanded to its units', async () => {
    const plan = (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}` })).json() as PlanBody;
    const fixture = foundingPlan as unknown as {
      tasks: { ref: string; assignments: { organization: string; role: string }[] }[];
    };
    const all = async (task: TaskBody) => {
      const res = await monitor.request({
        method: 'GET',
        url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments?limit=500`,
      });
      expect(res.statusCode).toBe(200);
      return res.json().items as AssignmentBody[];
    };
    const distinct = (list: { organization: string; role: string }[]) => [
      ...new Map(
        list.map((a) => [`${a.organization}|${a.role}`, { organization: a.organization, role: a.role }]),
      ).values(),
    ];
    const tasks = tasksOf(plan.tree);
    const stored = [];
    for (const task of tasks) stored.push({ ref: task.ref, assignments: distinct(await all(task)) });
    expect(stored).toEqual(fixture.tasks.map((task) => ({ ref: task.ref, assignments: task.assignments })));
    const iii1 = tasks.find((task) => task.ref === 'III.1');
    const committees = (iii1 ? await all(iii1) : []).filter((a) => a.organization === 'Các cấp ủy đảng');
    expect(committees.length).toBeGreaterThan(16);
    expect(committees.every((a) => a.unitId !== null && a.selector === 'Các cấp ủy đảng')).toBe(true);
    // The plan answer counts them and names only the first few.
    const group = iii1?.assignments.roles.flatMap((r) => r.groups).find((g) => g.selector === 'Các cấp ủy đảng');
    expect(group?.count).toBe(committees.length);
    expect(group?.first.length).toBe(5);
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

  it('summarises a task assigned to 3,000 units and pages through them', async () => {
    const { planId: id, unitIds } = await seedWidePlan(t.db, 3000);
    const selector = WIDE_SELECTOR;
    const res = await monitor.request({ method: 'GET', url: `/api/v1/plans/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(100_000);
    const task = tasksOf((res.json() as PlanBody).tree)[0];
    if (!task) throw new Error('no task');
    expect(task.assignments.total).toBe(3002);
    expect(task.assignments.roles.map((r) => [r.role, r.count])).toEqual([
      ['lead', 1],
      ['responsible', 3000],
      ['coordinate', 1],
    ]);
    const group = task.assignments.roles[1]?.groups[0];
    expect(group).toMatchObject({ selector, count: 3000 });
    expect(group?.first.map((a) => a.unitName)).toEqual([
      'Đảng ủy xã Thử Nghiệm 0001',
      'Đảng ủy xã Thử Nghiệm 0002',
      'Đảng ủy xã Thử Nghiệm 0003',
      'Đảng ủy xã Thử Nghiệm 0004',
      'Đảng ủy xã Thử Nghiệm 0005',
    ]);

    const url = `/api/v1/plans/${id}/tasks/${task.id}/assignments`;
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 500) {
      const page = await monitor.request({ method: 'GET', url: `${url}?role=responsible&limit=500&offset=${offset}` });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: AssignmentBody[]; total: number };
      expect(body.total).toBe(3000);
      for (const a of body.items) seen.add(a.unitId ?? '');
      if (body.items.length < 500) break;
    }
    expect(seen).toEqual(new Set(unitIds));

    const all = (await monitor.request({ method: 'GET', url: `${url}?limit=3` })).json();
    expect(all.total).toBe(3002);
    expect(all.items.map((a: AssignmentBody) => a.role)).toEqual(['lead', 'responsible', 'responsible']);
    // Search by a folded name: "thu nghiem 0042" finds the one unit, diacritics or not.
    const found = (
      await monitor.request({ method: 'GET', url: `${url}?q=${encodeURIComponent('Thử nghiệm 0042')}` })
    ).json();
    expect(found.items.map((a: AssignmentBody) => a.unitName)).toEqual(['Đảng ủy xã Thử Nghiệm 0042']);
    expect((await monitor.request({ method: 'GET', url: `${url}?q=100%25` })).json().total).toBe(0);

    // Bad input is a 4xx that names the problem; a task of another plan is not found.
    for (const query of ['limit=0', 'limit=501', 'offset=-1', 'role=boss', 'q=%00', 'extra=1']) {
      const bad = await monitor.request({ method: 'GET', url: `${url}?${query}` });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    const other = await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments` });
    expect(other.statusCode).toBe(404);
    // A commune officer reads the district's plan, and so the page of its task.
    const officer = await t.login('xa1-canbo');
    expect((await officer.request({ method: 'GET', url: `${url}?limit=1` })).statusCode).toBe(200);
  });
});
