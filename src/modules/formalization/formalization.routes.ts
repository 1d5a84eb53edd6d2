import { z } from 'zod';
import { sendListFile, type ExportColumn } from '../../platform/http/list-export.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import * as s from './formalization-api.schema.ts';
import { myExpedientes } from './formalization-miner.service.ts';
import { formalizationReportSchema, reportQuery } from './formalization-report.schema.ts';
import { formalizationReport } from './formalization.report.ts';
import {
  appendAction,
  getDocument,
  getExpediente,
  listAllExpedientes,
  listExpedientes,
  openExpediente,
  type ExpedienteListItem,
} from './formalization.service.ts';
import { permanenceCheck } from './permanence.service.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;

const EXPEDIENTE_COLUMNS: ExportColumn<ExpedienteListItem>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'inscriptionId', value: (r) => r.inscriptionId },
  { header: 'ruc', value: (r) => r.ruc },
  { header: 'declarantName', value: (r) => r.declarantName },
  { header: 'miningRightCode', value: (r) => r.miningRightCode },
  { header: 'departmentCode', value: (r) => r.departmentCode },
  { header: 'departmentName', value: (r) => r.departmentName },
  { header: 'stage', value: (r) => r.stage },
  { header: 'inscribedOn', value: (r) => r.inscribedOn },
  { header: 'openedAt', value: (r) => r.openedAt },
  { header: 'lastActionAt', value: (r) => r.lastActionAt },
  { header: 'formalizedAt', value: (r) => r.formalizedAt },
];
const tags = ['formalization'];

const ACTION_DESCRIPTION =
  'Appends one action to the expediente (append-only; the server stamps the time and the actor). ' +
  '`payload` is the payload of the action type as in the domain: file {access?, technicalFileKind?, note?}, ' +
  'start_review {note?}, observe {observations[], deadlineBusinessDays}, correct {observationActionId, access?, technicalFileKind?, note?}, ' +
  'approve {resolutionNumber?, note?}, reject {reason, resolutionNumber?}, suspend/exclude {reasonCode, reason, effectiveOn}, ' +
  'reinstate {reason, effectiveOn}, amend {amendsActionId, reason, replacement}. ' +
  'Documents travel in the same JSON body, base64-encoded (`documents[].contentBase64`); the server stores the bytes with their ' +
  'SHA-256 and refuses an upload whose optional `sha256` does not match. A contract referenced by `access.documentSha256` must be ' +
  'among them. Refused by the workflow: 409 problem+json with `code` and the reason (403 when the role may not take the action).';

export const formalizationRoutes: RouteModule = (app, { db }) => {
  app.get('/api/formalization/expedientes', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Expedientes you may see, with their current stage (by region, stage, inscription or RUC)',
      querystring: s.listQuery,
      response: { 200: s.listOut },
    },
    handler: async (req, reply) => {
      const { limit, sort, dir, format, after, ...filters } = req.query;
      const list = { limit, sort, dir, after };
      if (format) return sendListFile(reply, format, 'expedientes', EXPEDIENTE_COLUMNS, listAllExpedientes(db, req.actor, filters, list));
      return listExpedientes(db, req.actor, filters, list);
    },
  });

  app.post('/api/formalization/expedientes', {
    config: { access: ['regional', 'admin'] },
    schema: {
      tags,
      summary: 'Open the expediente of a REINFO inscription (an official of its region, or an administrator as the system)',
      body: s.openBody,
      response: { 201: s.expedienteDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await openExpediente(db, req.actor, req.body.inscriptionId)),
  });

  app.get('/api/formalization/expedientes/:id', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags,
      summary: 'An expediente: derived state, actions you may take, the action log and documents',
      params: s.idParam,
      response: { 200: s.expedienteDetail },
    },
    handler: (req) => getExpediente(db, req.actor, req.params.id),
  });

  app.post('/api/formalization/expedientes/:id/actions', {
    config: { access: ['regional', 'miner'] },
    schema: {
      tags,
      summary: 'Append an action (review, observe, approve, file, correct…) with its documents',
      description: ACTION_DESCRIPTION,
      params: s.idParam,
      body: s.actionBody,
      response: { 201: s.appendResult },
    },
    handler: async (req, reply) => reply.status(201).send(await appendAction(db, req.actor, req.params.id, req.body)),
  });

  app.get('/api/formalization/expedientes/:id/documents/:docId', {
    config: { access: [...OFFICIALS, 'miner'] },
    schema: {
      tags,
      summary: 'Download a document; its SHA-256 is in the ETag and Repr-Digest headers',
      params: s.documentParams,
    },
    handler: async (req, reply) => {
      const doc = await getDocument(db, req.actor, req.params.id, req.params.docId);
      const filename = doc.name.replace(/["\\\r\n]/g, '_');
      return reply
        .header('content-type', doc.mediaType)
        .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
        .header('etag', `"${doc.sha256}"`)
        .header('repr-digest', `sha-256=:${Buffer.from(doc.sha256, 'hex').toString('base64')}:`)
        .send(doc.content);
    },
  });

  app.get('/api/me/expedientes', {
    config: { access: ['miner'] },
    schema: {
      tags: ['miner'],
      summary: "The miner's single window: their expedientes, what is missing, open observations and deadlines",
      response: { 200: z.array(s.minerExpediente) },
    },
    handler: (req) => myExpedientes(db, req.actor),
  });

  app.get('/api/formalization/report', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Formalization report per region and national: funnel, time in step, stalled files, backlog, typology',
      description:
        '`from`/`to` select the funnel months (the months containing them) and the steps that ended between them; `to` is also ' +
        'the cut-off (actions after its end are not counted; default: now). `stalledDays` is the stalled threshold (default 90).',
      querystring: reportQuery,
      response: { 200: formalizationReportSchema },
    },
    handler: (req) => formalizationReport(db, req.actor, { ...req.query }),
  });

  app.get('/api/formalization/permanence', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'REINFO permanence check: vigente inscriptions failing a condition (candidates for suspension)',
      querystring: s.permanenceQuery,
      response: { 200: s.permanenceOut },
    },
    handler: (req) => permanenceCheck(db, req.actor, req.query),
  });
};
