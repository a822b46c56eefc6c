import type { Kysely, Transaction } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files.js';
import { type GatedObligation, gateAccept, gateSubmit, isGatedRole } from '../../platform/plan-events.js';
import { evidenceType } from './evidence.js';
import { type ReportAction, reportsPolicy } from './reports.policy.js';
import * as repo from './reports.repository.js';
import type { DraftBody, ObligationDetail, ReportView, SavedDraft } from './reports.schemas.js';
import { timeliness } from './timeliness.js';

/** A person's saves within this span fold into one `saved` event of the timeline. */
export const SAVE_COALESCE_MS = 5 * 60_000;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const EDITABLE = new Set(['draft', 'returned']);

const EMPTY_REPORT: ReportView = {
  id: null,
  status: 'not_started',
  cannotReason: null,
  progress: null,
  narrative: null,
  results: null,
  difficulties: null,
  proposals: null,
  reviewState: 'draft',
  reviewComment: null,
  firstSubmittedAt: null,
  submittedAt: null,
  reviewedAt: null,
  updatedAt: null,
  updatedByName: null,
  version: 0,
};

function reportView(r: repo.ReportRow | undefined): ReportView {
  if (!r) return EMPTY_REPORT;
  return {
    id: r.id,
    status: r.status,
    cannotReason: r.cannot_reason,
    progress: r.progress,
    narrative: r.narrative,
    results: r.results,
    difficulties: r.difficulties,
    proposals: r.proposals,
    reviewState: r.review_state,
    reviewComment: r.review_comment,
    firstSubmittedAt: iso(r.first_submitted_at),
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    updatedAt: r.version > 0 ? iso(r.updated_at) : null,
    updatedByName: r.updated_by_name,
    version: r.version,
  };
}

/** The report's content, as a submission's snapshot keeps it. */
const content = (r: ReportView) => ({
  status: r.status,
  progress: r.progress,
  narrative: r.narrative,
  results: r.results,
  difficulties: r.difficulties,
  proposals: r.proposals,
  cannotReason: r.cannotReason,
});

const blankToNull = (s: string | null | undefined) => (s && s.trim().length > 0 ? s : null);

/**
 * Reports (issue 7 item 2) and extensions (item 6). One report per obligation: the unit drafts
 * (autosave, optimistic version: a stale save is 409 `stale_version` carrying the saved report),
 * the unit head submits, the receiving level accepts or returns with a comment; every step is a
 * `report_event`. Every write locks the report row (FOR UPDATE) and checks the version in the
 * same transaction, with its audit row.
 *
 * The demo (and anything else playing the workflow) calls `saveDraft`, `submit`, `returnReport`,
 * `accept`, `addFile`, `requestExtension`, `decideExtension` with a `Ctx` and this service's clock.
 */
/** What a review gate (platform/plan-events.ts) is told about the obligation. */
const gatedObligation = (o: repo.ObligationRow): GatedObligation => ({
  id: o.id,
  role: o.role,
  unitId: o.unit_id,
  periodKey: o.period_key,
  planId: o.plan_id,
});

export class ReportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
    private readonly files: FileStore | null = null,
  ) {}

  private async obligation(id: string): Promise<repo.ObligationRow> {
    const o = await repo.findObligation(this.db, id);
    if (!o) throw notFound('obligation');
    return o;
  }

  /** The report page: the obligation with its names, the report, files, extensions, timeline, actions. */
  async detail(actor: Actor, id: string): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanRead(actor, o);
    const [r, files, extensions, events] = await Promise.all([
      repo.findReport(this.db, id),
      repo.listFiles(this.db, id),
      repo.listExtensions(this.db, id),
      repo.listEvents(this.db, id),
    ]);
    const report = reportView(r);
    const pending = extensions.some((e) => e.state === 'pending');
    return {
      obligation: {
        id: o.id,
        planId: o.plan_id,
        planTitle: o.plan_title,
        planSymbol: o.plan_symbol,
        taskId: o.task_id,
        taskLabel: o.task_label,
        taskTitle: o.task_title,
        taskText: o.task_text,
        unitId: o.unit_id,
        unitName: o.unit_name,
        reviewerUnitId: o.reviewer_unit_id,
        reviewerUnitName: o.reviewer_unit_name,
        role: o.role,
        periodKey: o.period_key,
        periodStart: o.period_start,
        periodEnd: o.period_end,
        dueOn: o.due_on,
        extendedDueOn: o.extended_due_on,
        endedOn: o.ended_on,
      },
      report,
      editable: EDITABLE.has(report.reviewState) && owed(o),
      timeliness: timeliness(o, r?.first_submitted_at ?? null, this.clock.today()),
      files: files.map((f) => ({
        id: f.id,
        fileName: f.file_name,
        contentType: f.content_type,
        size: f.size,
        addedAt: iso(f.added_at) ?? '',
        addedByName: f.added_by_name,
      })),
      extensions: extensions.map((e) => ({
        id: e.id,
        reason: e.reason,
        requestedDueOn: e.requested_due_on,
        state: e.state,
        grantedDueOn: e.granted_due_on,
        comment: e.decision_comment,
        requestedAt: iso(e.requested_at) ?? '',
        requestedByName: e.requested_by_name,
        decidedAt: iso(e.decided_at),
        decidedByName: e.decided_by_name,
      })),
      timeline: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        actorName: e.actor_name,
        at: iso(e.at) ?? '',
        lastAt: iso(e.last_at) ?? '',
        count: e.count,
        version: e.version,
        comment: e.comment,
        data: e.data,
      })),
      actions: actionsNow(actor, o, report, pending),
    };
  }

  private event(trx: Transaction<Database>, ctx: Ctx, e: Omit<repo.EventInput, 'actorId' | 'actorName' | 'at'>) {
    return repo.insertEvent(trx, {
      ...e,
      actorId: ctx.actor.userId || null,
      actorName: ctx.actor.displayName,
      at: this.clock.now(),
    });
  }

  /**
   * Locks the report (made empty, version 0, when there is none yet) and checks the version the
   * caller worked from: a different one is 409 `stale_version` with the saved report in `current`.
   */
  private async lockedReport(
    trx: Transaction<Database>,
    ctx: Ctx,
    id: string,
    given: number | null,
  ): Promise<repo.ReportRow> {
    let r = await repo.lockReport(trx, id);
    if (!r) {
      if (await repo.ensureReport(trx, id, this.clock.now())) {
        await this.event(trx, ctx, { obligationId: id, kind: 'created', version: 0 });
      }
      r = await repo.lockReport(trx, id);
    }
    if (!r) throw notFound('report');
    if (given !== null && r.version !== given) {
      throw new AppError(
        409,
        'stale_version',
        { entity: 'report', current: r.version, given },
        { current: reportView(r) },
      );
    }
    return r;
  }

  /**
   * Saves the draft (autosave): only while the report is a draft or returned. Answers the report
   * and the caller's actions only (not the whole page): it runs at every pause in typing.
   */
  async saveDraft(ctx: Ctx, id: string, body: DraftBody): Promise<SavedDraft> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanWrite(ctx.actor, o);
    assertOwed(o);
    const cannotReason = blankToNull(body.cannotReason);
    if (body.status === 'cannot_do' && cannotReason === null) {
      throw new AppError(400, 'report_cannot_reason_required', {}, { fields: ['cannotReason'] });
    }
    return this.db.transaction().execute(async (trx) => {
      const r = await this.lockedReport(trx, ctx, id, body.version);
      if (!EDITABLE.has(r.review_state)) throw new AppError(409, 'report_not_editable');
      const now = this.clock.now();
      const actorId = ctx.actor.userId || null;
      const changes = {
        status: body.status,
        progress: body.progress ?? null,
        narrative: blankToNull(body.narrative),
        results: blankToNull(body.results),
        difficulties: blankToNull(body.difficulties),
        proposals: blankToNull(body.proposals),
        cannot_reason: body.status === 'cannot_do' ? cannotReason : null,
      };
      const { version } = await repo.updateReport(trx, r.id, { ...changes, updated_at: now, updated_by: actorId });
      const since = new Date(now.getTime() - SAVE_COALESCE_MS);
      if (!(await repo.foldSave(trx, { obligationId: id, actorId, since, at: now, version }))) {
        await this.event(trx, ctx, { obligationId: id, kind: 'saved', version });
      }
      await recordAudit(trx, ctx, {
        action: 'report.save',
        entityType: 'report',
        entityId: r.id,
        before: { version: r.version, status: r.status, progress: r.progress },
        after: { version, status: changes.status, progress: changes.progress },
      });
      const pending = (await repo.pendingExtension(trx, id)) !== undefined;
      const report: ReportView = {
        ...reportView(r),
        ...{
          status: changes.status,
          progress: changes.progress,
          narrative: changes.narrative,
          results: changes.results,
          difficulties: changes.difficulties,
          proposals: changes.proposals,
          cannotReason: changes.cannot_reason,
        },
        updatedAt: now.toISOString(),
        updatedByName: ctx.actor.displayName,
        version,
      };
      return { report, editable: true, actions: actionsNow(ctx.actor, o, report, pending) };
    });
  }

  /** The unit head sends the report to the level above; the first submission dates timeliness. */
  async submit(ctx: Ctx, id: string, body: { version: number }): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanSubmit(ctx.actor, o);
    assertOwed(o);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.lockedReport(trx, ctx, id, body.version);
      if (!EDITABLE.has(r.review_state)) throw new AppError(409, 'report_not_editable');
      const gated = isGatedRole(o.role);
      if (!gated && (r.version === 0 || r.status === 'not_started')) throw new AppError(400, 'report_empty');
      await gateSubmit(trx, gatedObligation(o));
      const now = this.clock.now();
      const files = await repo.listFiles(trx, id);
      const { version } = await repo.updateReport(trx, r.id, {
        review_state: 'submitted',
        submitted_at: now,
        submitted_by: ctx.actor.userId || null,
        first_submitted_at: r.first_submitted_at ?? now,
      });
      const snapshot = { ...content(reportView(r)), files: files.map((f) => ({ id: f.id, fileName: f.file_name })) };
      await this.event(trx, ctx, { obligationId: id, kind: 'submitted', version, data: snapshot });
      await recordAudit(trx, ctx, {
        action: 'report.submit',
        entityType: 'report',
        entityId: r.id,
        before: { reviewState: r.review_state },
        after: { reviewState: 'submitted', version },
      });
    });
    return this.detail(ctx.actor, id);
  }

  private async review(
    ctx: Ctx,
    id: string,
    version: number,
    decision: { state: 'returned' | 'accepted'; comment: string | null },
  ): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanReview(ctx.actor, o);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.lockedReport(trx, ctx, id, version);
      if (r.review_state !== 'submitted') throw new AppError(409, 'report_not_submitted');
      if (decision.state === 'accepted') await gateAccept(trx, gatedObligation(o));
      const now = this.clock.now();
      const next = await repo.updateReport(trx, r.id, {
        review_state: decision.state,
        review_comment: decision.comment,
        reviewed_at: now,
        reviewed_by: ctx.actor.userId || null,
      });
      await this.event(trx, ctx, {
        obligationId: id,
        kind: decision.state,
        version: next.version,
        comment: decision.comment,
      });
      await recordAudit(trx, ctx, {
        action: decision.state === 'accepted' ? 'report.accept' : 'report.return',
        entityType: 'report',
        entityId: r.id,
        before: { reviewState: r.review_state },
        after: { reviewState: decision.state, comment: decision.comment, version: next.version },
      });
    });
    return this.detail(ctx.actor, id);
  }

  /** The receiving level sends the report back with a comment; the unit fixes and resubmits. */
  returnReport(ctx: Ctx, id: string, body: { version: number; comment: string }): Promise<ObligationDetail> {
    return this.review(ctx, id, body.version, { state: 'returned', comment: body.comment.trim() });
  }

  accept(ctx: Ctx, id: string, body: { version: number }): Promise<ObligationDetail> {
    return this.review(ctx, id, body.version, { state: 'accepted', comment: null });
  }

  /** An evidence file (PDF, DOCX, XLSX, JPEG, PNG by content), only while the report is editable. */
  async addFile(
    ctx: Ctx,
    id: string,
    file: { fileName: string; bytes: Buffer; sha256: string },
  ): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanWrite(ctx.actor, o);
    assertOwed(o);
    const type = await evidenceType(file.fileName, file.bytes);
    const current = await repo.findReport(this.db, id);
    if (current && !EDITABLE.has(current.review_state)) throw new AppError(409, 'report_not_editable');
    if (this.files) await this.files.put(file.sha256, file.bytes);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.lockedReport(trx, ctx, id, null);
      if (!EDITABLE.has(r.review_state)) throw new AppError(409, 'report_not_editable');
      const now = this.clock.now();
      const row = await repo.insertFile(trx, {
        obligation_id: id,
        file_name: file.fileName,
        content_type: type.mime,
        size: file.bytes.length,
        sha256: file.sha256,
        content: this.files ? null : file.bytes,
        added_at: now,
        added_by: ctx.actor.userId || null,
      });
      const data = { fileId: row.id, fileName: file.fileName, size: file.bytes.length, type: type.ext };
      await this.event(trx, ctx, { obligationId: id, kind: 'file_added', data });
      await recordAudit(trx, ctx, {
        action: 'report.file_add',
        entityType: 'report_file',
        entityId: row.id,
        after: data,
      });
    });
    return this.detail(ctx.actor, id);
  }

  /** Removes an evidence file from the report; the row stays for the history (soft delete). */
  async removeFile(ctx: Ctx, id: string, fileId: string): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanWrite(ctx.actor, o);
    const f = await repo.findFile(this.db, id, fileId);
    if (!f || f.removed_at) throw notFound('file');
    await this.db.transaction().execute(async (trx) => {
      const r = await this.lockedReport(trx, ctx, id, null);
      if (!EDITABLE.has(r.review_state)) throw new AppError(409, 'report_not_editable');
      const removed = await repo.removeFile(trx, fileId, this.clock.now(), ctx.actor.userId || null);
      if (!removed) throw notFound('file');
      const data = { fileId, fileName: removed.file_name };
      await this.event(trx, ctx, { obligationId: id, kind: 'file_removed', data });
      await recordAudit(trx, ctx, {
        action: 'report.file_remove',
        entityType: 'report_file',
        entityId: fileId,
        before: data,
      });
    });
    return this.detail(ctx.actor, id);
  }

  /** The bytes of an evidence file (removed files stay downloadable from the history). */
  async file(actor: Actor, id: string, fileId: string) {
    const o = await this.obligation(id);
    reportsPolicy.assertCanRead(actor, o);
    const f = await repo.findFile(this.db, id, fileId);
    if (!f) throw notFound('file');
    const bytes = (await repo.fileContent(this.db, fileId)) ?? (await this.files?.get(f.sha256)) ?? null;
    if (!bytes) throw notFound('file');
    return { fileName: f.file_name, contentType: f.content_type, bytes };
  }

  /** The unit asks for a later deadline: after the deadline in force, not before the period starts. */
  async requestExtension(
    ctx: Ctx,
    id: string,
    body: { reason: string; requestedDueOn: string },
  ): Promise<ObligationDetail> {
    const o = await this.obligation(id);
    reportsPolicy.assertCanRequestExtension(ctx.actor, o);
    assertOwed(o);
    await this.db.transaction().execute(async (trx) => {
      const locked = await repo.lockObligation(trx, id);
      if (!locked) throw notFound('obligation');
      const r = await repo.findReport(trx, id);
      if (r && (!EDITABLE.has(r.review_state) || r.first_submitted_at)) throw new AppError(409, 'extension_not_needed');
      if (await repo.pendingExtension(trx, id)) throw new AppError(409, 'extension_pending');
      checkNewDeadline(body.requestedDueOn, locked);
      const reason = body.reason.trim();
      const row = await repo.insertExtension(trx, {
        obligation_id: id,
        reason,
        requested_due_on: body.requestedDueOn,
        requested_at: this.clock.now(),
        requested_by: ctx.actor.userId || null,
      });
      const data = {
        extensionId: row.id,
        requestedDueOn: body.requestedDueOn,
        dueOn: locked.extended_due_on ?? locked.due_on,
      };
      await this.event(trx, ctx, { obligationId: id, kind: 'extension_requested', comment: reason, data });
      await recordAudit(trx, ctx, {
        action: 'extension.request',
        entityType: 'extension_request',
        entityId: row.id,
        after: { ...data, reason },
      });
    });
    return this.detail(ctx.actor, id);
  }

  /** The receiving level grants (optionally another date) or refuses; a grant sets the obligation's extended deadline. */
  async decideExtension(
    ctx: Ctx,
    extensionId: string,
    decision: { grant: boolean; dueOn?: string | undefined; comment?: string | undefined },
  ): Promise<ObligationDetail> {
    const found = await repo.findExtension(this.db, extensionId);
    if (!found) throw notFound('extension');
    const o = await this.obligation(found.obligation_id);
    reportsPolicy.assertCanDecideExtension(ctx.actor, o);
    const comment = decision.comment?.trim() || null;
    if (!decision.grant && !comment) throw new AppError(400, 'validation_failed', { details: 'comment' });
    await this.db.transaction().execute(async (trx) => {
      const ext = await repo.lockExtension(trx, extensionId);
      if (!ext) throw notFound('extension');
      if (ext.state !== 'pending') throw new AppError(409, 'extension_decided');
      const locked = await repo.lockObligation(trx, o.id);
      if (!locked) throw notFound('obligation');
      const dueOn = decision.grant ? (decision.dueOn ?? ext.requested_due_on) : null;
      if (dueOn) checkNewDeadline(dueOn, locked);
      const now = this.clock.now();
      await repo.decideExtension(trx, extensionId, {
        state: decision.grant ? 'granted' : 'refused',
        granted_due_on: dueOn,
        comment: comment ?? '',
        at: now,
        by: ctx.actor.userId || null,
      });
      if (dueOn) await repo.setExtendedDue(trx, o.id, dueOn);
      const data = { extensionId, requestedDueOn: ext.requested_due_on, grantedDueOn: dueOn };
      await this.event(trx, ctx, {
        obligationId: o.id,
        kind: decision.grant ? 'extension_granted' : 'extension_refused',
        comment,
        data,
      });
      await recordAudit(trx, ctx, {
        action: decision.grant ? 'extension.grant' : 'extension.refuse',
        entityType: 'extension_request',
        entityId: extensionId,
        before: { state: 'pending', dueOn: locked.extended_due_on ?? locked.due_on },
        after: { ...data, comment },
      });
    });
    return this.detail(ctx.actor, o.id);
  }
}

/** Is the obligation still owed? One that ended on or before its cut-off is not (docs/followup.md). */
const owed = (o: { ended_on: string | null; period_end: string }) => o.ended_on === null || o.ended_on > o.period_end;

/** Writes on an obligation that no longer applies are refused (409), whatever the report's state. */
function assertOwed(o: { ended_on: string | null; period_end: string }) {
  if (!owed(o)) throw new AppError(409, 'obligation_ended', { date: o.ended_on ?? '' });
}

/** The caller's actions (platform/access.ts) narrowed by the report's state. */
function actionsNow(actor: Actor, o: repo.ObligationRow, report: ReportView, pending: boolean): ReportAction[] {
  const editable = EDITABLE.has(report.reviewState) && owed(o);
  const inState: Record<ReportAction, boolean> = {
    'report.read': true,
    'report.write': editable,
    'report.submit': editable && report.version > 0 && report.status !== 'not_started',
    'report.review': report.reviewState === 'submitted',
    'extension.request': editable && report.firstSubmittedAt === null && !pending,
    'extension.decide': pending,
  };
  return reportsPolicy.actions(actor, o).filter((a) => inState[a]);
}

function checkNewDeadline(date: string, o: { due_on: string; extended_due_on: string | null; period_start: string }) {
  if (date < o.period_start) throw new AppError(400, 'extension_before_period', { date, start: o.period_start });
  const due = o.extended_due_on ?? o.due_on;
  if (date <= due) throw new AppError(400, 'extension_not_after_deadline', { date, due });
}
