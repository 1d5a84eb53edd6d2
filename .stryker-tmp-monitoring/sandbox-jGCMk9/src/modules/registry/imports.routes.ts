// @ts-nocheck
import type { RouteModule } from '../../platform/http/app.ts';
import { rejectedRowsCsv, rejectedRowsXlsx } from '../../platform/files/rejected-rows.ts';
import { badRequest, notFound } from '../../platform/http/problem.ts';
import { readUpload, uploadedTable } from '../../platform/http/upload.ts';
import { importRoute } from '../../platform/imports/index.ts';
import { importHistoryRoutes } from '../../platform/imports/history.ts';
import { getJob } from '../../platform/jobs/jobs.ts';
import { reinfoImport } from './reinfo.import.ts';
import { jobRowErrors, rejectedRowsQuery } from './registry.schema.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reinfoRoute = importRoute(reinfoImport);

export const importRoutes: RouteModule = async (app, deps) => {
  const { db } = deps;
  await reinfoRoute(app, deps);
  // the history of every kind's imports (one list for the page and the API)
  await importHistoryRoutes(app, deps);

  app.post('/api/imports/rejected-rows', {
    config: { access: ['regional', 'national', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: 'The rows a finished import of a CSV or XLSX list rejected, cut out of its file sent again (XLSX or CSV, with a column ERRORES)',
      description:
        'Send the same file (multipart field "file", CSV or XLSX) with ?job= the import job. The answer is the header and the ' +
        'rejected rows as they were in the file, each with why, as XLSX (format=xlsx, default) or CSV: fix them in Excel and upload again.',
      consumes: ['multipart/form-data'],
      querystring: rejectedRowsQuery,
    },
    handler: async (req, reply) => {
      const found = await getJob(db, req.query.job, req.actor);
      if (!found || !found.kind.startsWith('import.')) throw notFound(`Import job ${req.query.job}`);
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
