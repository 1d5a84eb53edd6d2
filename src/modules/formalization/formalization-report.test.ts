/**
 * The report on a known dataset in Pasco (a department no other test uses), and the
 * set-based SQL cross-checked against the pure analysis functions on the same data.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, companyRuc } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { withActor } from '../../platform/context.ts';
import { backlogByReviewer, stalledRequirements, stepIntervals, summarizeSteps } from './formalization-analysis.domain.ts';
import { importInscriptions, inscriptionRowIn, PASCO, upload } from './formalization-db.fixtures.ts';
import { funnelByMonth, NATIONAL_SCOPE } from './formalization-funnel.domain.ts';
import * as sql from './formalization-report.queries.ts';
import type { FormalizationReport } from './formalization-report.schema.ts';
import { formalizationReport } from './formalization.report.ts';
import { reduce } from './formalization.domain.ts';
import { loadActions, visibleExpedienteIds } from './formalization.queries.ts';
import { playScript, type Script } from './formalization-script.fixtures.ts';

const db = await testDb();
const official = actor('regional', '19');
const reviewer2 = { ...actor('regional', '19'), username: 'pasco-revisor-2' };
const coopRuc = companyRuc();
const [a, b, c, d] = await importInscriptions(db, [
  inscriptionRowIn(PASCO),
  inscriptionRowIn(PASCO, { RUC: coopRuc, NOMBRE: 'COOPERATIVA MINERA PASCO UNO' }),
  inscriptionRowIn(PASCO),
  inscriptionRowIn(PASCO),
]);
// What a REINFO list does not carry: A's right is small (PMA), C's declarant is a woman.
await db.query(`UPDATE mining_rights SET hectares = 100, capacity = 10 WHERE id = (SELECT mining_right_id FROM reinfo_inscriptions WHERE id = $1)`, [a]);
await db.query(`UPDATE persons SET sex = 'F' WHERE id = (SELECT person_id FROM reinfo_inscriptions WHERE id = $1)`, [c]);

const title = upload('titulo.pdf', 'Título de concesión', true);
const access = { access: { mode: 'own_concession', concessionCode: '010000001', startsOn: '2023-01-01', documentSha256: title.sha256 } };
const scripts: Script[] = [
  {
    inscriptionId: a!,
    openedAt: '2024-01-10',
    steps: [
      ['2024-01-12', 'file', 'surface_land'],
      ['2024-01-22', 'start_review', 'surface_land'],
      ['2024-01-30', 'observe', 'surface_land', { observations: ['Falta la autorización del propietario'], deadlineBusinessDays: 10 }],
      ['2024-02-05', 'correct', 'surface_land'],
      ['2024-02-06', 'start_review', 'surface_land'],
      ['2024-02-20', 'approve', 'surface_land'],
      ['2024-01-15', 'file', 'mining_right_access', access, [title]],
      ['2024-01-20', 'start_review', 'mining_right_access'],
      ['2024-02-10', 'approve', 'mining_right_access'],
      ['2024-01-20', 'file', 'igafom'],
      ['2024-01-25', 'start_review', 'igafom'],
      ['2024-02-04', 'approve', 'igafom'],
      ['2024-03-01', 'file', 'technical_file', { technicalFileKind: 'exploitation' }],
      ['2024-03-05', 'start_review', 'technical_file'],
      ['2024-04-04', 'approve', 'technical_file'],
      ['2024-04-10', 'file', 'start_authorization'],
      ['2024-04-15', 'start_review', 'start_authorization'],
      ['2024-05-15', 'approve', 'start_authorization'],
    ],
  },
  {
    inscriptionId: b!,
    openedAt: '2024-02-01',
    miner: coopRuc,
    steps: [
      ['2024-03-02', 'file', 'igafom'],
      ['2024-03-12', 'start_review', 'igafom', {}, [], reviewer2],
      ['2024-03-22', 'reject', 'igafom', { reason: 'El IGAFOM no corresponde al frente declarado' }, [], reviewer2],
      ['2024-04-01', 'file', 'igafom'],
    ],
  },
  {
    inscriptionId: c!,
    openedAt: '2024-03-01',
    steps: [
      ['2024-03-11', 'file', 'igafom'],
      ['2024-03-05', 'file', 'surface_land'],
      ['2024-03-08', 'start_review', 'surface_land'],
      ['2024-06-01', 'suspend', undefined, { reasonCode: 'production_not_declared', reason: 'Sin declaración semestral', effectiveOn: '2024-06-01' }],
    ],
  },
  {
    // Excluded while under review: out of the backlog, the stalled list and the pipeline.
    inscriptionId: d!,
    openedAt: '2024-04-01',
    steps: [
      ['2024-04-05', 'file', 'igafom'],
      ['2024-04-06', 'start_review', 'igafom'],
      ['2024-07-01', 'exclude', undefined, { reasonCode: 'prohibited_area', reason: 'Frente en zona de exclusión', effectiveOn: '2024-07-01' }],
    ],
  },
];
const ids: number[] = [];
for (const s of scripts) ids.push(await playScript(db, official, s));

const window = { region: '19', from: '2021-01-01', to: '2024-12-31', stalledDays: 90 };
const report: FormalizationReport = await formalizationReport(db, actor('national'), window);
const pasco = report.regions[0]!;

describe('the formalization report on a known dataset', () => {
  test('counts expedientes by stage and the funnel within the period', () => {
    expect(report.regions.map((r) => [r.scope, r.name])).toEqual([['19', 'Pasco']]);
    expect(report.national).toBeNull();
    expect(pasco.expedientes).toBe(4);
    expect(pasco.byStage).toMatchObject({ formalized: 1, in_progress: 1, suspended: 1, excluded: 1 });
    expect(Object.fromEntries(pasco.funnel.totals.map((t) => [t.milestone, t.count]))).toEqual({
      inscribed: 4,
      igafom_approved: 1,
      mining_right_access_approved: 1,
      surface_land_approved: 1,
      technical_file_approved: 1,
      start_authorization_approved: 1,
      formalized: 1,
    });
    expect(pasco.funnel.byMonth).toContainEqual({ month: '2021-03', milestone: 'inscribed', count: 4, cumulative: 4 });
    expect(pasco.funnel.byMonth).toContainEqual({ month: '2024-05', milestone: 'formalized', count: 1, cumulative: 1 });
  });

  test('time in step: median and p90 of finished steps, in days', () => {
    const t = (requirement: string, step: string) => pasco.timeInSteps.find((s) => s.requirement === requirement && s.step === step);
    expect(t('igafom', 'awaiting_filing')).toMatchObject({ count: 4, medianDays: 10 });
    expect(t('igafom', 'awaiting_filing')?.p90Days).toBeCloseTo(24, 9);
    expect(t('igafom', 'filed')).toMatchObject({ count: 3, medianDays: 5, p90Days: 9 });
    expect(t('igafom', 'rejected')).toMatchObject({ count: 1, medianDays: 10 });
    expect(t('surface_land', 'under_review')).toMatchObject({ count: 2, medianDays: 11 });
    expect(t('technical_file', 'awaiting_filing')).toMatchObject({ count: 1, medianDays: 10 });
    expect(t('start_authorization', 'under_review')).toMatchObject({ count: 1, medianDays: 30 });
  });

  test('stalled requirements (suspended files included, formalized ones not) and the backlog per reviewer', () => {
    expect(pasco.stalled.count).toBe(6);
    expect(pasco.stalled.items.every((i) => i.days > 90)).toBe(true);
    expect(pasco.stalled.items.map((i) => i.expedienteId).sort()).toEqual([ids[1], ids[1], ids[1], ids[2], ids[2], ids[2]].sort());
    expect(pasco.stalled.byStep).toContainEqual({ requirement: 'igafom', step: 'filed', count: 2 });
    expect(pasco.pipeline.filter((p) => p.requirement === 'igafom')).toEqual([
      { requirement: 'igafom', position: 'filed', count: 2 },
      { requirement: 'igafom', position: 'approved', count: 1 },
    ]);
    expect(pasco.backlog).toEqual([
      { reviewer: 'test-regional-19', pending: 1, oldestSince: '2024-03-08T15:00:00.000Z' },
      { reviewer: null, pending: 2, oldestSince: '2024-03-11T15:00:00.000Z' },
    ]);
  });

  test('typology: stratum from the dated rules, organization type and sex', () => {
    expect(pasco.typology.cube).toContainEqual({
      region: '19',
      stratum: 'PMA',
      activity: 'explotacion',
      organizationType: 'natural_person',
      sex: 'unknown',
      stage: 'formalized',
      count: 1,
    });
    const sex = pasco.typology.byStage.sex;
    expect(sex.cells).toEqual(
      expect.arrayContaining([
        { row: 'suspended', column: 'F', count: 1 },
        { row: 'in_progress', column: 'not_applicable', count: 1 },
      ]),
    );
    expect(pasco.typology.byStage.organizationType.columns).toEqual(['cooperative', 'natural_person']);
  });

  test('the HTTP report is the same report, and a Puno official gets no national total', async () => {
    const app = await testServer();
    const query = new URLSearchParams({ region: '19', from: window.from, to: window.to }).toString();
    const res = await app.inject({ method: 'GET', url: `/api/formalization/report?${query}`, headers: await authHeaders('national') });
    expect(res.statusCode).toBe(200);
    const body = res.json<FormalizationReport>();
    expect(body.regions).toEqual(report.regions);
    const puno = await app.inject({ method: 'GET', url: '/api/formalization/report?stalledDays=30', headers: await authHeaders('regional', { region: '21' }) });
    const punoReport = puno.json<FormalizationReport>();
    expect(punoReport.national).toBeNull();
    expect(punoReport.regions.every((r) => r.scope === '21')).toBe(true);
  });
});

describe('the SQL agrees with the pure analysis functions', () => {
  async function everything(cutoff: string) {
    return withActor(db, actor('national'), async (tx) => {
      const expedienteIds = await visibleExpedienteIds(tx);
      const logs = await loadActions(tx, expedienteIds);
      const { rows } = await tx.query<{ id: number; d: string }>('SELECT id, department_code::text AS d FROM expedientes');
      const region = new Map(rows.map((r) => [String(r.id), r.d]));
      const entries = expedienteIds.flatMap((id) => {
        const actions = (logs.get(id) ?? []).map((s) => s.action).filter((x) => Date.parse(x.at) <= Date.parse(cutoff));
        return actions.length ? [{ region: region.get(String(id))!, state: reduce(actions) }] : [];
      });
      const w = { at: cutoff, region: null, from: null, to: null };
      return {
        entries,
        funnel: await sql.funnelRows(tx, w),
        steps: await sql.stepStats(tx, w),
        stalled: await sql.stalledRows(tx, w, 90),
        backlog: await sql.backlogRows(tx, w),
      };
    });
  }
  const key = (r: { scope: string; milestone: string; month: string }) => `${r.scope}|${r.milestone}|${r.month}`;

  test.each([
    ['now', new Date().toISOString()],
    ['a past cut-off', '2024-03-31T23:59:59.999-05:00'],
  ])('at %s', async (_label, cutoff) => {
    const x = await everything(cutoff);
    expect(x.entries.length).toBeGreaterThan(0);

    const pureFunnel = funnelByMonth(x.entries)
      .map((r) => ({ ...r }))
      .sort((p, q) => key(p).localeCompare(key(q)));
    expect([...x.funnel].sort((p, q) => key(p).localeCompare(key(q)))).toEqual(pureFunnel);

    const regionOf = new Map(x.entries.map((e) => [e.state.expedienteId!, e.region]));
    const intervals = x.entries.flatMap((e) => stepIntervals(e.state));
    for (const scope of [NATIONAL_SCOPE, ...new Set(regionOf.values())]) {
      const mine = scope === NATIONAL_SCOPE ? intervals : intervals.filter((i) => regionOf.get(i.expedienteId) === scope);
      const pure = summarizeSteps(mine);
      const fromSql = x.steps.filter((s) => s.scope === scope);
      expect(fromSql).toHaveLength(pure.length);
      for (const p of pure) {
        const s = fromSql.find((r) => r.requirement === p.requirement && r.step === p.step)!;
        expect(s.count).toBe(p.count);
        expect(s.median).toBeCloseTo(p.medianDays!, 6);
        expect(s.p90).toBeCloseTo(p.p90Days!, 6);
      }
      const states = x.entries.filter((e) => scope === NATIONAL_SCOPE || e.region === scope).map((e) => e.state);
      const backlog = x.backlog
        .filter((r) => r.scope === scope)
        .map((r) => ({ reviewerUserId: r.reviewer, pending: r.pending, oldestSince: new Date(r.oldest_since).toISOString() }));
      expect(backlog.sort((p, q) => String(p.reviewerUserId).localeCompare(String(q.reviewerUserId)))).toEqual(
        backlogByReviewer(states).sort((p, q) => String(p.reviewerUserId).localeCompare(String(q.reviewerUserId))),
      );
    }

    const stalledKey = (e: string, r: string) => `${e}|${r}`;
    const pureStalled = stalledRequirements(
      x.entries.map((e) => e.state),
      cutoff,
      90,
    );
    expect(x.stalled.map((s) => stalledKey(String(s.expediente_id), s.requirement)).sort()).toEqual(
      pureStalled.map((s) => stalledKey(s.expedienteId, s.requirement)).sort(),
    );
    for (const s of pureStalled) {
      const row = x.stalled.find((r) => String(r.expediente_id) === s.expedienteId && r.requirement === s.requirement)!;
      expect(row.status).toBe(s.status);
      expect(row.days).toBeCloseTo(s.days, 6);
      expect(row.reviewer ?? undefined).toBe(s.reviewerUserId);
    }
  });
});
