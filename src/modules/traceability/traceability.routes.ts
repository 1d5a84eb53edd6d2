import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/problem.ts';
import { peruToday } from '../../platform/time.ts';
import { canonicalLotCode, ledgerActorLots, ledgerActorLotsAll } from './actor-lots.service.ts';
import { sendListFile, type ExportColumn } from '../../platform/http/list-export.ts';
import { PUBLIC_ACTOR } from '../../platform/context.ts';
import { listCertificates, premiumOf, recordCertificate, recordInvestment } from './certification/certification.service.ts';
import {
  balanceSchema,
  certificateInputSchema,
  flagsResultSchema,
  periodQuerySchema,
  premiumInvestmentInputSchema,
  traceSchema,
} from './ledger/ledger-contract.schema.ts';
import { hasPublicPassport, ledgerBalance, ledgerFlags, ledgerNational, ledgerTrace, publicPassport } from './ledger/ledger.service.ts';
import { traceabilityImportRoutes } from './traceability-imports.routes.ts';
import * as s from './traceability-api.schema.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const WRITERS = ['regional', 'national', 'admin'] as const;

const LOT_COLUMNS: ExportColumn<s.ActorLotsJson['items'][number]>[] = [
  { header: 'lot', value: (r) => r.lot },
  { header: 'roles', value: (r) => r.roles.join('|') },
  { header: 'firstDate', value: (r) => r.firstDate },
  { header: 'lastDate', value: (r) => r.lastDate },
  { header: 'material', value: (r) => r.material },
  { header: 'fineGrams', value: (r) => r.fineGrams, numFmt: '0.000' },
  { header: 'status', value: (r) => r.status },
  { header: 'holderRuc', value: (r) => r.holder?.ruc },
  { header: 'holderName', value: (r) => r.holder?.name },
  { header: 'flags', value: (r) => r.flags },
];

/** Where a lot's passport lives, as the QR code carries it. */
function passportUrl(req: { protocol: string; host: string }, lot: string): string {
  // The page a person scanning the QR code reads (the web app renders the passport).
  return `${req.protocol}://${req.host}/lotes/${encodeURIComponent(lot)}`;
}

/** The traceability module's routes (its uploads included): one entry of ROUTE_MODULES. */
export const traceabilityRoutes: RouteModule = async (app, deps) => {
  const { db } = deps;
  await traceabilityImportRoutes(app, deps);
  app.get('/api/public/lots/:lot', {
    config: { access: ['public'], csv: true },
    schema: {
      tags: ['public'],
      summary: 'Lot passport: origin regions and organizations, certification and chain of custody (no personal data)',
      params: s.lotParams,
      response: { 200: s.passportSchema },
    },
    handler: async (req) => {
      const lot = await canonicalLotCode(db, PUBLIC_ACTOR, req.params.lot);
      const passport = await publicPassport(db, lot, passportUrl(req, lot));
      if (!passport) throw notFound(`Lot ${req.params.lot}`);
      return passport;
    },
  });

  app.get('/api/public/lots/:lot/qr.svg', {
    config: { access: ['public'] },
    schema: { tags: ['public'], summary: "QR code (SVG) of the lot passport's address", params: s.lotParams },
    handler: async (req, reply) => {
      const lot = await canonicalLotCode(db, PUBLIC_ACTOR, req.params.lot);
      if (!(await hasPublicPassport(db, lot))) throw notFound(`Lot ${req.params.lot}`);
      const { default: QRCode } = await import('qrcode'); // loaded with the first passport, not at start
      const svg = await QRCode.toString(passportUrl(req, lot), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').send(svg);
    },
  });

  app.get('/api/ledger/lots/:lot/trace', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['ledger'],
      summary: 'Origin of a lot back to its mining sites, with the flags of its lineage',
      params: s.lotParams,
      response: { 200: traceSchema },
    },
    handler: async (req) => {
      const trace = await ledgerTrace(db, req.actor, await canonicalLotCode(db, req.actor, req.params.lot), peruToday());
      if (!trace) throw notFound(`Lot ${req.params.lot}`);
      return trace;
    },
  });

  app.get('/api/ledger/lots', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags: ['ledger'],
      summary: "An actor's lots (produced, bought, sold, processed, exported), newest first, with holder and flags",
      description: 'Row-level security scopes it as the balance: a regional official sees the moves of actors of their region; a miner its own.',
      querystring: s.actorLotsQuerySchema,
      response: { 200: s.actorLotsSchema },
    },
    handler: async (req, reply) => {
      const { actor, format, ...page } = req.query;
      if (format) return sendListFile(reply, format, `lotes-${actor}`, LOT_COLUMNS, ledgerActorLotsAll(db, req.actor, actor, page));
      return ledgerActorLots(db, req.actor, actor, page);
    },
  });

  app.get('/api/ledger/balance', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags: ['ledger'],
      summary: 'Mass balance of an actor over a period (both dates inclusive), with its flags',
      querystring: s.balanceQuerySchema,
      response: { 200: balanceSchema },
    },
    handler: (req) => ledgerBalance(db, req.actor, req.query.actor, req.query.from, req.query.to),
  });

  app.get('/api/ledger/flags', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['ledger'],
      summary: 'Red flags dated in a period (both dates inclusive)',
      querystring: periodQuerySchema,
      response: { 200: flagsResultSchema },
    },
    handler: (req) => ledgerFlags(db, req.actor, req.query.from, req.query.to),
  });

  app.get('/api/ledger/national', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['ledger'],
      summary: 'Declared production against exports, per year and region of origin',
      querystring: s.nationalQuerySchema,
      response: { 200: s.nationalSchema },
    },
    handler: (req) => ledgerNational(db, req.actor, req.query.from ?? null, req.query.to ?? null),
  });

  app.get('/api/public/ledger/production', {
    config: { access: ['public'], publicCache: true, csv: true },
    schema: {
      tags: ['public'],
      summary: 'Declared production against exports, per year and region of origin (aggregates only)',
      querystring: s.nationalQuerySchema,
      response: { 200: s.nationalSchema },
    },
    // Aggregates over every region: read as the auditor (reads everything, writes
    // nothing); the answer carries no actor, lot or event.
    handler: (req) =>
      ledgerNational(db, { username: 'public', role: 'auditor', region: null, ruc: null, userId: null }, req.query.from ?? null, req.query.to ?? null),
  });

  app.get('/api/ledger/certificates', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags: ['ledger'],
      summary: 'Certificates of organizations (Fairmined, Fairmined Ecological, CRAFT)',
      querystring: z.object({
        organization: z
          .string()
          .regex(/^\d{11}$/)
          .optional(),
      }),
      response: { 200: z.array(s.certificateSchema) },
    },
    handler: (req) => listCertificates(db, req.actor, req.query.organization ?? null),
  });

  app.post('/api/ledger/certificates', {
    config: { access: WRITERS },
    schema: { tags: ['ledger'], summary: 'Record a certificate of an organization (audited)', body: certificateInputSchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await recordCertificate(db, req.actor, req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/ledger/premium', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags: ['ledger'],
      summary: 'Fairmined premium accrued, invested and available per organization',
      querystring: s.premiumQuerySchema,
      response: { 200: s.premiumSchema },
    },
    handler: (req) => premiumOf(db, req.actor, req.query.from ?? null, req.query.to ?? null, req.query.organization ?? null),
  });

  app.post('/api/ledger/premium/investments', {
    config: { access: [...WRITERS, 'miner'] },
    schema: {
      tags: ['ledger'],
      summary: "Record an investment of an organization's premium committee (audited)",
      body: premiumInvestmentInputSchema,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await recordInvestment(db, req.actor, req.body);
      return reply.status(204).send(null);
    },
  });
};
