import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendListFile, type ExportColumn } from '../../platform/http/list-export.ts';
import { peruToday } from '../../platform/time.ts';
import { duplicatePersons, getOrganization, getPerson, mergePersons } from './persons.service.ts';
import * as s from './registry.schema.ts';
import {
  changeStatus,
  getInscription,
  listDepartments,
  listPublicRegistry,
  listPublicRegistryAll,
  ownInscriptions,
  publicRegistryStats,
  publicStratumRules,
  searchPublicRegistry,
  searchRegistry,
  searchRegistryAll,
} from './registry.service.ts';
import { getMiningRight, putMiningRight } from './rights.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;
const idParam = z.object({ id: z.coerce.number().int().positive() });

type PublicInscription = z.infer<typeof s.publicInscription>;
const REGISTRY_COLUMNS: ExportColumn<PublicInscription>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'declarantName', value: (r) => r.declarantName },
  { header: 'declarantType', value: (r) => r.declarantType },
  { header: 'ruc', value: (r) => r.ruc },
  { header: 'miningRightCode', value: (r) => r.miningRightCode },
  { header: 'miningRightName', value: (r) => r.miningRightName },
  { header: 'activity', value: (r) => r.activity },
  { header: 'departmentCode', value: (r) => r.departmentCode },
  { header: 'departmentName', value: (r) => r.departmentName },
  { header: 'districtCode', value: (r) => r.districtCode },
  { header: 'inscriptionDate', value: (r) => r.inscriptionDate },
  { header: 'status', value: (r) => r.status },
  { header: 'statusSince', value: (r) => r.statusSince },
];
const SEARCH_COLUMNS: ExportColumn<z.infer<typeof s.searchHit>>[] = [
  { header: 'kind', value: (r) => r.kind },
  { header: 'id', value: (r) => r.id },
  { header: 'label', value: (r) => r.label },
  { header: 'detail', value: (r) => r.detail },
  { header: 'departmentCode', value: (r) => r.departmentCode },
  { header: 'score', value: (r) => r.score, numFmt: '0.000' },
];

export const registryRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/registry/search', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: { tags: ['public'], summary: 'Search the public registry', querystring: s.searchQuery, response: { 200: z.array(s.publicInscription) } },
    handler: (req) => searchPublicRegistry(db, req.query.q, req.query.limit),
  });

  app.get('/api/public/registry/inscriptions', {
    config: { access: ['public'], publicCache: true },
    schema: {
      tags: ['public'],
      summary:
        'The public registry, filtered, sorted by a column (Spanish order), with the total and keyset pages; `format=csv|xlsx` exports every filtered row',
      querystring: s.registryListQuery,
      response: { 200: s.registryListPage },
    },
    handler: async (req, reply) => {
      const { limit, sort, dir, format, cursor, after, ...filter } = req.query;
      const list = { limit, sort, dir, after: after ?? cursor };
      if (format) return sendListFile(reply, format, 'registro-publico', REGISTRY_COLUMNS, listPublicRegistryAll(db, filter, list));
      return listPublicRegistry(db, filter, list);
    },
  });

  app.get('/api/public/registry/stats', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: { tags: ['public'], summary: 'Inscriptions by status and department', response: { 200: s.publicStats } },
    handler: () => publicRegistryStats(db),
  });

  app.get('/api/public/territory/departments', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: { tags: ['public'], summary: 'UBIGEO departments', response: { 200: z.array(s.department) } },
    handler: () => listDepartments(db),
  });

  app.get('/api/public/registry/strata-rules', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: { tags: ['public'], summary: 'Law 27651 strata thresholds in force, as dated rules' },
    handler: () => publicStratumRules(db),
  });

  app.get('/api/registry/search', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags: ['registry'],
      summary: 'Search persons, organizations, rights and inscriptions you may see: total, keyset pages, sort, filters; `format=csv|xlsx` exports every hit',
      querystring: s.registrySearchQuery,
      response: { 200: s.searchPage },
    },
    handler: async (req, reply) => {
      const { limit, sort, dir, format, after, ...filter } = req.query;
      const list = { limit, sort, dir, after };
      if (format) return sendListFile(reply, format, 'busqueda', SEARCH_COLUMNS, searchRegistryAll(db, req.actor, filter, list));
      return searchRegistry(db, req.actor, filter, list);
    },
  });

  app.get('/api/registry/inscriptions/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'An inscription with its stratum and status history', params: idParam, response: { 200: s.inscriptionDetail } },
    handler: (req) => getInscription(db, req.actor, req.params.id, peruToday()),
  });

  app.post('/api/registry/inscriptions/:id/status', {
    config: { access: WRITERS },
    schema: {
      tags: ['registry'],
      summary: 'Suspend, exclude or reinstate an inscription',
      params: idParam,
      body: s.statusChangeBody,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await changeStatus(db, req.actor, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/registry/persons/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'A person with inscriptions and organizations', params: idParam, response: { 200: s.person } },
    handler: (req) => getPerson(db, req.actor, req.params.id),
  });

  app.get('/api/registry/organizations/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'An organization with members and inscriptions', params: idParam, response: { 200: s.organization } },
    handler: (req) => getOrganization(db, req.actor, req.params.id),
  });

  app.get('/api/registry/duplicates', {
    config: { access: OFFICIALS },
    schema: { tags: ['registry'], summary: 'Possible duplicate persons, for review', response: { 200: z.array(s.duplicatePair) } },
    handler: (req) => duplicatePersons(db, req.actor),
  });

  app.post('/api/registry/persons/:id/merge', {
    config: { access: WRITERS },
    schema: { tags: ['registry'], summary: 'Merge a duplicate person into another (audited)', params: idParam, body: s.mergeBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await mergePersons(db, req.actor, req.params.id, req.body.into);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/registry/rights/:code', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'A mining right: polygon, DAC, stratum', params: s.rightCodeParam, response: { 200: s.miningRight } },
    handler: (req) => getMiningRight(db, req.actor, req.params.code, peruToday()),
  });

  app.put('/api/registry/rights/:code', {
    config: { access: WRITERS },
    schema: {
      tags: ['registry'],
      summary: 'Create or update a mining right from its UTM vertices (zone 17S/18S/19S, WGS84 or PSAD56)',
      params: s.rightCodeParam,
      body: s.rightBody,
      response: { 200: z.object({ id: z.number(), created: z.boolean() }) },
    },
    handler: (req) => putMiningRight(db, req.actor, req.params.code, req.body),
  });

  app.get('/api/me/inscriptions', {
    config: { access: ['miner'] },
    schema: { tags: ['miner'], summary: "The logged-in miner's own inscriptions", response: { 200: z.array(s.publicInscription) } },
    handler: (req) => ownInscriptions(db, req.actor),
  });
};
