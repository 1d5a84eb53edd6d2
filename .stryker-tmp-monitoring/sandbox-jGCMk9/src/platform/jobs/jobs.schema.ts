// @ts-nocheck
import { z } from 'zod';

/** A background job as GET /api/jobs/{id} answers it: the one home of the job schema. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;
export const jobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  processed: z.number(),
  total: z.number().nullable(),
  result: z.unknown(),
});
export type JobJson = z.infer<typeof jobSchema>;
