import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import * as s from './services.schema.ts';
import * as svc from './services.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;
const tags = ['services'];
const ok = z.object({ ok: z.literal(true) });

/**
 * The one-row record kinds: each gets POST (record; audited) and GET (list by department
 * and year) at its path. `row` gives the department the record belongs to and its values
 * in the table's column order (services-records.queries.ts).
 */
interface RecordKind {
  path: string;
  /** Where the list is, when not at `path` (GET /api/services/mercury is the Hg:Au report). */
  listPath?: string;
  table: Parameters<typeof svc.recordSimple>[2];
  record: string;
  list: string;
  body: z.ZodType;
  out: z.ZodType;
  row: (body: never) => [string, unknown[]];
}

const kind = <B extends z.ZodType>(k: Omit<RecordKind, 'body' | 'row'> & { body: B; row: (b: z.infer<B>) => [string, unknown[]] }): RecordKind =>
  k as unknown as RecordKind;

const RECORD_KINDS: readonly RecordKind[] = [
  kind({
    path: '/api/services/certifications',
    table: 'official_certifications',
    record: "Record a DREM/GREM official in the year's certification (certified or not)",
    list: 'Officials in the certification of competences (DNI masked)',
    body: s.certificationBody,
    out: s.certificationOut,
    row: (b) => [b.departmentCode, [b.departmentCode, b.year, b.dni, b.name, b.position ?? null, b.certifiedOn !== undefined, b.certifiedOn ?? null]],
  }),
  kind({
    path: '/api/services/regional-capacities',
    table: 'regional_capacities',
    record: 'Record a regional capacity attained (ZEE or land-use planning)',
    list: 'Regional capacities attained (ZEE, POT)',
    body: s.capacityBody,
    out: s.capacityOut,
    row: (b) => [b.departmentCode, [b.departmentCode, b.capacity, b.attainedOn, b.evidence]],
  }),
  kind({
    path: '/api/services/health-access',
    table: 'district_health_access',
    record: 'Record a district with MAPE population that has access to health services',
    list: 'Districts with MAPE population recorded with access to health services',
    body: s.healthAccessBody,
    out: s.healthAccessOut,
    row: (b) => [b.districtCode.slice(0, 2), [b.districtCode, b.districtCode.slice(0, 2), b.since, b.source]],
  }),
  kind({
    path: '/api/services/workforce',
    table: 'mining_workforce',
    record: "Record an operation's workers and hours worked in a year (the accident index's exposure)",
    list: "Operations' workers and hours worked per year",
    body: s.workforceBody,
    out: s.workforceOut,
    row: (b) => [b.departmentCode, [b.ruc, b.year, b.departmentCode, b.workers, b.hoursWorked]],
  }),
  kind({
    path: '/api/services/accidents',
    table: 'mining_accidents',
    record: 'Record a mining accident (incapacitating or fatal) with the days lost',
    list: 'Mining accidents (incapacitating and fatal)',
    body: s.accidentBody,
    out: s.accidentOut,
    row: (b) => [b.departmentCode, [b.ruc, b.departmentCode, b.occurredOn, b.severity, b.workersInjured, b.daysLost, b.description ?? null]],
  }),
  kind({
    path: '/api/services/mercury',
    listPath: '/api/services/mercury/uses',
    table: 'mercury_use',
    record: "Record an organization's mercury use, gold produced and processing technology for a year",
    list: "Organizations' mercury bought and used, gold produced and technology, per year",
    body: s.mercuryBody,
    out: s.mercuryUseOut,
    row: (b) => [b.departmentCode, [b.ruc, b.year, b.departmentCode, b.technology, b.mercuryBoughtKg, b.mercuryUsedKg, b.goldG]],
  }),
  kind({
    path: '/api/services/mercury/transitions',
    table: 'mercury_transitions',
    record: "Record an organization's dated change of processing technology (e.g. to mercury-free)",
    list: "Organizations' dated changes of processing technology",
    body: s.transitionBody,
    out: s.transitionOut,
    row: (b) => [b.departmentCode, [b.ruc, b.departmentCode, b.transitionOn, b.fromTechnology, b.toTechnology, b.note ?? null]],
  }),
];

/**
 * What the policy's services deliver, over HTTP: trainings and advice with participants,
 * laboratory analyses, Fondo Minero, credit, dialogue tables, the random IGAFOM review,
 * officials' certification, regional capacities, districts with health access,
 * workforce and accidents, mercury. Officials read by region (row-level security);
 * officials of the region, national officials and administrators write; all audited.
 */
export const servicesRoutes: RouteModule = (app, { db }) => {
  /** The record + list pair of a one-row record kind. */
  const recordRoutes = (k: RecordKind): void => {
    app.post(k.path, {
      config: { access: WRITERS },
      schema: { tags, summary: k.record, body: k.body, response: { 201: ok } },
      handler: async (req, reply) => {
        const [department, values] = k.row(req.body as never);
        await svc.recordSimple(db, req.actor, k.table, department, values);
        return reply.status(201).send({ ok: true as const });
      },
    });
    app.get(k.listPath ?? k.path, {
      config: { access: OFFICIALS },
      schema: { tags, summary: k.list, querystring: s.recordsQuery, response: { 200: z.array(k.out) } },
      handler: (req) => svc.listRecords(db, req.actor, k.table, req.query),
    });
  };

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
    schema: {
      tags,
      summary: 'Laboratory analyses, Fondo Minero requests and credits (by kind, region, service, year, beneficiary RUC)',
      querystring: s.deliveryListQuery,
      response: { 200: z.array(s.deliveryOut) },
    },
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

  app.get('/api/services/dialogues', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Dialogue tables with their parties, sessions and agreements',
      querystring: s.recordsQuery,
      response: { 200: z.array(s.dialogueOut) },
    },
    handler: (req) => svc.listDialogues(db, req.actor, req.query),
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

  app.get('/api/services/igafom-reviews', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Random IGAFOM reviews: seed, method, sample, findings, share compliant',
      querystring: s.recordsQuery,
      response: { 200: z.array(s.reviewOut) },
    },
    handler: (req) => svc.listIgafomReviews(db, req.actor, req.query),
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

  for (const kind of RECORD_KINDS) recordRoutes(kind);
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
