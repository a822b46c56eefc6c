import { z } from 'zod';

/** Shared request/response pieces. */
export const IsoDate = z.iso.date();
export const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  fields: z.array(z.string()).optional(),
});
/** Query-string booleans: "true"/"1" are true. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
export const NonBlank = z.string().trim().min(1).max(500);
