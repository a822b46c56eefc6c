import type { Kysely, Selectable } from 'kysely';
import { type Actor, type Ctx, can, ROLE_DEFINITIONS, ROLES } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database, ExplanationLetterTable } from '../../platform/db/schema.js';
import { renderPartyLetter } from '../../platform/docx/party-letter.js';
import { AppError, notFound } from '../../platform/errors.js';
import { plansPolicy } from '../plans/plans.policy.js';
import { type Channel, type Delivery, deliver, owers } from './ladder.js';
import { toPartyLetter } from './letter.js';
import { remindersPolicy } from './reminders.policy.js';
import { type ObligationContext, remindersRepository as repo } from './reminders.repository.js';
import { DEFAULT_SETTINGS, type FollowupSettings, settingsOf } from './settings.js';

type LetterRow = Selectable<ExplanationLetterTable>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function presentLetter(actor: Actor, l: LetterRow, c: ObligationContext) {
  const review = remindersPolicy.canReview(actor, c);
  return {
    id: l.id,
    obligationId: l.obligation_id,
    deadline: l.deadline,
    status: l.status,
    superiorBody: l.superior_body,
    issuer: l.issuer,
    typeCode: l.type_code,
    issuerCode: l.issuer_code,
    number: l.number,
    place: l.place,
    issuedOn: l.issued_on,
    issuedAt: iso(l.issued_at),
    subject: l.subject,
    addressees: l.addressees,
    paragraphs: l.paragraphs,
    recipients: l.recipients,
    archive: l.archive,
    signerAuthority: l.signer_authority,
    signerTitle: l.signer_title,
    signerName: l.signer_name,
    version: l.version,
    unitName: c.unitName,
    planId: c.planId,
    planTitle: c.planTitle,
    periodKey: c.periodKey,
    actions: review && l.status === 'draft' ? ['letter.edit', 'letter.issue'] : [],
  };
}

export class RemindersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  // ── follow-up settings of a plan ──

  private async placedPlan(db: Kysely<Database>, planId: string, forUpdate = false) {
    const plan = await repo.planForSettings(db, planId, forUpdate);
    if (!plan) throw notFound('plan');
    return plan;
  }

  private settingsView(
    actor: Actor,
    plan: { id: string; followup_settings: unknown; version: number; ownerPath: string; scopePath: string },
    assignees: string[],
  ) {
    const manage = can(actor, 'plan.manage', {
      type: 'plan',
      ownerPath: plan.ownerPath,
      scopePath: plan.scopePath,
      assigneePaths: assignees,
    });
    return {
      planId: plan.id,
      settings: settingsOf(plan.followup_settings),
      isDefault: plan.followup_settings === null,
      defaults: DEFAULT_SETTINGS,
      version: plan.version,
      actions: manage ? ['plan.manage'] : [],
    };
  }

  async settings(actor: Actor, planId: string) {
    const plan = await this.placedPlan(this.db, planId);
    plansPolicy.assertCanRead(actor, plan);
    const assignees = (await repo.assigneePaths(this.db, planId)).map((r) => r.path);
    return this.settingsView(actor, plan, assignees);
  }

  async saveSettings(ctx: Ctx, planId: string, body: { settings: FollowupSettings; version: number }) {
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.placedPlan(trx, planId, true);
      plansPolicy.assertCanRead(ctx.actor, plan);
      const assignees = (await repo.assigneePaths(trx, planId)).map((r) => r.path);
      plansPolicy.assertCanManage(ctx.actor, plan, assignees);
      if (plan.version !== body.version) {
        throw staleVersion('plan', body.version, this.settingsView(ctx.actor, plan, assignees));
      }
      const { version } = await repo.saveSettings(trx, planId, body.settings);
      await recordAudit(trx, ctx, {
        action: 'plan.followup_settings',
        entityType: 'plan',
        entityId: planId,
        before: settingsOf(plan.followup_settings),
        after: body.settings,
      });
      return this.settingsView(ctx.actor, { ...plan, followup_settings: body.settings, version }, assignees);
    });
  }

  // ── notifications: one's own ──

  async notifications(actor: Actor, query: { unread: boolean; limit: number; offset: number }) {
    const page = await repo.notificationsOf(this.db, actor.userId, query);
    return {
      total: page.total,
      unread: page.unread,
      items: page.items.map((n) => ({
        id: n.id,
        kind: n.kind,
        params: n.params,
        link: n.link,
        obligationId: n.obligation_id,
        letterId: n.letter_id,
        createdAt: new Date(n.created_at).toISOString(),
        readAt: iso(n.read_at),
      })),
    };
  }

  async markRead(ctx: Ctx, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.markRead(trx, ctx.actor.userId, id, this.clock.now());
      // Another user's notification is as unknown as a missing one.
      if (!row) throw notFound('notification');
      await recordAudit(trx, ctx, { action: 'notification.read', entityType: 'notification', entityId: id });
      return { id: row.id, readAt: iso(row.read_at) as string };
    });
  }

  async markAllRead(ctx: Ctx) {
    return this.db.transaction().execute(async (trx) => {
      const updated = await repo.markAllRead(trx, ctx.actor.userId, this.clock.now());
      await recordAudit(trx, ctx, {
        action: 'notification.read_all',
        entityType: 'notification',
        entityId: null,
        after: { updated },
      });
      return { updated };
    });
  }

  // ── the reminder log of an obligation ──

  private async obligation(db: Kysely<Database>, id: string) {
    const c = await repo.context(db, id);
    if (!c) throw notFound('obligation');
    return c;
  }

  async reminders(actor: Actor, obligationId: string) {
    const c = await this.obligation(this.db, obligationId);
    remindersPolicy.assertCanReadLog(actor, c);
    const rows = await repo.remindersOf(this.db, obligationId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        step: r.step,
        deadline: r.deadline,
        channel: r.channel,
        outcome: r.outcome,
        error: r.error,
        recipient: { id: r.recipient_user_id, name: r.recipient_name, email: r.recipient_email },
        attempts: r.attempts,
        letterId: r.letter_id,
        createdAt: new Date(r.created_at).toISOString(),
        sentAt: iso(r.sent_at),
      })),
    };
  }

  // ── the request for explanation ──

  private async loadLetter(db: Kysely<Database>, id: string, forUpdate = false) {
    const letter = await repo.letter(db, id, forUpdate);
    if (!letter) throw notFound('letter');
    return { letter, c: await this.obligation(db, letter.obligation_id) };
  }

  async letter(actor: Actor, id: string) {
    const { letter, c } = await this.loadLetter(this.db, id);
    remindersPolicy.assertCanReadLetter(actor, c, letter.status === 'issued');
    return presentLetter(actor, letter, c);
  }

  async letterDocx(actor: Actor, id: string) {
    const { letter, c } = await this.loadLetter(this.db, id);
    remindersPolicy.assertCanReadLetter(actor, c, letter.status === 'issued');
    const name = letter.number ? `${letter.number}-${letter.type_code}-${letter.issuer_code}` : 'du-thao-giai-trinh';
    return { content: await renderPartyLetter(toPartyLetter(letter)), fileName: `${name}-${c.periodKey}.docx` };
  }

  private assertDraft(letter: LetterRow, given: number, actor: Actor, c: ObligationContext) {
    if (letter.status === 'issued') {
      throw new AppError(409, 'letter_already_issued', { number: letter.number ?? '', date: letter.issued_on ?? '' });
    }
    if (letter.version !== given) {
      throw new AppError(
        409,
        'stale_version',
        { entity: 'letter', current: letter.version, given },
        { current: presentLetter(actor, letter, c) },
      );
    }
  }

  async updateLetter(
    ctx: Ctx,
    id: string,
    body: import('zod').infer<typeof import('./reminders.schemas.js').LetterBody>,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const { letter, c } = await this.loadLetter(trx, id, true);
      remindersPolicy.assertCanReview(ctx.actor, c);
      this.assertDraft(letter, body.version, ctx.actor, c);
      const after = await repo.updateLetter(trx, id, {
        superior_body: body.superiorBody,
        issuer: body.issuer,
        type_code: body.typeCode,
        issuer_code: body.issuerCode,
        place: body.place,
        subject: body.subject,
        addressees: JSON.stringify(body.addressees),
        paragraphs: JSON.stringify(body.paragraphs),
        recipients: JSON.stringify(body.recipients),
        archive: body.archive,
        signer_authority: body.signerAuthority,
        signer_title: body.signerTitle,
        signer_name: body.signerName,
        updated_at: this.clock.now(),
        updated_by: ctx.actor.userId || null,
      });
      await recordAudit(trx, ctx, {
        action: 'letter.update',
        entityType: 'explanation_letter',
        entityId: id,
        before: { subject: letter.subject, paragraphs: letter.paragraphs, version: letter.version },
        after: { subject: after.subject, paragraphs: after.paragraphs, version: after.version },
      });
      return presentLetter(ctx.actor, after, c);
    });
  }

  /** Numbered and dated: the letter is issued, and the unit that owes is notified (in-app; e-mail by the next scan). */
  async issueLetter(ctx: Ctx, id: string, body: { number: string; issuedOn: string; version: number }) {
    return this.db.transaction().execute(async (trx) => {
      const { letter, c } = await this.loadLetter(trx, id, true);
      remindersPolicy.assertCanReview(ctx.actor, c);
      this.assertDraft(letter, body.version, ctx.actor, c);
      const after = await repo.updateLetter(trx, id, {
        status: 'issued',
        number: body.number,
        issued_on: body.issuedOn,
        issued_at: this.clock.now(),
        issued_by: ctx.actor.userId || null,
        updated_at: this.clock.now(),
        updated_by: ctx.actor.userId || null,
      });
      const settings = settingsOf((await repo.planForSettings(trx, c.planId))?.followup_settings ?? null);
      const channels: Channel[] = [
        ...(settings.channels.inApp ? (['in_app'] as const) : []),
        ...(settings.channels.email ? (['email'] as const) : []),
      ];
      const writers = ROLES.filter(
        (r) => ROLE_DEFINITIONS[r].can.has('reports.write') || ROLE_DEFINITIONS[r].can.has('reports.submit'),
      );
      const grants = await repo.grantsOfRoles(trx, writers);
      for (const userId of owers(c, grants)) {
        for (const channel of channels) {
          const d: Delivery = {
            obligationId: c.id,
            step: 'letter_issued',
            deadline: letter.deadline,
            userId,
            channel,
            letterId: id,
          };
          await deliver(trx, this.clock, d, async () => {});
        }
      }
      await recordAudit(trx, ctx, {
        action: 'letter.issue',
        entityType: 'explanation_letter',
        entityId: id,
        before: { status: letter.status },
        after: { status: 'issued', number: body.number, issuedOn: body.issuedOn },
      });
      return presentLetter(ctx.actor, after, c);
    });
  }
}
