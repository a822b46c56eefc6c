import type { Kysely } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobQueue, JobRow, JobState } from '../../platform/jobs.js';
import { jobsPolicy } from './jobs.policy.js';
import { JOB_STATES } from './jobs.schemas.js';

const STATUS: Record<string, JobState[]> = {
  queued: ['created', 'retry'],
  active: ['active'],
  failed: ['failed'],
  done: ['completed'],
  cancelled: ['cancelled'],
};

function present(r: JobRow) {
  return {
    ...r,
    startAfter: r.startAfter.toISOString(),
    startedOn: r.startedOn?.toISOString() ?? null,
    completedOn: r.completedOn?.toISOString() ?? null,
    createdOn: r.createdOn.toISOString(),
  };
}

export class JobsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: JobQueue,
  ) {}

  async list(
    actor: Actor,
    query: { status?: string | undefined; queue?: string | undefined; limit: number; offset: number },
  ) {
    jobsPolicy.assertCanManage(actor);
    const filter = {
      ...(query.status ? { state: STATUS[query.status] } : {}),
      ...(query.queue ? { queue: query.queue } : {}),
    };
    const page = await this.jobs.list({ ...filter, limit: query.limit, offset: query.offset });
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const [state, n] of Object.entries(await this.jobs.counts())) counts[state as JobState] = n;
    return { items: page.items.map(present), total: page.total, counts, schedules: await this.jobs.schedules() };
  }

  retry(ctx: Ctx, id: string) {
    return this.change(ctx, id, 'job.retry', (trx, queue) => this.jobs.retry(trx, queue, id));
  }

  cancel(ctx: Ctx, id: string) {
    return this.change(ctx, id, 'job.cancel', (trx, queue) => this.jobs.cancel(trx, queue, id));
  }

  private async change(
    ctx: Ctx,
    id: string,
    action: string,
    apply: (trx: Kysely<Database>, queue: string) => Promise<boolean>,
  ) {
    jobsPolicy.assertCanManage(ctx.actor);
    await this.jobs.ready();
    return this.db.transaction().execute(async (trx) => {
      const job = await this.jobs.get(trx, id);
      if (!job) throw notFound('job');
      if (!(await apply(trx, job.queue))) throw new AppError(409, 'job_state_conflict', { state: job.state });
      const after = await this.jobs.get(trx, id);
      await recordAudit(trx, ctx, {
        action,
        entityType: 'job',
        entityId: id,
        before: { queue: job.queue, state: job.state },
        after: { queue: job.queue, state: after?.state },
      });
      return { id, queue: job.queue, state: after?.state ?? job.state };
    });
  }
}
