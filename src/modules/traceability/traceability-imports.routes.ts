import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { readUpload, uploadedTable } from '../../platform/http/upload.ts';
import { startJob } from '../../platform/jobs/jobs.ts';
import { peruToday } from '../../platform/time.ts';
import { importLedgerFile } from './ledger.import.ts';
import { importRecpo } from './recpo.import.ts';

const IMPORTERS = ['national', 'admin'] as const;

/** Text of a JSONL upload as lines (a leading byte-order mark is dropped). */
export function jsonlLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** Uploads of RECPO lists and ledger files, each run as a background job (poll GET /api/jobs/{jobId}). */
export const traceabilityImportRoutes: RouteModule = (app, { db }) => {
  app.post('/api/imports/recpo', {
    config: { access: IMPORTERS },
    schema: {
      tags: ['imports'],
      summary: 'Upload a RECPO list (CSV or XLSX, multipart field "file"); runs as a background job',
      description:
        'Headers RUC, RAZON SOCIAL, TIPO (COMERCIALIZADOR | PLANTA | REFINERIA | EXPORTADOR | JOYERO), NUMERO REGISTRO, ' +
        'VIGENCIA DESDE, VIGENCIA HASTA, CAPACIDAD TMD (plants), optional DEPARTAMENTO. Form field skipInvalid (true|false). ' +
        'A rejected file ends with status failed and the row errors in result.',
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ jobId: z.number() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const table = await uploadedTable(upload);
      const skipInvalid = upload.field('skipInvalid') === 'true';
      const actor = req.actor;
      const jobId = await startJob(db, actor, 'import.recpo', () =>
        importRecpo(db, actor, table, { fileName: upload.fileName, sha256: upload.sha256, asOf: peruToday(), skipInvalid }),
      );
      return reply.status(202).send({ jobId });
    },
  });

  app.post('/api/imports/ledger', {
    config: { access: IMPORTERS },
    schema: {
      tags: ['imports'],
      summary: 'Upload a ledger file (JSONL, one event per line, multipart field "file"); runs as a background job',
      description:
        'All or nothing: a rejected file ends with status failed and {inserted, unchanged, rejected, errors:[{row, id, field, message}]} in result.',
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ jobId: z.number() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const sha256 = upload.sha256;
      const lines = jsonlLines(upload.bytes.toString('utf8'));
      const actor = req.actor;
      const jobId = await startJob(db, actor, 'import.ledger', async (progress) => {
        const result = await importLedgerFile(db, actor, lines, {
          fileName: upload.fileName,
          sha256: () => sha256,
          asOf: peruToday(),
          onProgress: (done) => progress(done, lines.length),
        });
        const { importId: _id, ...summary } = result;
        if (summary.rejected > 0) throw Object.assign(new Error('ledger file rejected'), { result: summary });
        return summary;
      });
      return reply.status(202).send({ jobId });
    },
  });
};
