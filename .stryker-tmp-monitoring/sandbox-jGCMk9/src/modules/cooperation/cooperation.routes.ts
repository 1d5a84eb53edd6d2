// @ts-nocheck
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { exportIati, gapMatrixReport, odaReport } from './cooperation-analysis.service.ts';
import { matrixTable, odaTable, projectsTable, toCsv, toXlsx, type DownloadTable } from './cooperation.downloads.ts';
import * as s from './cooperation.schema.ts';
import { createProject, getProject, listAgencies, listProjects, projectHistory, updateProject } from './cooperation.service.ts';
import { importIati } from './iati.import.ts';

const tags = ['cooperation'];
const WRITERS = ['cooperation', 'national', 'admin'] as const;
const PUBLIC = { access: ['public'] as const, publicCache: true };

const downloadParams = z.object({ dataset: z.enum(['projects', 'gap-matrix', 'oda']), format: z.enum(['csv', 'xlsx']) });
const iatiResult = z.object({
  activities: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), element: z.string(), message: z.string() })),
});
const updateBody = z.object({ version: z.number().int().positive().optional(), project: s.projectInput });

export const cooperationRoutes: RouteModule = (app, { db }) => {
  app.get('/api/cooperation/agencies', {
    config: PUBLIC,
    schema: { tags, summary: 'Cooperation agencies (seed 000) with their IATI organisation identifiers', response: { 200: z.array(s.agencySchema) } },
    handler: (req) => listAgencies(db, req.actor),
  });

  app.get('/api/cooperation/projects', {
    config: PUBLIC,
    schema: {
      tags,
      summary: 'Cooperation projects (by region, agency, status, aspect, stratum or text), with budget and disbursements in USD',
      querystring: s.listQuery,
      response: { 200: z.array(s.projectSummary) },
    },
    handler: (req) => listProjects(db, req.actor, req.query),
  });

  app.get('/api/cooperation/projects/:id', {
    config: PUBLIC,
    schema: {
      tags,
      summary: 'A project: partners, regions, strata, aspects, policy codes and money flows (with USD at the yearly rate)',
      params: s.idParam,
      response: { 200: s.projectSchema },
    },
    handler: (req) => getProject(db, req.actor, req.params.id),
  });

  app.get('/api/cooperation/projects/:id/versions', {
    config: { access: [...WRITERS, 'auditor'] },
    schema: {
      tags,
      summary: "A project's history: every stored version, who recorded it and from where",
      params: s.idParam,
      response: { 200: z.array(s.versionSchema) },
    },
    handler: (req) => projectHistory(db, req.actor, req.params.id),
  });

  app.post('/api/cooperation/projects', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: 'Register a project (cooperation unit, agencies’ focal points); policy codes must exist in the stored policy',
      body: s.projectInput,
      response: { 201: s.projectSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await createProject(db, req.actor, req.body)),
  });

  app.put('/api/cooperation/projects/:id', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: 'Replace a project’s content (a new version in its history); `version` refuses a stale edit with 409',
      params: s.idParam,
      body: updateBody,
      response: { 200: s.projectSchema },
    },
    handler: (req) => updateProject(db, req.actor, req.params.id, req.body.project, req.body.version),
  });

  app.post('/api/cooperation/iati', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: 'Import an IATI 2.0x activity file (multipart field `file`), as `veta import iati`: validated against the XSD, all or nothing',
      description:
        'Answers the same JSON as `veta import iati --json`: 200 when stored (or unchanged), 422 with `errors` (line, element, reason) when the file is refused and nothing was written. `?country=PE` keeps only the activities for Peru.',
      querystring: z.object({
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional(),
      }),
      consumes: ['multipart/form-data'],
      response: { 200: iatiResult, 422: iatiResult },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const xml = upload.bytes.toString('utf8').replace(/^\uFEFF/, '');
      const r = await importIati(db, req.actor, xml, { country: req.query.country, fileName: upload.fileName });
      const body = { activities: r.activities, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, errors: r.errors };
      return reply.status(r.errors.length > 0 ? 422 : 200).send(body);
    },
  });

  app.get('/api/cooperation/gap-matrix', {
    config: PUBLIC,
    schema: {
      tags,
      summary:
        'Strata × aspects: active projects and their budget (USD) per cell for a year, region, agency or policy objective; by region, agency and objective',
      querystring: s.matrixQuery,
      response: { 200: s.gapMatrixSchema },
    },
    handler: (req) => gapMatrixReport(db, req.actor, req.query),
  });

  app.get('/api/cooperation/oda', {
    config: PUBLIC,
    schema: { tags, summary: 'ODA by agency and year (Veta’s projects, USD) and net ODA to Peru as the DAC reported it', response: { 200: s.odaSchema } },
    handler: (req) => odaReport(db, req.actor),
  });

  app.get('/api/cooperation/iati.xml', {
    config: PUBLIC,
    schema: { tags, summary: 'Every project as an IATI 2.03 activity file', produces: ['application/xml'] },
    handler: async (req, reply) => {
      const { xml } = await exportIati(db, req.actor);
      return reply.header('content-type', 'application/xml; charset=utf-8').send(xml);
    },
  });

  // not cached: the public cache keeps the content type only, and downloads carry their file name
  app.get('/api/cooperation/downloads/:dataset.:format', {
    config: { access: ['public'] },
    schema: {
      tags,
      summary: 'The projects, the gap matrix (current year, or ?year=) or ODA as CSV or XLSX',
      params: downloadParams,
      querystring: s.matrixQuery,
    },
    handler: async (req, reply) => {
      const { dataset, format } = req.params;
      let table: DownloadTable;
      if (dataset === 'projects') table = projectsTable(await listProjects(db, req.actor, {}));
      else if (dataset === 'gap-matrix') table = matrixTable(await gapMatrixReport(db, req.actor, req.query));
      else table = odaTable(await odaReport(db, req.actor));
      void reply.header('content-disposition', `attachment; filename="veta-${table.name}.${format}"`);
      if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(table));
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table));
    },
  });
};
