/**
 * Upload jobs of the territory imports. DAC (CSV/XLSX) is the shared pipeline's route as
 * it is; the cadastre and the areas take what GEOCATMIN and SERNANP publish — a zipped
 * shapefile or GeoJSON — so their route reads the layer itself (form fields `srid`,
 * `asOf`, `skipInvalid`; areas also `kind`, `nameField`, `codeField`) and runs the same
 * pipeline; the job's result is the CLI's `--json`, warnings included.
 */
// @ts-nocheck

import { z } from 'zod';
import type { Actor, Role } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { fileProblem, readUpload } from '../../platform/http/upload.ts';
import { importRoute, ImportRejectedError, runImportDetailed, type ImportDeclaration, type RowError } from '../../platform/imports/index.ts';
import { startJob } from '../../platform/jobs/jobs.ts';
import { peruToday } from '../../platform/time.ts';
import { AREA_KINDS, areasImport, type AreaKind } from './areas.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { dacImport } from './dac.import.ts';
import { layerSource, readGeoLayer, type GeoLayer } from './geo-file.ts';

const dac = importRoute(dacImport, {
  description: 'Columns CODIGO UNICO, AÑO, SITUACION (CONSTRUCCION, EXPLORACION, EXPLOTACION, PARALIZADA, SIN ACTIVIDAD), optional PRODUCCION, TRABAJADORES.',
});

type Field = (name: string) => string | undefined;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MakeDecl = (field: Field, warnings: RowError[]) => ImportDeclaration<any, any, any>;

function geoImportRoute(kind: string, title: string, access: readonly Role[], makeDecl: MakeDecl, fields: string): RouteModule {
  return (app, { db }) => {
    app.post(`/api/imports/${kind}`, {
      config: { access },
      schema: {
        tags: ['imports'],
        summary: `Upload ${title} (zipped shapefile or GeoJSON, multipart field "file"); runs as a background job`,
        description: `Form fields: file, srid (EPSG code when the file states no CRS), asOf (YYYY-MM-DD), skipInvalid (true|false)${fields}. Poll GET /api/jobs/{jobId}; the result is {inserted, updated, unchanged, rejected, errors, warnings}.`,
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ jobId: z.number() }) },
      },
      handler: async (req, reply) => {
        const upload = await readUpload(req);
        const asOf = upload.field('asOf') ?? peruToday();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badRequest('asOf must be YYYY-MM-DD', [{ path: 'asOf', message: 'not a date' }]);
        const srid = upload.field('srid');
        if (srid !== undefined && !/^\d+$/.test(srid)) throw badRequest('srid must be an EPSG code', [{ path: 'srid', message: 'not a number' }]);
        let layer: GeoLayer;
        try {
          layer = await readGeoLayer(upload.bytes, srid === undefined ? undefined : Number(srid));
        } catch (err) {
          throw fileProblem(err);
        }
        const warnings: RowError[] = [];
        const decl = makeDecl(upload.field, warnings);
        const actor: Actor = req.actor;
        const jobId = await startJob(
          db,
          actor,
          `import.${kind}`,
          async (progress, id) => {
            try {
              const { result } = await runImportDetailed(db, actor, decl, layerSource(layer), {
                fileName: upload.fileName,
                sha256: upload.sha256,
                asOf,
                skipInvalid: upload.field('skipInvalid') === 'true',
                jobId: id,
                onProgress: (_phase, done, total) => progress(done, Math.max(total, done)),
              });
              const { importId: _id, ...counts } = result;
              return { ...counts, warnings };
            } catch (err) {
              if (err instanceof ImportRejectedError) {
                const { importId: _id, ...counts } = err.result;
                throw Object.assign(new Error(err.message), { result: { ...counts, warnings } });
              }
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

const cadastre = geoImportRoute('cadastre', 'the INGEMMET cadastre (GEOCATMIN)', cadastreImport().access, (_field, w) => cadastreImport(w), '');
const areas = geoImportRoute(
  'areas',
  'protected, buffer or exclusion areas, indigenous reserves',
  areasImport({ kind: 'protected' }).access,
  (field, w) => {
    const kind = (field('kind') ?? 'protected') as AreaKind;
    const nameField = field('nameField');
    const codeField = field('codeField');
    return areasImport({ kind: AREA_KINDS.includes(kind) ? kind : 'protected', ...(nameField ? { nameField } : {}), ...(codeField ? { codeField } : {}) }, w);
  },
  ', kind (protected|buffer|exclusion|indigenous-reserve), nameField, codeField',
);

export const territoryImportRoutes: RouteModule = (app, deps) => {
  cadastre(app, deps);
  dac(app, deps);
  areas(app, deps);
};
