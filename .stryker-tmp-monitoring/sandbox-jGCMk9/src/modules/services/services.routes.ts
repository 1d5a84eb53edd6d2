// @ts-nocheck
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import * as s from './services.schema.ts';
import * as svc from './services.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;
const tags = ['services'];
const ok = z.object({ ok: z.literal(true) });

/**
 * What the policy's services deliver, over HTTP: trainings and advice with participants,
 * laboratory analyses, Fondo Minero, credit, dialogue tables, the random IGAFOM review,
 * officials' certification, regional capacities, districts with health access,
 * workforce and accidents, mercury. Officials read by region (row-level security);
 * officials of the region, national officials and administrators write; all audited.
 */
export const servicesRoutes: RouteModule = (app, { db }) => {
  app.get('/api/services/events', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Training, technical assistance and advice events (by region, service, year, participant RUC)',
      querystring: s.listQuery,
      response: { 200: z.array(s.eventOut) },
    },
    handler: (req) => svc.listEvents(db, req.actor, req.query),
  });
  app.get('/api/services/summary', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: "A service's deliveries of a year by region, sex and month, with the indicators it feeds",
      querystring: s.summaryQuery,
      response: { 200: s.summaryOut },
    },
    handler: (req) => svc.serviceSummary(db, req.actor, req.query.service, req.query.year),
  });
  app.post('/api/services/events', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: 'Record an event with its participants (the same code again corrects it)',
      description: 'Participants are matched to the registry by DNI or RUC; "con capacidades" = attended and passed (services.domain.ts).',
      body: s.eventBody,
      response: { 201: s.eventDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.recordEvent(db, req.actor, req.body)),
  });
  app.get('/api/services/events/:id', {
    config: { access: OFFICIALS },
    schema: { tags, summary: 'An event and its roster (identifiers masked)', params: s.idParam, response: { 200: s.eventDetail } },
    handler: (req) => svc.getEvent(db, req.actor, req.params.id),
  });
  app.put('/api/services/events/:id/participants/:participantId/result', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: "Correct a participant's attendance and result (audited)",
      params: s.participantParams,
      body: s.resultBody,
      response: { 200: s.eventDetail },
    },
    handler: (req) => svc.setParticipantResult(db, req.actor, req.params.id, req.params.participantId, req.body),
  });

  app.get('/api/services/deliveries', {
    config: { access: OFFICIALS },
    schema: { tags, summary: 'Laboratory analyses, Fondo Minero requests and credits', querystring: s.listQuery, response: { 200: z.array(s.deliveryOut) } },
    handler: (req) => svc.listDeliveries(db, req.actor, req.query),
  });
  app.post('/api/services/deliveries', {
    config: { access: WRITERS },
    schema: { tags, summary: 'Record a laboratory analysis, a Fondo Minero request or a formal credit', body: s.deliveryBody, response: { 201: s.created } },
    handler: async (req, reply) => reply.status(201).send(await svc.recordDelivery(db, req.actor, req.body)),
  });
  app.get('/api/services/received', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags,
      summary: 'The services a person or organization received (a miner: their own)',
      querystring: z.object({
        ruc: z
          .string()
          .regex(/^\d{11}$/)
          .optional(),
      }),
      response: { 200: s.receivedOut },
    },
    handler: (req) => svc.servicesReceived(db, req.actor, req.actor.role === 'miner' ? req.actor.ruc! : (req.query.ruc ?? '')),
  });

  app.post('/api/services/dialogues', {
    config: { access: WRITERS },
    schema: { tags, summary: 'Record a dialogue table (mesa de diálogo) and its parties', body: s.dialogueBody, response: { 201: s.dialogueOut } },
    handler: async (req, reply) => reply.status(201).send(await svc.recordDialogue(db, req.actor, req.body)),
  });
  app.get('/api/services/dialogues/:id', {
    config: { access: OFFICIALS },
    schema: { tags, summary: 'A dialogue table with its sessions and agreements', params: s.idParam, response: { 200: s.dialogueOut } },
    handler: (req) => svc.getDialogue(db, req.actor, req.params.id),
  });
  app.post('/api/services/dialogues/:id/sessions', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: 'Append a session (outcome, agreements, a signed contract linked to its expediente)',
      params: s.idParam,
      body: s.sessionBody,
      response: { 201: s.dialogueOut },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.addDialogueSession(db, req.actor, req.params.id, req.body)),
  });

  app.post('/api/services/igafom-reviews', {
    config: { access: WRITERS },
    schema: {
      tags,
      summary: "Draw the year's random sample of a region's approved IGAFOMs (seeded, reproducible; the seed is stored and printed)",
      body: s.reviewBody,
      response: { 201: s.reviewOut },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.startIgafomReview(db, req.actor, req.body)),
  });
  app.get('/api/services/igafom-reviews/:id', {
    config: { access: OFFICIALS },
    schema: { tags, summary: 'A random IGAFOM review: seed, method, sample, findings, share compliant', params: s.idParam, response: { 200: s.reviewOut } },
    handler: (req) => svc.getIgafomReview(db, req.actor, req.params.id),
  });
  app.post('/api/services/igafom-reviews/:id/findings', {
    config: { access: WRITERS },
    schema: { tags, summary: "Record the reviewer's finding on one sampled IGAFOM", params: s.idParam, body: s.findingBody, response: { 201: s.reviewOut } },
    handler: async (req, reply) => reply.status(201).send(await svc.addIgafomFinding(db, req.actor, req.params.id, req.body)),
  });

  const simple = <T extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: T,
    write: (b: z.infer<T>) => [Parameters<typeof svc.recordSimple>[2], string, unknown[]],
  ) =>
    app.post(path, {
      config: { access: WRITERS },
      schema: { tags, summary, body, response: { 201: ok } },
      handler: async (req, reply) => {
        const [table, department, values] = write(req.body as z.infer<T>);
        await svc.recordSimple(db, req.actor, table, department, values);
        return reply.status(201).send({ ok: true as const });
      },
    });
  simple('/api/services/certifications', "Record a DREM/GREM official in the year's certification (certified or not)", s.certificationBody, (b) => [
    'official_certifications',
    b.departmentCode,
    [b.departmentCode, b.year, b.dni, b.name, b.position ?? null, b.certifiedOn !== undefined, b.certifiedOn ?? null],
  ]);
  simple('/api/services/regional-capacities', 'Record a regional capacity attained (ZEE or land-use planning)', s.capacityBody, (b) => [
    'regional_capacities',
    b.departmentCode,
    [b.departmentCode, b.capacity, b.attainedOn, b.evidence],
  ]);
  simple('/api/services/health-access', 'Record a district with MAPE population that has access to health services', s.healthAccessBody, (b) => [
    'district_health_access',
    b.districtCode.slice(0, 2),
    [b.districtCode, b.districtCode.slice(0, 2), b.since, b.source],
  ]);
  simple('/api/services/workforce', "Record an operation's workers and hours worked in a year (the accident index's exposure)", s.workforceBody, (b) => [
    'mining_workforce',
    b.departmentCode,
    [b.ruc, b.year, b.departmentCode, b.workers, b.hoursWorked],
  ]);
  simple('/api/services/accidents', 'Record a mining accident (incapacitating or fatal) with the days lost', s.accidentBody, (b) => [
    'mining_accidents',
    b.departmentCode,
    [b.ruc, b.departmentCode, b.occurredOn, b.severity, b.workersInjured, b.daysLost, b.description ?? null],
  ]);
  simple('/api/services/mercury', "Record an organization's mercury use, gold produced and processing technology for a year", s.mercuryBody, (b) => [
    'mercury_use',
    b.departmentCode,
    [b.ruc, b.year, b.departmentCode, b.technology, b.mercuryBoughtKg, b.mercuryUsedKg, b.goldG],
  ]);
  simple(
    '/api/services/mercury/transitions',
    "Record an organization's dated change of processing technology (e.g. to mercury-free)",
    s.transitionBody,
    (b) => ['mercury_transitions', b.departmentCode, [b.ruc, b.departmentCode, b.transitionOn, b.fromTechnology, b.toTechnology, b.note ?? null]],
  );
  app.get('/api/services/mercury', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Hg:Au ratios per organization, region and nation; organizations that went mercury-free',
      querystring: s.yearQuery,
      response: { 200: s.mercuryReport },
    },
    handler: (req) => svc.mercuryReport(db, req.actor, req.query.year),
  });
};
