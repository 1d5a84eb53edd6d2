// @ts-nocheck
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { aggregates, publicAggregates } from './surveys-aggregates.service.ts';
import { exportSubmissions } from './surveys-export.service.ts';
import * as s from './surveys.schema.ts';
import { formWorkbook, getForm, importForm, listForms, listSubmissions, submit } from './surveys.service.ts';
import { toXForm } from './xform.domain.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const CAPTURE = ['surveyor', ...OFFICIALS] as const;
const tags = ['surveys'];

export const surveysRoutes: RouteModule = (app, { db }) => {
  app.get('/api/surveys/forms', {
    config: { access: CAPTURE },
    schema: { tags, summary: 'Survey forms (latest version of each) with the submissions you may see', response: { 200: z.array(s.formSummary) } },
    handler: (req) => listForms(db, req.actor),
  });

  app.post('/api/surveys/forms', {
    config: { access: ['national', 'admin'] },
    schema: {
      tags,
      summary: 'Import an XLSForm (multipart field "file", .xlsx) as a new form version',
      description:
        'Refused (400) with `errors[{sheet,row,column,message}]` when the workbook is not an XLSForm Veta accepts. Re-importing a stored version unchanged answers `status: unchanged`.',
      consumes: ['multipart/form-data'],
      response: { 201: s.formImported, 200: s.formImported },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req, 20 * 1024 * 1024);
      const r = await importForm(db, req.actor, upload.bytes, upload.fileName);
      return reply.status(r.status === 'inserted' ? 201 : 200).send(r);
    },
  });

  app.get('/api/surveys/forms/:formId', {
    config: { access: CAPTURE },
    schema: {
      tags,
      summary: 'A form version (latest unless ?version): its fields, rules, choices and translations',
      params: s.formIdParam,
      querystring: s.versionQuery,
      response: { 200: s.formOut },
    },
    handler: async (req) => {
      const { pk: _pk, ...f } = await getForm(db, req.actor, req.params.formId, req.query.version);
      return { ...f, definition: f.definition as unknown as Record<string, unknown> };
    },
  });

  app.get('/api/surveys/forms/:formId/xform', {
    config: { access: CAPTURE },
    schema: { tags, summary: 'The form as an ODK XForm (XML) for ODK Collect, ODK Central and Enketo', params: s.formIdParam, querystring: s.versionQuery },
    handler: async (req, reply) => {
      const f = await getForm(db, req.actor, req.params.formId, req.query.version);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${f.formId}-${f.version}.xml"`)
        .send(toXForm(f.definition));
    },
  });

  app.get('/api/surveys/forms/:formId/xlsform', {
    config: { access: CAPTURE },
    schema: { tags, summary: 'The XLSForm workbook the version was imported from', params: s.formIdParam, querystring: s.versionQuery },
    handler: async (req, reply) => {
      const src = await formWorkbook(db, req.actor, req.params.formId, req.query.version);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${src.name.replace(/["\\\r\n]/g, '_')}"`)
        .send(src.content);
    },
  });

  app.post('/api/surveys/submissions', {
    config: { access: ['surveyor', 'regional', 'national', 'admin'] },
    schema: {
      tags,
      summary: 'Submit a completed form (stored once per instanceID)',
      description:
        'Validated against the form version it names: refused (400, code `survey.submission_refused`) with `errors[{field,path,rule,code,params,message}]` ' +
        'when it breaks a required, constraint, type or choice rule; non-relevant answers are dropped. A re-sent instanceID answers 200 with the stored receipt (`duplicate: true`).',
      body: s.submissionBody,
      response: { 201: s.receipt, 200: s.receipt },
    },
    handler: async (req, reply) => {
      const r = await submit(db, req.actor, req.body);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  });

  app.get('/api/surveys/forms/:formId/submissions', {
    config: { access: CAPTURE },
    schema: {
      tags,
      summary: 'Submissions of a form you may see (by version and department)',
      params: s.formIdParam,
      querystring: s.submissionsQuery,
      response: { 200: s.submissionsOut },
    },
    handler: (req) => listSubmissions(db, req.actor, req.params.formId, req.query),
  });

  app.get('/api/surveys/forms/:formId/export', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: 'Submissions as CSV or XLSX: one row per submission, one sheet (XLSX) or section per repeat, codes or labels',
      params: s.formIdParam,
      querystring: s.exportQuery,
    },
    handler: async (req, reply) => {
      const file = await exportSubmissions(db, req.actor, req.params.formId, req.query);
      return reply.type(file.mediaType).header('content-disposition', `attachment; filename="${file.name}"`).send(file.content);
    },
  });

  app.get('/api/surveys/forms/:formId/aggregates', {
    config: { access: OFFICIALS },
    schema: {
      tags,
      summary: "The baseline's figures by region, stratum, sex or age band, over the submissions you may see (cells under 5 respondents suppressed)",
      params: s.formIdParam,
      querystring: s.aggregateQuery,
      response: { 200: s.aggregatesOut },
    },
    handler: (req) => aggregates(db, req.actor, req.params.formId, req.query.by),
  });

  app.get('/api/public/surveys/:formId/aggregates', {
    config: { access: ['public'] },
    schema: {
      tags: ['public'],
      summary: "The baseline's public figures by region, stratum, sex or age band (never an individual answer; cells under 5 respondents suppressed)",
      params: s.formIdParam,
      querystring: s.aggregateQuery,
      response: { 200: s.aggregatesOut },
    },
    handler: (req) => publicAggregates(db, req.params.formId, req.query.by),
  });
};
