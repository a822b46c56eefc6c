import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile, type Session, type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { seedWidePlan } from '../../test-support/wide-plan.js';
import { FOUNDING_TEXT_PATH } from './plans.seed.js';

interface Preview {
  plan: { document: { symbol: string | null; date: string | null }; tasks: unknown[]; source: { warnings: string[] } };
  organizations: {
    name: string;
    status: string;
    unitId: string | null;
    selector: { units: { id: string }[] } | null;
  }[];
  owner: { unitId: string } | null;
}

const choices = (preview: Preview) =>
  Object.fromEntries(
    preview.organizations.map((o) => [
      o.name,
      o.status === 'selector'
        ? { unitIds: o.selector?.units.map((u) => u.id) ?? [] }
        : o.unitId
          ? { unitId: o.unitId }
          : null,
    ]),
  );

describe.each(backends())('plan import on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  const founding = readFileSync(FOUNDING_TEXT_PATH);
  const counts = async () => {
    const n = async (table: 'document' | 'plan' | 'assignment' | 'document_link') =>
      (await t.db.selectFrom(table).select('id').execute()).length;
    return {
      document: await n('document'),
      plan: await n('plan'),
      task: (await t.db.selectFrom('plan_node').select('id').where('kind', '=', 'task').execute()).length,
      assignment: await n('assignment'),
      link: await n('document_link'),
    };
  };

  beforeAll(async () => {
    t = await testApp(kind);
    monitor = await t.login('giamsat');
  });
  afterAll(() => t.close());

  it('previews an uploaded file without writing anything', async () => {
    const before = await counts();
    const res = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans/import',
      ...multipartFile('ke-hoach.txt', founding),
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json() as Preview;
    expect(preview.plan.tasks).toHaveLength(9);
    expect(preview.owner).not.toBeNull();
    const byName = Object.fromEntries(preview.organizations.map((o) => [o.name, o]));
    expect(byName['Ban Dân vận Huyện ủy']?.status).toBe('matched');
    expect(byName['Các chi, đảng bộ trực thuộc huyện']?.status).toBe('selector');
    expect(byName['chính quyền']?.status).toBe('unmatched');
    expect(await counts()).toEqual(before);
  });

  it('creates the document, its links and the plan from a reviewed preview in one transaction', async () => {
    const preview = (
      await monitor.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        payload: { text: founding.toString('utf8'), fileName: 'kh.txt' },
      })
    ).json() as Preview;
    const plan = {
      ...preview.plan,
      document: { ...preview.plan.document, number: '46', symbol: '46-KH/HU', date: '2018-06-05' },
    };
    const before = await counts();
    const res = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan, ownerUnitId: preview.owner?.unitId, organizations: choices(preview) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await counts();
    expect(after.document).toBe(before.document + 1);
    expect(after.plan).toBe(before.plan + 1);
    expect(after.task).toBe(before.task + 9);
    expect(after.link).toBe(before.link + 5);
    const doc = (await monitor.request({ method: 'GET', url: `/api/v1/documents/${res.json().documentId}` })).json();
    expect(doc).toMatchObject({ symbol: '46-KH/HU', planId: res.json().id });
    expect(doc.references.every((r: { documentId: string | null }) => r.documentId !== null)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('action').where('actor_name', '=', 'giamsat').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['document.create', 'plan.create']));

    // The same document again is refused, and nothing of it is written.
    const again = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan, ownerUnitId: preview.owner?.unitId, organizations: choices(preview) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('document_exists');
    expect(await counts()).toEqual(after);
  });

  it('refuses a forged unit id or another commune as owner, leaving no half-created plan', async () => {
    const preview = (
      await monitor.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        payload: { text: founding.toString('utf8') },
      })
    ).json() as Preview;
    const before = await counts();
    const forged = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: preview.plan,
        ownerUnitId: preview.owner?.unitId,
        organizations: {
          ...choices(preview),
          'Ban Dân vận Huyện ủy': { unitId: '00000000-0000-4000-8000-000000000000' },
        },
      },
    });
    expect(forged.statusCode).toBe(400);
    const officer = await t.login('xa1-canbo');
    const denied = await officer.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan: preview.plan, ownerUnitId: preview.owner?.unitId, organizations: {} },
    });
    expect(denied.statusCode).toBe(403);
    const malformed = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan: { format: 'trienkhai.plan/1' }, ownerUnitId: preview.owner?.unitId, organizations: {} },
    });
    expect(malformed.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('answers bad files with a clear Vietnamese message, and a text without structure with an empty preview', async () => {
    const cases: [string, Buffer, number, string][] = [
      ['trong.txt', Buffer.alloc(0), 422, 'empty_file'],
      ['nhi-phan.txt', Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7, 8, 0, 0]), 422, 'binary_file'],
      ['gia.docx', Buffer.from('đây không phải tệp Word'), 422, 'invalid_docx'],
      ['anh.png', Buffer.from([137, 80, 78, 71]), 422, 'unsupported_type'],
    ];
    for (const [name, content, status, code] of cases) {
      const res = await monitor.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        ...multipartFile(name, content),
      });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json()).toMatchObject({ code: 'import_failed', importCode: code });
      expect(res.json().detail).toMatch(/[ạảãàáâăđêôơư]/i);
    }
    const big = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans/import',
      ...multipartFile('lon.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 97)),
    });
    expect(big.statusCode).toBe(413);
    const prose = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans/import',
      payload: { text: 'Hôm nay trời đẹp, chúng tôi đi chơi.' },
    });
    expect(prose.statusCode).toBe(200);
    expect((prose.json() as Preview).plan.tasks).toEqual([]);
    expect((prose.json() as Preview).plan.source.warnings.length).toBeGreaterThan(0);
  });

  it('creates a plan whose collective phrase stands for 3,000 communes', async () => {
    const { unitIds } = await seedWidePlan(t.db, 3000);
    const preview = (
      await monitor.request({
        method: 'POST',
        url: '/api/v1/plans/import',
        payload: { text: founding.toString('utf8'), fileName: 'kh.txt' },
      })
    ).json() as Preview;
    const plan = { ...preview.plan, document: { ...preview.plan.document, symbol: '48-KH/HU', date: '2018-06-07' } };
    const organizations = { ...choices(preview), 'Các cấp ủy đảng': { unitIds } };
    const res = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan, ownerUnitId: preview.owner?.unitId, organizations },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const stored = await t.db
      .selectFrom('assignment')
      .innerJoin('plan_node', 'plan_node.id', 'assignment.task_id')
      .select('assignment.unit_id')
      .where('plan_node.plan_id', '=', res.json().id)
      .where('assignment.selector', '=', 'Các cấp ủy đảng')
      .execute();
    const tasksWithCommittees = preview.plan.tasks.filter((task) =>
      (task as { assignments: { organization: string }[] }).assignments.some(
        (a) => a.organization === 'Các cấp ủy đảng',
      ),
    ).length;
    expect(tasksWithCommittees).toBeGreaterThan(0);
    expect(stored.length).toBe(3000 * tasksWithCommittees);
  });
});
