// @ts-nocheck
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { peruToday } from '../../platform/time.ts';
import { duplicatePersons, getOrganization, getPerson, mergePersons } from './persons.service.ts';
import * as s from './registry.schema.ts';
import {
  changeStatus,
  getInscription,
  listDepartments,
  listPublicRegistry,
  ownInscriptions,
  publicRegistryStats,
  publicStratumRules,
  searchPublicRegistry,
  searchRegistry,
} from './registry.service.ts';
import { getMiningRight, putMiningRight } from './rights.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;
const idParam = z.object({ id: z.coerce.number().int().positive() });

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
      summary: "The public registry, filtered, in Spanish order of the declarant, with the total and keyset pages (`cursor` = the last page's `next`)",
      querystring: s.registryListQuery,
      response: { 200: s.registryListPage },
    },
    handler: (req) => listPublicRegistry(db, req.query, req.query.limit, req.query.cursor),
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
      summary: 'Search persons, organizations, rights and inscriptions you may see',
      querystring: s.searchQuery,
      response: { 200: z.array(s.searchHit) },
    },
    handler: (req) => searchRegistry(db, req.actor, req.query.q, req.query.limit),
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
