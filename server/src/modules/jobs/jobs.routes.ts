import { z } from 'zod';
import { actorOf, ctxOf } from '../../platform/auth/plugin.js';
import type { App, Deps } from '../../platform/types.js';
import { JOB_STATES, JobIdParams, JobList, JobListQuery } from './jobs.schemas.js';
import { JobsService } from './jobs.service.js';

const tags = ['jobs'];
const Changed = z.object({ id: z.string(), queue: z.string(), state: z.enum(JOB_STATES) });

export function jobsRoutes(app: App, { db, jobs }: Deps): void {
  const service = new JobsService(db, jobs);
  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Công việc nền: đang chờ, đang chạy, lỗi, đã xong (quản trị)',
        querystring: JobListQuery,
        response: { 200: JobList },
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.post(
    '/api/v1/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Chạy lại một công việc lỗi hoặc đã hủy',
        params: JobIdParams,
        response: { 200: Changed },
      },
    },
    async (req) => service.retry(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/jobs/:id/cancel',
    { schema: { tags, summary: 'Hủy một công việc đang chờ', params: JobIdParams, response: { 200: Changed } } },
    async (req) => service.cancel(ctxOf(req), req.params.id),
  );
}
