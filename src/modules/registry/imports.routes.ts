import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { readUpload, uploadedTable } from '../../platform/http/upload.ts';
import { startJob } from '../../platform/jobs/jobs.ts';
import { peruToday } from '../../platform/time.ts';
import { importReinfo } from './reinfo.import.ts';

export const importRoutes: RouteModule = (app, { db }) => {
  app.post('/api/imports/reinfo', {
    config: { access: ['regional', 'national', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: 'Upload a REINFO list (CSV or XLSX, multipart field "file"); runs as a background job',
      description:
        'Form fields: file, asOf (YYYY-MM-DD, default today), skipInvalid (true|false). ' +
        'Poll GET /api/jobs/{jobId}; a rejected file ends with status failed and the row errors in result.',
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ jobId: z.number() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const asOf = upload.field('asOf') ?? peruToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badRequest('asOf must be YYYY-MM-DD', [{ path: 'asOf', message: 'not a date' }]);
      const table = await uploadedTable(upload);
      const actor = req.actor;
      const jobId = await startJob(db, actor, 'import.reinfo', (progress) =>
        importReinfo(db, actor, table, {
          fileName: upload.fileName,
          sha256: upload.sha256,
          asOf,
          skipInvalid: upload.field('skipInvalid') === 'true',
          onProgress: (_phase, done, total) => progress(done, total),
        }),
      );
      return reply.status(202).send({ jobId });
    },
  });
};
