import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import { type PlanChange, registerChangeHandlers } from '../../platform/plan-events.js';
import { addAccessUsers, EXTRA_PASSWORD } from '../../test-support/access-users.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { modules } from '../index.js';
import { OrganizationsService } from '../organizations/organizations.service.js';

interface Node {
  kind: 'section' | 'task';
  id: string;
  version: number;
  status: string;
  title: string | null;
  label?: string;
  ref?: string;
  deadline?: string | null;
  children: Node[];
  assignments?: {
    total: number;
    roles: { role: string; groups: { first: { id: string; unitId: string | null }[] }[] }[];
  };
}
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

describe.each(backends())('plan editing on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  let other: Session;
  let viewer: Session;
  let planId: string;
  const changes: PlanChange[] = [];

  const get = async () => (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}` })).json();
  const count = async (table: 'audit_log' | 'plan_node' | 'assignment') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const firstTask = async (): Promise<Node> =>
    flat((await get()).tree).find(
      (n: Node) => n.kind === 'task' && n.status !== 'cancelled' && (n.assignments?.total ?? 0) > 0,
    ) as Node;

  beforeAll(async () => {
    t = await testApp(kind);
    await addAccessUsers(t);
    registerChangeHandlers([...modules, { onPlanChanged: async (_db, change) => void changes.push(change) }]);
    monitor = await t.login('giamsat');
    viewer = await t.login('thuongtruc');
    other = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
    planId = (await monitor.request({ method: 'GET', url: '/api/v1/plans' })).json().items[0].id;
  });
  afterAll(async () => {
    registerChangeHandlers(modules);
    await t.close();
  });

  it('edits the plan’s fields through the documents’ rules, with an audit row and a change event', async () => {
    const before = await get();
    expect(before.status).toBe('active');
    expect(before.actions).toContain('plan.manage');
    const audits = await count('audit_log');
    const res = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      payload: {
        version: before.version,
        title: 'Kế hoạch thực hiện Quy chế dân vận (sửa)',
        objectives: ['Mục tiêu một', 'Mục tiêu hai'],
        reportingFrom: '2026-01-01',
        reportingUntil: '2026-12-31',
        reportsToUnitId: await unitId(t, 'tinh-uy-btv'),
        on: '2026-03-01',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after.document.title).toBe('Kế hoạch thực hiện Quy chế dân vận (sửa)');
    expect(after.objectives).toEqual(['Mục tiêu một', 'Mục tiêu hai']);
    expect(after.reportingFrom).toBe('2026-01-01');
    expect(after.reportsToUnit.name).toMatch(/Tỉnh ủy/);
    expect(after.version).toBe(before.version + 1);
    // document.update (the documents service) and plan.update
    expect(await count('audit_log')).toBe(audits + 2);
    expect(changes.at(-1)).toEqual({ planId, on: '2026-03-01' });

    const stale = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      payload: { version: before.version, title: 'Cũ' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(stale.json().current.title).toBe('Kế hoạch thực hiện Quy chế dân vận (sửa)');
    expect(stale.json().detail).toMatch(/Người khác đã sửa/);

    const span = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      payload: { reportingUntil: '2025-01-01' },
    });
    expect(span.statusCode).toBe(400);
    expect(span.json().code).toBe('reporting_span_invalid');
    const symbol = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      payload: { symbol: '!!!' },
    });
    expect(symbol.statusCode).toBe(400);
    expect((await get()).version).toBe(after.version);
  });

  it('adds, edits, moves and cancels sections and tasks; a deadline before the plan’s date is 400', async () => {
    const plan = await get();
    const section = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/nodes`,
      payload: { kind: 'section', label: 'V', title: 'Nhiệm vụ bổ sung' },
    });
    expect(section.statusCode, section.body).toBe(201);
    const sectionId = section.json().id;
    const early = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/nodes`,
      payload: { kind: 'task', parentId: sectionId, label: 'V.1', text: 'Rà soát', deadline: '2018-05-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('deadline_before_plan');
    expect(early.json().detail).toMatch(/sớm hơn ngày ban hành/);
    const task = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/nodes`,
      payload: { kind: 'task', parentId: sectionId, label: 'V.1', text: 'Rà soát quy chế', deadline: '2026-06-30' },
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = task.json().id;
    const edit = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/nodes/${taskId}`,
      payload: { version: 1, title: 'Rà soát', text: 'Rà soát, bổ sung quy chế', weight: 3 },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ version: 2, weight: 3, text: 'Rà soát, bổ sung quy chế' });
    // Move the task to the root, first place.
    const move = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/nodes/${taskId}`,
      payload: { version: 2, parentId: null, position: 0 },
    });
    expect(move.statusCode, move.body).toBe(200);
    expect((await get()).tree[0].id).toBe(taskId);
    // A section cannot go under its own child.
    const child = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/nodes`,
      payload: { kind: 'section', parentId: sectionId, label: '1', title: 'Con' },
    });
    const cycle = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/nodes/${sectionId}`,
      payload: { parentId: child.json().id },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('node_cycle');
    // The plan's date cannot move past a deadline of a task that still applies.
    const later = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      payload: { date: '2027-01-01' },
    });
    expect(later.statusCode).toBe(400);
    expect(later.json().code).toBe('deadline_before_plan');
    // Cancel: the task stays, cancelled, and takes no more edits.
    const nodes = await count('plan_node');
    const cancel = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/nodes/${taskId}/cancel`,
      payload: { version: 3, on: '2026-04-01' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelledOn: '2026-04-01' });
    expect(await count('plan_node')).toBe(nodes);
    const again = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/nodes/${taskId}`,
      payload: { title: 'Sau khi hủy' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('task_cancelled');
    const shown = flat((await get()).tree).find((n: Node) => n.id === taskId);
    expect(shown?.status).toBe('cancelled');
    expect(plan.taskCount + 1).toBe((await get()).taskCount);
  });

  it('links an unmatched organisation later, adds a unit, changes a role, ends an assignment into history', async () => {
    const unlinked = (await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/unlinked` })).json();
    expect(unlinked.total).toBeGreaterThan(0);
    const orphan = unlinked.items[0];
    const women = await unitId(t, 'huyen');
    const link = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/assignments/${orphan.id}`,
      payload: { version: orphan.version, unitId: women },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ unitId: women, version: orphan.version + 1 });
    const relink = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/assignments/${orphan.id}`,
      payload: { unitId: await unitId(t, 'xa-ta-xua-du') },
    });
    expect(relink.statusCode).toBe(409);
    expect(relink.json().code).toBe('assignment_linked');
    expect((await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/unlinked` })).json().total).toBe(
      unlinked.total - 1,
    );

    const task = await firstTask();
    const before = task.assignments?.total ?? 0;
    const du = (
      await new OrganizationsService(t.db).create(
        { actor: SYSTEM_ACTOR },
        {
          code: 'huyen-to-cong-tac',
          parentId: await unitId(t, 'huyen'),
          kind: 'party_committee',
          level: 'district',
          name: 'Tổ công tác dân vận huyện',
        },
      )
    ).id;
    const add = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments`,
      payload: { unitId: du, role: 'coordinate' },
    });
    expect(add.statusCode, add.body).toBe(201);
    const twice = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments`,
      payload: { unitId: du, role: 'lead' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('assignment_exists');
    const role = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}/assignments/${add.json().id}`,
      payload: { version: 1, role: 'lead' },
    });
    expect(role.statusCode, role.body).toBe(200);
    expect(role.json().role).toBe('lead');
    expect((await firstTask()).assignments?.total).toBe(before + 1);
    const rows = await count('assignment');
    const end = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/assignments/${add.json().id}/end`,
      payload: { version: 2, on: '2026-05-01' },
    });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().endedOn).toBe('2026-05-01');
    expect(await count('assignment')).toBe(rows);
    expect((await firstTask()).assignments?.total).toBe(before);
    expect(changes.at(-1)).toEqual({ planId, on: '2026-05-01' });
    const endAgain = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/assignments/${add.json().id}/end`,
      payload: {},
    });
    expect(endAgain.statusCode).toBe(409);
  });

  it('two edits of the same task at once: one 200, one 409, nothing lost', async () => {
    const task = await firstTask();
    const audits = await count('audit_log');
    const edit = (title: string) =>
      monitor.request({
        method: 'PATCH',
        url: `/api/v1/plans/${planId}/nodes/${task.id}`,
        payload: { version: task.version, title },
      });
    const answers = await Promise.all([edit('Bản sửa A'), edit('Bản sửa B')]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json();
    const loser = answers.find((a) => a.statusCode === 409)?.json();
    expect(loser.code).toBe('stale_version');
    expect(loser.current.title).toBe(winner.title);
    const now = flat((await get()).tree).find((n: Node) => n.id === task.id);
    expect(now?.title).toBe(winner.title);
    expect(now?.version).toBe(task.version + 1);
    expect(await count('audit_log')).toBe(audits + 1);
  });

  it('forged ids and units outside the grant: 4xx, nothing changed', async () => {
    const task = await firstTask();
    const second = (
      await monitor.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          plan: (
            await import('../../test-support/plan-body.js')
          ).oneTaskPlan('Đảng ủy xã Tà Xùa', 'Kế hoạch khác', 'Việc'),
          ownerUnitId: await unitId(t, 'huyen-uy-btv'),
          organizations: { 'Đảng ủy xã Tà Xùa': { unitId: await unitId(t, 'xa-ta-xua-du') } },
        },
      })
    ).json().id as string;
    const state = async () => [await count('audit_log'), await count('plan_node'), await count('assignment')];
    const before = await state();
    const tries = [
      // a task of another plan, through this plan
      { method: 'PATCH', url: `/api/v1/plans/${second}/nodes/${task.id}`, payload: { title: 'x' }, status: 404 },
      { method: 'POST', url: `/api/v1/plans/${second}/nodes/${task.id}/cancel`, payload: {}, status: 404 },
      {
        method: 'POST',
        url: `/api/v1/plans/${second}/tasks/${task.id}/assignments`,
        payload: { unitId: await unitId(t, 'xa-ta-xua-du'), role: 'lead' },
        status: 404,
      },
      // a parent from another plan
      {
        method: 'POST',
        url: `/api/v1/plans/${second}/nodes`,
        payload: { kind: 'task', parentId: task.id, label: '9', text: 'x' },
        status: 400,
      },
      // a unit outside the district monitor's grant
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments`,
        payload: { unitId: await unitId(t, 'tinh-uy-btv'), role: 'lead' },
        status: 403,
      },
      // a unit that does not exist
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments`,
        payload: { unitId: '00000000-0000-4000-8000-000000000000', role: 'lead' },
        status: 400,
      },
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/replace`,
        payload: { byPlanId: planId, on: '2026-01-01' },
        status: 400,
      },
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/replace`,
        payload: { byPlanId: '00000000-0000-4000-8000-000000000000', on: '2026-01-01' },
        status: 400,
      },
      { method: 'PATCH', url: `/api/v1/plans/${planId}`, payload: { title: 'x', surprise: 1 }, status: 400 },
    ] as const;
    for (const { status, ...request } of tries) {
      const res = await monitor.request(request);
      expect(res.statusCode, `${request.method} ${request.url} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(/\S/);
    }
    expect(await state()).toEqual(before);
  });

  it('a monitor of another district and a viewer: 403 on every edit route, nothing changed', async () => {
    const plan = await get();
    const task = await firstTask();
    const assignment = task.assignments?.roles[0]?.groups[0]?.first[0]?.id as string;
    const routes = [
      { method: 'PATCH', url: `/api/v1/plans/${planId}`, payload: { title: 'x' } },
      { method: 'POST', url: `/api/v1/plans/${planId}/nodes`, payload: { kind: 'section', label: 'X' } },
      { method: 'PATCH', url: `/api/v1/plans/${planId}/nodes/${task.id}`, payload: { title: 'x' } },
      { method: 'POST', url: `/api/v1/plans/${planId}/nodes/${task.id}/cancel`, payload: {} },
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/tasks/${task.id}/assignments`,
        payload: { unitId: await unitId(t, 'xa-ta-xua-du'), role: 'coordinate' },
      },
      { method: 'PATCH', url: `/api/v1/plans/${planId}/assignments/${assignment}`, payload: { role: 'coordinate' } },
      { method: 'POST', url: `/api/v1/plans/${planId}/assignments/${assignment}/end`, payload: {} },
      { method: 'POST', url: `/api/v1/plans/${planId}/withdraw`, payload: { on: '2026-01-01', reason: 'x' } },
      { method: 'POST', url: `/api/v1/plans/${planId}/replace`, payload: { byPlanId: planId, on: '2026-01-01' } },
    ] as const;
    const audits = await count('audit_log');
    for (const who of [other, viewer]) {
      for (const request of routes) {
        const res = await who.request(request);
        expect(res.statusCode, `${who.user.username} ${request.method} ${request.url}`).toBe(403);
        expect(res.json().detail).toMatch(/quyền/);
      }
    }
    expect(await count('audit_log')).toBe(audits);
    expect((await get()).version).toBe(plan.version);
  });

  it('withdraws and replaces with history kept; an ended plan is read, listed marked, never edited', async () => {
    const create = async (title: string) =>
      (
        await monitor.request({
          method: 'POST',
          url: '/api/v1/plans',
          payload: {
            plan: (await import('../../test-support/plan-body.js')).oneTaskPlan('Đảng ủy xã Tà Xùa', title, 'Việc'),
            ownerUnitId: await unitId(t, 'huyen-uy-btv'),
            organizations: { 'Đảng ủy xã Tà Xùa': { unitId: await unitId(t, 'xa-ta-xua-du') } },
          },
        })
      ).json().id as string;
    const old = await create('Kế hoạch cũ');
    const next = await create('Kế hoạch mới');
    const replaced = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${old}/replace`,
      payload: { byPlanId: next, on: '2026-07-01' },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ status: 'replaced', endedOn: '2026-07-01', replacedByPlanId: next });
    expect(replaced.json().actions).not.toContain('plan.manage');
    expect(changes.at(-1)).toEqual({ planId: old, on: '2026-07-01' });
    const edit = await monitor.request({ method: 'PATCH', url: `/api/v1/plans/${old}`, payload: { title: 'x' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('plan_ended');
    expect(edit.json().detail).toMatch(/thu hồi hoặc được thay thế/);
    const byEnded = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${next}/replace`,
      payload: { byPlanId: old, on: '2026-07-01' },
    });
    expect(byEnded.statusCode).toBe(409);
    const withdrawn = await monitor.request({
      method: 'POST',
      url: `/api/v1/plans/${next}/withdraw`,
      payload: { on: '2026-08-01', reason: 'Không còn phù hợp' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      endedOn: '2026-08-01',
      endReason: 'Không còn phù hợp',
    });
    const list = (await monitor.request({ method: 'GET', url: '/api/v1/plans' })).json().items as {
      id: string;
      status: string;
    }[];
    expect(list.find((p) => p.id === old)?.status).toBe('replaced');
    expect(list.find((p) => p.id === next)?.status).toBe('withdrawn');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [old, next])
      .where('action', 'in', ['plan.replace', 'plan.withdraw'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['plan.replace', 'plan.withdraw']);
  });
});
