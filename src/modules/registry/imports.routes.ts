import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { rejectedRowsCsv, rejectedRowsXlsx } from '../../platform/files/rejected-rows.ts';
import { notFound } from '../../platform/http/problem.ts';
import { readUpload, uploadedTable } from '../../platform/http/upload.ts';
import { getJob, startJob } from '../../platform/jobs/jobs.ts';
import { peruToday } from '../../platform/time.ts';
import { importReinfo } from './reinfo.import.ts';
import { jobRowErrors, rejectedRowsQuery } from './registry.schema.ts';

/** Imports whose errors name rows of a CSV or XLSX list. */
const TABULAR_IMPORTS = new Set(['import.reinfo', 'import.recpo']);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

  app.post('/api/imports/rejected-rows', {
    config: { access: ['regional', 'national', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: "The rows a finished REINFO or RECPO import rejected, cut out of its file sent again (XLSX or CSV, with a column ERRORES)",
      description:
        'Send the same file (multipart field "file", CSV or XLSX) with ?job= the import job. The answer is the header and the ' +
        'rejected rows as they were in the file, each with why, as XLSX (format=xlsx, default) or CSV: fix them in Excel and upload again.',
      consumes: ['multipart/form-data'],
      querystring: rejectedRowsQuery,
    },
    handler: async (req, reply) => {
      const found = await getJob(db, req.query.job, req.actor);
      if (!found || !TABULAR_IMPORTS.has(found.kind)) throw notFound(`Import job ${req.query.job}`);
      const result = jobRowErrors.safeParse(found.result);
      if (found.status === 'running' || !result.success) throw badRequest(`Import job ${req.query.job} has no row errors (yet)`);
      const upload = await readUpload(req);
      const table = await uploadedTable(upload);
      const base = upload.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'lista';
      const xlsx = req.query.format === 'xlsx';
      const body = xlsx ? await rejectedRowsXlsx(table, result.data.errors) : rejectedRowsCsv(table, result.data.errors);
      return reply
        .type(xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}.rechazadas.${req.query.format}"`)
        .send(body);
    },
  });
};
