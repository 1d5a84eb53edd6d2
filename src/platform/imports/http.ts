/**
 * The upload of every import, written once: `POST /api/imports/<kind>` (multipart field
 * `file`, form fields `asOf` and `skipInvalid`) answering 202 `{jobId}`; the import runs as
 * a background job polled at `GET /api/jobs/{id}`, whose result is the CLI's `--json`.
 * A file that cannot be read at all (encoding, format, size) is a 400 at once.
 */
import { z } from 'zod';
import type { RouteModule } from '../http/app.ts';
import { badRequest } from '../http/problem.ts';
import { fileProblem, readUpload } from '../http/upload.ts';
import { startJob } from '../jobs/jobs.ts';
import { peruToday } from '../time.ts';
import { importSummary } from './define.ts';
import { limitsOf } from './limits.ts';
import { runImportDetailed } from './pipeline.ts';
import { openSource, type ImportSource } from './sources.ts';
import { ImportRejectedError, type AnyImportDeclaration } from './types.ts';

export function importRoute(decl: AnyImportDeclaration, doc: { description?: string } = {}): RouteModule {
  const formats = decl.formats.map((f) => f.toUpperCase()).join(' or ');
  return (app, { db }) => {
    app.post(`/api/imports/${decl.kind}`, {
      config: { access: decl.access },
      schema: {
        tags: ['imports'],
        summary: `Upload ${decl.title} (${formats}, multipart field "file"); runs as a background job`,
        description:
          (doc.description ? `${doc.description} ` : '') +
          'Form fields: file' +
          (decl.options?.asOf !== false ? ', asOf (YYYY-MM-DD, default today)' : '') +
          (decl.options?.skipInvalid !== false ? ', skipInvalid (true|false)' : '') +
          '. Poll GET /api/jobs/{jobId}; a rejected file ends with status failed and {inserted, updated, unchanged, rejected, errors:[{row, column, value, message, code, params}]} in result. ' +
          'A file that cannot be read (encoding, format, size limits) is a 400 with its code.',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ jobId: z.number() }) },
      },
      handler: async (req, reply) => {
        const upload = await readUpload(req, limitsOf(decl.limits).maxBytes);
        const asOf = (decl.options?.asOf !== false ? upload.field('asOf') : undefined) ?? peruToday();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
          throw badRequest('asOf must be YYYY-MM-DD', [{ path: 'asOf', message: 'not a date' }]);
        }
        let source: ImportSource;
        try {
          source = await openSource(decl, upload.bytes, upload.fileName);
        } catch (err) {
          throw fileProblem(err);
        }
        const actor = req.actor;
        const skipInvalid = decl.options?.skipInvalid !== false && upload.field('skipInvalid') === 'true';
        const jobId = await startJob(
          db,
          actor,
          `import.${decl.kind}`,
          async (progress, id) => {
            try {
              const { result, records } = await runImportDetailed(db, actor, decl, source, {
                fileName: upload.fileName,
                sha256: upload.sha256,
                asOf,
                skipInvalid,
                jobId: id,
                // the job counts the file's rows as they are read: the write phase's own counts (valid rows only) would
                // overwrite them, and a 3-row file with 2 rejected rows would read "1 of 1"
                onProgress: (phase, done, total) => {
                  if (phase === 'validate') progress(done, Math.max(total, done));
                },
              });
              return importSummary(decl, result, records);
            } catch (err) {
              if (err instanceof ImportRejectedError)
                throw Object.assign(new Error(err.message), { result: importSummary(decl, err.result, err.records ?? err.result.rejected) });
              throw err;
            }
          },
          { fileName: upload.fileName, sha256: upload.sha256, log: (message, err) => req.log.error({ err }, message) },
        );
        return reply.status(202).send({ jobId });
      },
    });
  };
}
