/** The situation of informal miners' areas (public aggregate and officials' drill-down) and the protected-area overlaps. */
import { z } from 'zod';
import { PUBLIC_ACTOR } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { listOverlaps } from './areas.service.ts';
import { SITUATIONS } from './situation.domain.ts';
import { situationXlsx } from './situation.format.ts';
import { situationReport } from './situation.service.ts';
import { producerStratum } from './producer-stratum.service.ts';
import { peruToday } from '../../platform/time.ts';

const situationRow = z.object({ situation: z.enum(SITUATIONS), cases: z.number(), percent: z.number() });
const inscription = z.object({
  id: z.number(),
  ruc: z.string(),
  declarantName: z.string(),
  miningRightCode: z.string(),
  departmentCode: z.string(),
  status: z.string(),
});
const report = z.object({
  year: z.number(),
  regions: z.array(z.string()),
  total: z.number(),
  rows: z.array(situationRow),
  byRegion: z.array(z.object({ region: z.string(), name: z.string(), total: z.number(), rows: z.array(situationRow) })),
  inscriptions: z.record(z.string(), z.array(inscription)).optional(),
});
const query = z.object({
  year: z.coerce.number().int().min(1990).max(2100),
  regions: z
    .string()
    .regex(/^\d{2}(,\d{2})*$/)
    .optional(),
  format: z.enum(['json', 'csv']).optional(),
});
const regionsOf = (q: { regions?: string | undefined }): string[] | null => (q.regions ? q.regions.split(',') : null);
const overlap = z.object({
  entity: z.enum(['inscription', 'right']),
  id: z.number(),
  code: z.string(),
  departmentCode: z.string(),
  areaKind: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  category: z.string().nullable(),
  overlapHectares: z.number().nullable(),
});

export const territoryRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/territory/situation', {
    config: {
      access: ['public'],
      publicCache: true,
      csv: (body) => (body as z.infer<typeof report>).rows.map((r) => ({ ...r })),
    },
    schema: {
      tags: ['public'],
      summary: "Where informal miners work in a year: fronts by the situation of the concession they lie in (seed 004's table), national and per region",
      querystring: query,
      response: { 200: report },
    },
    handler: async (req) => situationReport(db, PUBLIC_ACTOR, req.query.year, regionsOf(req.query)),
  });

  app.get('/api/public/territory/situation.xlsx', {
    config: { access: ['public'] },
    schema: { tags: ['public'], summary: 'The situation table as an XLSX workbook', querystring: query.omit({ format: true }) },
    handler: async (req, reply) => {
      const r = await situationReport(db, PUBLIC_ACTOR, req.query.year, regionsOf(req.query));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="situacion-${r.year}.xlsx"`)
        .send(await situationXlsx(r));
    },
  });

  app.get('/api/territory/situation', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['territory'],
      summary: 'The situation table with the inscriptions behind each cell (those the official may see)',
      querystring: query.omit({ format: true }),
      response: { 200: report },
    },
    handler: async (req) => situationReport(db, req.actor, req.query.year, regionsOf(req.query)),
  });

  app.get('/api/territory/overlaps', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['territory'],
      summary: 'Fronts and rights inside protected, buffer or exclusion areas: area, category, overlap in hectares',
      querystring: z.object({
        region: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
      }),
      response: { 200: z.array(overlap) },
    },
    handler: async (req) => listOverlaps(db, req.actor, req.query.region ?? null),
  });

  app.get('/api/territory/producers/:ruc/stratum', {
    config: { access: ['miner', 'regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['territory'],
      summary: 'Law 27651 stratum of a producer from all the rights it holds or works ("por cualquier título"), with the explanation',
      params: z.object({ ruc: z.string().regex(/^\d{11}$/) }),
      response: {
        200: z.object({
          ruc: z.string(),
          stratum: z.enum(['PMA', 'PPM', 'NOT_SMALL_SCALE', 'UNDETERMINED']),
          hectares: z.number().nullable(),
          capacity: z.number().nullable(),
          rights: z.number(),
          explanation: z.array(z.string()),
          legalSource: z.string().nullable(),
          held: z.array(
            z.object({
              code: z.string(),
              hectares: z.number().nullable(),
              capacity: z.number().nullable(),
              substance: z.string(),
              title: z.enum(['holder', 'contract']),
            }),
          ),
        }),
      },
    },
    handler: async (req) => producerStratum(db, req.actor, req.params.ruc, peruToday()),
  });
};
