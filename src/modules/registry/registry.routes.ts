import { z } from 'zod';
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/problem.ts';
import { peruToday } from '../../platform/time.ts';
import * as s from './registry.schema.ts';
import { publicInscriptionsById, publicSearch, publicStats, registrySearch, stratumRules } from './registry.queries.ts';
import { changeStatus, duplicatePersons, getInscription, mergePersons } from './registry.service.ts';
import { getMiningRight, putMiningRight } from './rights.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;
const idParam = z.object({ id: z.coerce.number().int().positive() });

interface InscriptionRefRow {
  id: number;
  ruc: string;
  mining_right_code: string;
  activity: 'explotacion' | 'beneficio';
  status: 'vigente' | 'suspendido' | 'excluido';
  expediente_id: number | null;
}
const inscriptionRef = (i: InscriptionRefRow): z.infer<typeof s.inscriptionRef> => ({
  id: Number(i.id),
  ruc: i.ruc,
  miningRightCode: i.mining_right_code,
  activity: i.activity,
  status: i.status,
  expedienteId: i.expediente_id === null ? null : Number(i.expediente_id),
});

export const registryRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/registry/search', {
    config: { access: ['public'], publicCache: true },
    schema: { tags: ['public'], summary: 'Search the public registry', querystring: s.searchQuery, response: { 200: z.array(s.publicInscription) } },
    handler: (req) => withActor(db, PUBLIC_ACTOR, (tx) => publicSearch(tx, req.query.q, req.query.limit)),
  });

  app.get('/api/public/registry/stats', {
    config: { access: ['public'], publicCache: true },
    schema: { tags: ['public'], summary: 'Inscriptions by status and department', response: { 200: s.publicStats } },
    handler: () => withActor(db, PUBLIC_ACTOR, (tx) => publicStats(tx)),
  });

  app.get('/api/public/territory/departments', {
    config: { access: ['public'], publicCache: true },
    schema: { tags: ['public'], summary: 'UBIGEO departments', response: { 200: z.array(s.department) } },
    handler: async () => {
      const { rows } = await withActor(db, PUBLIC_ACTOR, (tx) =>
        tx.query<{ code: string; reniec_code: string; name: string }>('SELECT code, reniec_code, name FROM departments ORDER BY code'),
      );
      return rows.map((r) => ({ code: r.code, reniecCode: r.reniec_code, name: r.name }));
    },
  });

  app.get('/api/public/registry/strata-rules', {
    config: { access: ['public'], publicCache: true },
    schema: { tags: ['public'], summary: 'Law 27651 strata thresholds in force, as dated rules' },
    handler: () => withActor(db, PUBLIC_ACTOR, (tx) => stratumRules(tx)),
  });

  app.get('/api/registry/search', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'Search persons, organizations, rights and inscriptions you may see', querystring: s.searchQuery, response: { 200: z.array(s.searchHit) } },
    handler: (req) => withActor(db, req.actor, (tx) => registrySearch(tx, req.query.q, req.query.limit)),
  });

  app.get('/api/registry/inscriptions/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'An inscription with its stratum and status history', params: idParam, response: { 200: s.inscriptionDetail } },
    handler: (req) => getInscription(db, req.actor, req.params.id, peruToday()),
  });

  app.post('/api/registry/inscriptions/:id/status', {
    config: { access: WRITERS },
    schema: { tags: ['registry'], summary: 'Suspend, exclude or reinstate an inscription', params: idParam, body: s.statusChangeBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await changeStatus(db, req.actor, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/registry/persons/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'A person with inscriptions and organizations', params: idParam, response: { 200: s.person } },
    handler: (req) =>
      withActor(db, req.actor, async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>('SELECT * FROM persons WHERE id = $1', [req.params.id]);
        const p = rows[0];
        if (!p) throw notFound(`Person ${req.params.id}`);
        const ins = await tx.query<InscriptionRefRow>(
          `SELECT i.id, i.ruc, i.mining_right_code, i.activity, i.status, x.id AS expediente_id
           FROM reinfo_inscriptions i LEFT JOIN expedientes x ON x.inscription_id = i.id WHERE i.person_id = $1 ORDER BY i.id`,
          [req.params.id],
        );
        const orgs = await tx.query<{ id: number; ruc: string; name: string; role: string }>(
          'SELECT o.id, o.ruc, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.person_id = $1 ORDER BY o.name',
          [req.params.id],
        );
        return {
          id: Number(p['id']),
          dni: String(p['dni']),
          fullName: String(p['full_name']),
          sex: (p['sex'] as 'F' | 'M' | null) ?? null,
          birthDate: (p['birth_date'] as string | null) ?? null,
          phone: (p['phone'] as string | null) ?? null,
          address: (p['address'] as string | null) ?? null,
          regionCode: String(p['region_code']),
          mergedInto: p['merged_into'] === null ? null : Number(p['merged_into']),
          inscriptions: ins.rows.map(inscriptionRef),
          organizations: orgs.rows.map((o) => ({ id: Number(o.id), ruc: o.ruc, name: o.name, role: o.role })),
        };
      }),
  });

  app.get('/api/registry/organizations/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: { tags: ['registry'], summary: 'An organization with members and inscriptions', params: idParam, response: { 200: s.organization } },
    handler: (req) =>
      withActor(db, req.actor, async (tx) => {
        const { rows } = await tx.query<{ id: number; ruc: string; name: string; type: 'cooperative' | 'association' | 'company' | 'community'; region_code: string }>(
          'SELECT id, ruc, name, type, region_code FROM organizations WHERE id = $1',
          [req.params.id],
        );
        const o = rows[0];
        if (!o) throw notFound(`Organization ${req.params.id}`);
        const members = await tx.query<{ person_id: number; full_name: string; role: string }>(
          'SELECT m.person_id, p.full_name, m.role FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.organization_id = $1 ORDER BY p.full_name',
          [o.id],
        );
        const ins = await tx.query<InscriptionRefRow>(
          `SELECT i.id, i.ruc, i.mining_right_code, i.activity, i.status, x.id AS expediente_id
           FROM reinfo_inscriptions i LEFT JOIN expedientes x ON x.inscription_id = i.id WHERE i.organization_id = $1 ORDER BY i.id`,
          [o.id],
        );
        return {
          id: Number(o.id),
          ruc: o.ruc,
          name: o.name,
          type: o.type,
          regionCode: o.region_code,
          members: members.rows.map((m) => ({ personId: Number(m.person_id), fullName: m.full_name, role: m.role })),
          inscriptions: ins.rows.map(inscriptionRef),
        };
      }),
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
    handler: (req) =>
      withActor(db, req.actor, async (tx) => {
        const { rows } = await tx.query<{ id: number }>('SELECT id FROM reinfo_inscriptions ORDER BY id');
        const ids = rows.map((r) => Number(r.id));
        return publicInscriptionsById(tx, ids);
      }),
  });
};
