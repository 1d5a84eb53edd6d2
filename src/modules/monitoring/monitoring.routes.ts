import { z } from 'zod';
import { PUBLIC_ACTOR } from '../../platform/context.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { drillDownIndicator, measureIndicator, withMeasuredValues } from './bindings/measure.service.ts';
import { drillDown, drillDownQuery } from './bindings/drilldown.schema.ts';
import * as s from './monitoring-api.schema.ts';
import { evaluateMatrix, toEvaluationJson, type Evaluation } from './monitoring.domain.ts';
import { evaluationJsonSchema } from './monitoring.schema.ts';
import { indicatorValues, policyMatrix, publicPolicies, recordValue } from './monitoring.service.ts';
import type { ReportExtras } from './report/report.view.ts';
import type { Database } from '../../platform/db.ts';
import { renderReportHtml } from './report/report.html.ts';
import { renderReportPdf } from './report/report.pdf.ts';
import { renderReportXlsx } from './report/report.xlsx.ts';

const OFFICIALS = ['regional', 'national', 'auditor', 'admin'] as const;
const POLICY_WRITERS = ['national', 'admin'] as const;

/** `values=measured`: the bound indicators' values of the year measured from Veta's records (national), side by side with the matrix's. */
const reportQuery = s.evaluationQuery.extend({
  values: z.enum(['matrix', 'measured']).default('matrix').describe("values obtained: the stored matrix's, or measured from Veta's records"),
});

async function evaluateFor(db: Database, code: string, q: z.infer<typeof reportQuery>): Promise<{ evaluation: Evaluation; extras: ReportExtras }> {
  let matrix = await policyMatrix(db, PUBLIC_ACTOR, code);
  let extras: ReportExtras = { valuesSource: 'matrix' };
  if (q.values === 'measured') {
    const measured = await withMeasuredValues(db, code, matrix, q.year);
    matrix = measured.matrix;
    extras = { valuesSource: 'measured', comparisons: measured.comparisons };
  }
  const evaluation = evaluateMatrix(matrix, { year: q.year, ...(q.targetYear === undefined ? {} : { targetYear: q.targetYear }) });
  return { evaluation, extras };
}

export const REPORT_TYPES = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Policy follow-up over HTTP. Policy data is public (the evaluation and the report are
 * the same numbers as `veta policy evaluate|report`); measurements from the records and
 * their drill-down are for officials, under row-level security; values are recorded by
 * national officials and administrators, audited.
 */
export const monitoringRoutes: RouteModule = (app, { db }) => {
  app.get('/api/public/policies', {
    config: { access: ['public'], csv: true },
    schema: { tags: ['public'], summary: 'National policies followed in Veta', response: { 200: z.array(s.policySummary) } },
    handler: () => publicPolicies(db),
  });

  app.get('/api/public/policies/:code/evaluation', {
    config: { access: ['public'], csv: true, publicCache: true },
    schema: {
      tags: ['public'],
      summary: 'CEPLAN follow-up of a policy: avances, lights, objective aggregates, management index, audit of published figures',
      description: 'The document `veta policy evaluate --json` prints: full precision, null for ND.',
      params: s.policyParams,
      querystring: reportQuery,
      response: { 200: evaluationJsonSchema },
    },
    handler: async (req) => toEvaluationJson((await evaluateFor(db, req.params.code, req.query)).evaluation),
  });

  app.get('/api/public/policies/:code/report.:format', {
    config: { access: ['public'], publicCache: true },
    schema: {
      tags: ['public'],
      summary: 'The follow-up report of a policy as HTML, PDF or XLSX (as `veta policy report`)',
      params: s.reportParams,
      querystring: reportQuery,
    },
    handler: async (req, reply) => {
      const { code, format } = req.params;
      const { evaluation, extras } = await evaluateFor(db, code, req.query);
      const body =
        format === 'html'
          ? renderReportHtml(evaluation, extras)
          : format === 'pdf'
            ? await renderReportPdf(evaluation, extras)
            : await renderReportXlsx(evaluation, extras);
      const disposition = format === 'html' ? 'inline' : 'attachment';
      return reply
        .type(REPORT_TYPES[format])
        .header('content-disposition', `${disposition}; filename="${code}-seguimiento-${evaluation.year}.${format}"`)
        .send(typeof body === 'string' ? body : Buffer.from(body));
    },
  });

  app.get('/api/policies/:code/indicators/:indicator/measure', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['monitoring'],
      summary: "An indicator measured from Veta's records, with the records behind it",
      description:
        'The value, numerator and denominator are national. The drill-down (records) follows row-level security: ' +
        'a regional official gets the records and counts of their region only, and `scope.scoped` is true.',
      params: s.indicatorParams,
      querystring: s.measureQuery,
      response: { 200: s.measurement },
    },
    handler: (req) => measureIndicator(db, req.actor, req.params.code, req.params.indicator, req.query.year),
  });

  app.get('/api/policies/:code/indicators/:indicator/records', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['monitoring'],
      summary: "The records behind a measured indicator's numerator or denominator (drill-down)",
      description:
        '`side=numerator`: the records counted; `side=denominator`: the units of the population, each with `counted`. ' +
        'Row-level security applies: a regional official gets their region only (`scope.scoped`).',
      params: s.indicatorParams,
      querystring: drillDownQuery,
      response: { 200: drillDown },
    },
    handler: (req) => drillDownIndicator(db, req.actor, req.params.code, req.params.indicator, req.query),
  });

  app.get('/api/policies/:code/indicators/:indicator/values', {
    config: { access: OFFICIALS },
    schema: {
      tags: ['monitoring'],
      summary: 'Every value recorded for an indicator, corrections and withdrawals included (the latest of a year counts)',
      params: s.indicatorParams,
      response: { 200: z.array(s.storedValue) },
    },
    handler: (req) => indicatorValues(db, req.actor, req.params.code, req.params.indicator),
  });

  app.post('/api/policies/:code/values', {
    config: { access: POLICY_WRITERS },
    schema: {
      tags: ['monitoring'],
      summary: 'Record the value of an indicator for a year (a new entry of its history; audited)',
      params: s.policyParams,
      body: s.recordValueBody,
      response: { 201: s.storedValue },
    },
    handler: async (req, reply) => {
      const b = req.body;
      const stored = await recordValue(db, req.actor, req.params.code, b.indicator, {
        year: b.year,
        value: b.value,
        source: b.source ?? null,
        date: b.date ?? null,
        enteredBy: b.enteredBy ?? req.actor.username,
      });
      return reply.status(201).send(stored);
    },
  });
};
