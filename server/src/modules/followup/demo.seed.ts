import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import { type Kysely, sql } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { loadActor } from '../../platform/auth/session.js';
import { type Clock, fixedClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import type { SeedContext } from '../../platform/types.js';
import { DisseminationService } from '../dissemination/index.js';
import { runRemindersAt } from '../reminders/index.js';
import { ReportsService } from '../reports/index.js';
import { syncPlan } from './obligations.sync.js';
import { defaultRegime, periodsBetween } from './periods.js';

/**
 * The demo's follow-through (issue 7, item 10): the founding plan 45-KH/HU followed over the two
 * six-monthly periods before today and the one running now, so that whoever signs in sees the
 * loop working. Everything about Tà Xùa (the commune of the demo accounts xa1-canbo, xa1-truong)
 * is PLAYED through the services, with a clock set to each step's moment: drafts, submissions, a
 * return with a comment and the resubmission, an extension asked and granted, an evidence file,
 * the reminder ladder (nhắc, đôn đốc, and a request for explanation drafted for the monitor).
 * The other units' reports are written as history in a few statements (a report row with its
 * `submitted` and `accepted` events), so that the demo loads in about a second: most on time, some
 * late, some awaiting review, some missing. Half the expected units have recorded a dissemination
 * session.
 *
 * The directory is the pre-2025 one (a district with its communes); the periods follow today's
 * date so that the loop is alive whenever the demo is started — an illustration, said in the README.
 */

/** 09:00 in Vietnam on a date, as an instant. */
const vn = (date: string, hour = 9) => `${date}T${String(hour - 7).padStart(2, '0')}:00:00Z`;
const shift = (date: string, days: number) => dayjs(date).add(days, 'day').format('YYYY-MM-DD');

interface Owed {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  label: string;
  period_key: string;
  due_on: string;
}

export async function seedFollowupStory(ctx: SeedContext): Promise<void> {
  const db = ctx.db;
  const today = ctx.clock.today();
  const plan = await db
    .selectFrom('plan')
    .innerJoin('document', 'document.id', 'plan.document_id')
    .select(['plan.id'])
    .where('document.symbol', '=', '45-KH/HU')
    .executeTakeFirst();
  if (!plan) return;
  const unit = async (code: string) =>
    db.selectFrom('org_unit').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
  const user = async (username: string): Promise<Actor> => {
    const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const actor = await loadActor(db, row.id);
    if (!actor) throw new Error(`demo user ${username} cannot act`);
    return actor;
  };

  // Two past six-monthly periods and the running one; the plan reports to the province.
  const regime = defaultRegime('semiannual');
  const periods = periodsBetween(regime, dayjs(today).subtract(20, 'month').format('YYYY-MM-DD'), today);
  const [p1, p2, current] = periods.slice(-3);
  if (!p1 || !p2 || !current) return;
  const province = await unit('tinh-uy-btv');
  await db.deleteFrom('obligation').where('plan_id', '=', plan.id).execute();
  await db
    .updateTable('plan')
    .set({ reporting_from: p1.windowStart, reports_to_unit_id: province.id })
    .where('id', '=', plan.id)
    .execute();
  await syncPlan(db, plan.id, today);

  const owed = await db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .leftJoin('plan_node as n', 'n.id', 'o.task_id')
    .select(['o.id', 'o.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'n.label', 'o.period_key', 'o.due_on'])
    .where('o.plan_id', '=', plan.id)
    .orderBy('o.period_key')
    .orderBy('u.name')
    .orderBy('n.label')
    .execute();
  const rows: Owed[] = owed.map((o) => ({ ...o, label: o.label ?? 'KH' }));

  const taXua = await unit('xa-ta-xua');
  const canbo = await user('xa1-canbo');
  const truong = await user('xa1-truong');
  const giamsat = await user('giamsat');
  const inTaXua = (o: Owed) => o.unit_path.startsWith(taXua.path);
  const featured = (key: string) => rows.filter((o) => o.period_key === key && inTaXua(o));
  const [a1, b1] = featured(p1.key);
  const [a2, b2] = featured(p2.key);
  const [a3] = featured(current.key);
  // Every Tà Xùa obligation is the story's: those not played below stay unreported, so the
  // commune's officer finds overdue work with its reminders on "Việc cần làm".
  const played = new Set(rows.filter(inTaXua).map((o) => o.id));

  // History of the other units: what each did, decided by its place in the list.
  await writeHistory(
    db,
    rows.filter((o) => !played.has(o.id) && o.due_on < today),
    p2.key,
    giamsat,
  );

  const at = (instant: string) => ({ reports: new ReportsService(db, fixedClock(instant)) });
  const as = (actor: Actor): Ctx => ({ actor });
  const content = (period: string, fixed = false) => ({
    status: 'done' as const,
    progress: 100,
    narrative: `Đảng ủy xã đã tổ chức quán triệt Chỉ thị 21-CT/TW và Kế hoạch 45-KH/HU đến 100% chi bộ; ${period}${fixed ? ' (đã bổ sung số liệu theo yêu cầu)' : ''}.`,
    results: fixed
      ? '12 buổi sinh hoạt chuyên đề, 436 lượt cán bộ, đảng viên, hội viên tham dự; 2 mô hình "Phụ nữ giúp nhau phát triển kinh tế".'
      : '12 buổi sinh hoạt chuyên đề; 2 mô hình "Phụ nữ giúp nhau phát triển kinh tế".',
    difficulties: 'Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa.',
    proposals: 'Đề nghị Ban Dân vận Huyện ủy hỗ trợ tài liệu tuyên truyền bằng tiếng Mông.',
  });
  const play = async (o: Owed | undefined, steps: (o: Owed) => Promise<void>) => {
    if (o) await steps(o);
  };

  // Period 1 — A: on time and accepted. B: nothing by the deadline: nhắc, đôn đốc, a request for
  // explanation drafted for the monitor; then submitted late and accepted.
  await play(a1, async (o) => {
    const page = await at(vn(shift(o.due_on, -8))).reports.saveDraft(as(canbo), o.id, {
      version: 0,
      ...content(p1.label_vi),
    });
    const submitted = await at(vn(shift(o.due_on, -6))).reports.submit(as(truong), o.id, {
      version: page.report?.version ?? 0,
    });
    await at(vn(shift(o.due_on, 3))).reports.accept(as(giamsat), o.id, { version: submitted.report?.version ?? 0 });
  });
  await ladder(db, rows, p1.key, [-3, 1, 7]);
  await play(b1, async (o) => {
    const draft = await at(vn(shift(o.due_on, 9))).reports.saveDraft(as(canbo), o.id, {
      version: 0,
      ...content(p1.label_vi),
    });
    const sent = await at(vn(shift(o.due_on, 10))).reports.submit(as(truong), o.id, {
      version: draft.report?.version ?? 0,
    });
    await at(vn(shift(o.due_on, 12))).reports.accept(as(giamsat), o.id, { version: sent.report?.version ?? 0 });
  });

  // Period 2 — A: submitted with an evidence file, returned with a comment, fixed and submitted
  // again: waiting for the monitor. B: an extension asked and granted, submitted within it, accepted.
  await play(a2, async (o) => {
    const draft = await at(vn(shift(o.due_on, -7))).reports.saveDraft(as(canbo), o.id, {
      version: 0,
      ...content(p2.label_vi),
    });
    const bytes = minimalPdf('Bien ban hoi nghi quan triet Chi thi 21-CT/TW');
    await at(vn(shift(o.due_on, -7), 10)).reports.addFile(as(canbo), o.id, {
      fileName: 'bien-ban-hoi-nghi-quan-triet.pdf',
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const sent = await at(vn(shift(o.due_on, -5))).reports.submit(as(truong), o.id, {
      version: draft.report?.version ?? 0,
    });
    const back = await at(vn(shift(o.due_on, 2))).reports.returnReport(as(giamsat), o.id, {
      version: sent.report?.version ?? 0,
      comment: 'Đề nghị bổ sung số lượt người tham dự và số mô hình đã nhân rộng trong kỳ.',
    });
    const fixed = await at(vn(shift(o.due_on, 4))).reports.saveDraft(as(canbo), o.id, {
      version: back.report?.version ?? 0,
      ...content(p2.label_vi, true),
    });
    await at(vn(shift(o.due_on, 5))).reports.submit(as(truong), o.id, { version: fixed.report?.version ?? 0 });
  });
  await play(b2, async (o) => {
    const asked = await at(vn(shift(o.due_on, -6))).reports.requestExtension(as(canbo), o.id, {
      reason: 'Hội nghị sơ kết của xã dời sang tuần sau do mưa lũ; xin lùi hạn để báo cáo đủ số liệu.',
      requestedDueOn: shift(o.due_on, 10),
    });
    const request = asked.extensions.find((e) => e.state === 'pending');
    if (request) {
      await at(vn(shift(o.due_on, -5))).reports.decideExtension(as(giamsat), request.id, {
        grant: true,
        comment: 'Đồng ý gia hạn đến ngày đề nghị.',
      });
    }
  });
  await ladder(db, rows, p2.key, [-3, 1]);
  await play(b2, async (o) => {
    const draft = await at(vn(shift(o.due_on, 6))).reports.saveDraft(as(canbo), o.id, {
      version: 0,
      ...content(p2.label_vi),
    });
    const sent = await at(vn(shift(o.due_on, 7))).reports.submit(as(truong), o.id, {
      version: draft.report?.version ?? 0,
    });
    await at(vn(shift(o.due_on, 9))).reports.accept(as(giamsat), o.id, { version: sent.report?.version ?? 0 });
  });
  await ladder(db, rows, p2.key, [7]);

  // The running period: a draft under way.
  await play(a3, async (o) => {
    await at(vn(shift(today, -2))).reports.saveDraft(as(canbo), o.id, {
      version: 0,
      status: 'in_progress',
      progress: 40,
      narrative: 'Đang tổng hợp kết quả 6 tháng từ các chi bộ.',
    });
  });

  await recordDissemination(db, ctx.clock, plan.id, p1.windowStart, today);
}

/**
 * The reminder ladder as the jobs would have run it: at each offset (days) from every deadline of
 * the period (communes, district bodies and the plan's own report have different deadlines), in
 * time order.
 */
async function ladder(db: Kysely<Database>, rows: Owed[], key: string, offsets: number[]): Promise<void> {
  const dues = [...new Set(rows.filter((o) => o.period_key === key).map((o) => o.due_on))];
  const moments = [...new Set(dues.flatMap((due) => offsets.map((d) => vn(shift(due, d)))))].sort();
  for (const moment of moments) await runRemindersAt(db, moment);
}

/**
 * Reports of the units not played, in a few statements: by place in the list, six in ten accepted
 * on time, one late and accepted, one submitted and waiting in the later period (accepted in the
 * earlier), one missing in the earlier period and late in the later, one missing in both.
 */
async function writeHistory(db: Kysely<Database>, rows: Owed[], laterKey: string, reviewer: Actor): Promise<void> {
  const values = [];
  for (const [i, o] of rows.entries()) {
    const later = o.period_key === laterKey;
    const slot = i % 10;
    let submitted: string | null = vn(shift(o.due_on, -2));
    let accepted: string | null = vn(shift(o.due_on, 5));
    if (slot === 6) {
      submitted = vn(shift(o.due_on, 3));
      accepted = vn(shift(o.due_on, 8));
    } else if (slot === 7 && later) accepted = null;
    else if (slot === 8) {
      if (later) {
        submitted = vn(shift(o.due_on, 4));
        accepted = null;
      } else submitted = accepted = null;
    } else if (slot === 9) submitted = accepted = null;
    if (!submitted) continue;
    values.push({ o, submitted, accepted });
  }
  if (values.length === 0) return;
  await db
    .insertInto('report')
    .values(
      values.map(({ o, submitted, accepted }) => ({
        obligation_id: o.id,
        status: 'done' as const,
        progress: 100,
        narrative: `${o.unit_name} đã triển khai nhiệm vụ ${o.label} của Kế hoạch 45-KH/HU trong kỳ.`,
        results: 'Tổ chức quán triệt đến cán bộ, đảng viên, hội viên; lồng ghép trong sinh hoạt chi bộ, chi hội.',
        review_state: accepted ? ('accepted' as const) : ('submitted' as const),
        first_submitted_at: submitted,
        submitted_at: submitted,
        reviewed_at: accepted,
        reviewed_by: accepted ? reviewer.userId : null,
        created_at: submitted,
        updated_at: accepted ?? submitted,
        version: accepted ? 3 : 2,
      })),
    )
    .execute();
  await db
    .insertInto('report_event')
    .values(
      values.flatMap(({ o, submitted, accepted }) => [
        {
          obligation_id: o.id,
          kind: 'submitted' as const,
          actor_id: null,
          actor_name: o.unit_name,
          at: submitted,
          last_at: submitted,
          version: 2,
        },
        ...(accepted
          ? [
              {
                obligation_id: o.id,
                kind: 'accepted' as const,
                actor_id: reviewer.userId,
                actor_name: reviewer.displayName,
                at: accepted,
                last_at: accepted,
                version: 3,
              },
            ]
          : []),
      ]),
    )
    .execute();
}

/** Half the units the plan expects (every other one, by name) have recorded a session. */
async function recordDissemination(db: Kysely<Database>, clock: Clock, planId: string, from: string, today: string) {
  const units = await sql<{ id: string; path: string; name: string }>`
    select distinct u.id, u.path, u.name from assignment a
      join plan_node n on n.id = a.task_id
      join org_unit u on u.id = a.unit_id
     where n.plan_id = ${planId} and a.ended_on is null and u.valid_to is null
     order by u.name`.execute(db);
  const service = new DisseminationService(db, clock);
  const held = dayjs(from).add(20, 'day');
  for (const [i, u] of units.rows.entries()) {
    if (i % 2 === 1) continue;
    const heldOn = held.add(i, 'day').format('YYYY-MM-DD');
    if (heldOn > today) break;
    const actor: Actor = {
      userId: '',
      username: 'demo',
      displayName: `Cán bộ ${u.name}`,
      homeUnitId: u.id,
      grants: [{ role: 'unit_officer', unitId: u.id, unitPath: u.path, unitName: u.name }],
    };
    await service.record({ actor }, planId, {
      unitId: u.id,
      heldOn,
      form: (['conference', 'online', 'loudspeaker', 'printed'] as const)[i % 4] ?? 'conference',
      title: 'Quán triệt Chỉ thị 21-CT/TW và Kế hoạch 45-KH/HU',
      participants: {
        cadres: 8 + (i % 5),
        partyMembers: 25 + i,
        associationMembers: i % 3 === 0 ? 40 + i : 0,
        people: i % 4 === 2 ? 120 : 0,
      },
      materials: 'Tài liệu hỏi – đáp về Chỉ thị 21-CT/TW',
    });
  }
}

/** A one-page PDF naming what it stands for: the demo's evidence file. */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 50 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
