import { createHash } from 'node:crypto';
import { z } from 'zod';
import { readCsv, readXlsx, TableFormatError } from '../../platform/files/tabular.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';
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
      const file = await req.file();
      if (!file) throw badRequest('Send the list as the multipart field "file".');
      const buf = await file.toBuffer();
      const field = (name: string): string | undefined => {
        const f = file.fields[name];
        const v = Array.isArray(f) ? f[0] : f;
        return v && 'value' in v ? String(v.value) : undefined;
      };
      const asOf = field('asOf') ?? peruToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badRequest('asOf must be YYYY-MM-DD', [{ path: 'asOf', message: 'not a date' }]);
      let table;
      try {
        table = /\.xlsx$/i.test(file.filename) ? await readXlsx(buf) : readCsv(buf);
      } catch (err) {
        if (err instanceof TableFormatError) throw badRequest(err.message);
        throw err;
      }
      const sha256 = createHash('sha256').update(buf).digest('hex');
      const actor = req.actor;
      const jobId = await startJob(db, actor, 'import.reinfo', (progress) =>
        importReinfo(db, actor, table, {
          fileName: file.filename,
          sha256,
          asOf,
          skipInvalid: field('skipInvalid') === 'true',
          onProgress: (_phase, done, total) => progress(done, total),
        }),
      );
      return reply.status(202).send({ jobId });
    },
  });
};
