import { z } from 'zod';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

export const JobListQuery = z.object({
  /** queued = created + retry; done = completed. */
  status: z.enum(['queued', 'active', 'failed', 'done', 'cancelled']).optional(),
  queue: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const JobIdParams = z.object({ id: z.uuid() });

export const JobView = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  key: z.string().nullable(),
  data: z.unknown(),
  output: z.unknown(),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  startAfter: z.string(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  createdOn: z.string(),
});

export const JobList = z.object({
  items: z.array(JobView),
  total: z.number().int(),
  counts: z.record(z.enum(JOB_STATES), z.number().int()),
  schedules: z.array(z.object({ queue: z.string(), cron: z.string(), timezone: z.string().nullable() })),
});
