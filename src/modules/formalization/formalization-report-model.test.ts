/**
 * The report's read model (prepareReportModel: milestones and requirement positions derived
 * once per transaction) gives every query the rows the analysis functions give.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { withActor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { importInscriptions, inscriptionRowIn } from './formalization-db.fixtures.ts';
import { reportRows } from './formalization-report.fixtures.ts';
import * as sql from './formalization-report.queries.ts';
import { playScript, type Script } from './formalization-script.fixtures.ts';
import { appendAction } from './formalization.service.ts';

const db = await testDb();
const AMAZONAS = { DEPARTAMENTO: 'AMAZONAS', PROVINCIA: 'CHACHAPOYAS', DISTRITO: 'CHACHAPOYAS', LATITUD: '-6.2317', LONGITUD: '-77.8690' };
const official = actor('regional', '01');
const [a, b, c] = await importInscriptions(db, [inscriptionRowIn(AMAZONAS), inscriptionRowIn(AMAZONAS), inscriptionRowIn(AMAZONAS)]);
const scripts: Script[] = [
  {
    inscriptionId: a!,
    openedAt: '2024-01-10',
    steps: [
      ['2024-01-12', 'file', 'surface_land'],
      ['2024-01-22', 'start_review', 'surface_land'],
      ['2024-02-20', 'approve', 'surface_land'],
      ['2024-01-20', 'file', 'igafom'],
      ['2024-01-25', 'start_review', 'igafom'],
      ['2024-02-04', 'approve', 'igafom'],
    ],
  },
  {
    inscriptionId: b!,
    openedAt: '2024-02-01',
    steps: [
      ['2024-03-02', 'file', 'igafom'],
      ['2024-03-12', 'start_review', 'igafom'],
      ['2024-03-22', 'reject', 'igafom', { reason: 'El IGAFOM no corresponde al frente declarado' }],
      ['2024-04-01', 'file', 'igafom'],
    ],
  },
  {
    inscriptionId: c!,
    openedAt: '2024-03-01',
    steps: [
      ['2024-03-05', 'file', 'surface_land'],
      ['2024-03-08', 'start_review', 'surface_land'],
    ],
  },
];
for (const s of scripts) await playScript(db, official, s);
// A corrected inscription date: the read model takes the open action as its latest amendment left it.
{
  const { rows } = await db.query<{ id: string; expediente_id: string; payload: Record<string, unknown> }>(
    `SELECT a.id::text, a.expediente_id::text, a.payload FROM expediente_actions a JOIN expedientes e ON e.id = a.expediente_id
     WHERE a.type = 'open' AND e.inscription_id = $1`,
    [a],
  );
  const open = rows[0]!;
  await appendAction(
    db,
    official,
    Number(open.expediente_id),
    {
      type: 'amend',
      payload: {
        amendsActionId: open.id,
        reason: 'Fecha de inscripción errada',
        replacement: { type: 'open', payload: { ...open.payload, inscribedOn: '2022-05-05' } },
      },
      documents: [],
    },
    new Date('2024-03-01T15:00:00.000Z'),
  );
}

class Rollback extends Error {
  constructor(readonly rows: unknown[]) {
    super('rolled back');
  }
}

describe('the formalization report’s read model', () => {
  for (const [who, region, derive] of [
    ['national', null, true],
    ['national', '01', true],
    ['regional', '01', true],
    ['national', null, false],
    ['national', '01', false],
    ['regional', '01', false],
  ] as const) {
    test(`gives the rows of the analysis functions (${who} official, region ${region ?? 'all'}, ${derive ? 'derived' : 'kept'})`, async () => {
      const reader = who === 'national' ? actor('national') : actor('regional', '01');
      const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region, from: '2021-01-01', to: '2024-12-31' };
      const plain = await withActor(db, reader, (tx) => reportRows(tx, w));
      const modelled = await withActor(db, reader, async (tx) => {
        await sql.prepareReportModel(tx, w, { derive });
        return reportRows(tx, w);
      });
      expect(plain.pipeline!.length).toBeGreaterThan(0);
      expect(plain.steps!.length).toBeGreaterThan(0);
      expect(plain.typology!.some((r) => String(r).includes('"department_code":"01"'))).toBe(true);
      expect(plain.funnel!.some((r) => String(r).includes('"month":"2022-05"'))).toBe(true);
      expect(modelled).toEqual(plain);
    });
  }

  test('the queries read the prepared tables (emptied, they answer nothing)', async () => {
    const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
    const { before, after } = await withActor(db, actor('national'), async (tx) => {
      await sql.prepareReportModel(tx, w, { derive: true });
      const before = await sql.pipelineRows(tx, w);
      await tx.exec('DELETE FROM fr_requirements; DELETE FROM fr_expedientes');
      return { before, after: [...(await sql.pipelineRows(tx, w)), ...(await sql.typologyRows(tx, w))] };
    });
    expect(before.length).toBeGreaterThan(0);
    expect(after).toEqual([]);
  });

  test('the queries read the kept tables when the cut-off is after the last action (emptied, they answer nothing)', async () => {
    const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
    const read = async (tx: Queryable): Promise<unknown[]> => {
      await sql.prepareReportModel(tx, w);
      return [...(await sql.pipelineRows(tx, w)), ...(await sql.typologyRows(tx, w)), ...(await sql.stepStats(tx, w)), ...(await sql.funnelRows(tx, w))];
    };
    const before = await withActor(db, actor('national'), read);
    const after = await db
      .transaction(async (owner) => {
        // as the tables' owner, rolled back: the application may not change them
        await owner.exec(
          'DELETE FROM formalization_kept_requirements; DELETE FROM formalization_kept_expedientes; DELETE FROM formalization_kept_actions; DELETE FROM formalization_kept_steps; DELETE FROM formalization_kept_milestones',
        );
        await owner.exec(`SELECT set_config('role', 'veta_app', true), set_config('veta.role', 'national', true)`);
        throw new Rollback(await read(owner));
      })
      .catch((e: unknown) => (e instanceof Rollback ? e.rows : Promise.reject(e)));
    expect(before.length).toBeGreaterThan(0);
    expect(after).toEqual([]);
  });

  test('a cut-off before the last action derives the model', async () => {
    const w: sql.ReportWindow = { at: '2024-02-15T00:00:00-05:00', region: null, from: null, to: null };
    const rows = await withActor(db, actor('national'), async (tx) => {
      await sql.prepareReportModel(tx, w);
      await tx.exec('DELETE FROM fr_requirements');
      return sql.pipelineRows(tx, w);
    });
    expect(rows).toEqual([]);
  });

  for (const derive of [true, false]) {
    test(`stalledSummary is stalledRows' first rows per region and nation, and its counts (${derive ? 'derived' : 'kept'})`, async () => {
      const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
      const { rows, summary } = await withActor(db, actor('national'), async (tx) => {
        await sql.prepareReportModel(tx, w, { derive });
        return { rows: await sql.stalledRows(tx, w, 30), summary: await sql.stalledSummary(tx, w, 30, 1) };
      });
      expect(rows.length).toBeGreaterThan(1);
      const first = rows.filter((r, k) => k === 0 || rows.findIndex((o) => o.department_code === r.department_code) === k);
      expect(summary.items).toEqual(first);
      const counts = new Map<string, number>();
      for (const r of rows)
        counts.set(`${r.department_code}/${r.requirement}/${r.status}`, (counts.get(`${r.department_code}/${r.requirement}/${r.status}`) ?? 0) + 1);
      expect(new Map(summary.counts.map((c) => [`${c.department_code}/${c.requirement}/${c.status}`, c.count]))).toEqual(counts);
    });

    test(`stalledSummary keeps each region's first perScope, ties on the wait included (${derive ? 'derived' : 'kept'})`, async () => {
      const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
      const { rows, summaries } = await withActor(db, actor('national'), async (tx) => {
        await sql.prepareReportModel(tx, w, { derive });
        const rows = await sql.stalledRows(tx, w, 30);
        const summaries = [];
        for (let perScope = 1; perScope <= rows.length + 1; perScope++) summaries.push(await sql.stalledSummary(tx, w, 30, perScope));
        return { rows, summaries };
      });
      // expediente c waits on two requirements available since its opening: the same wait
      expect(new Set(rows.map((r) => r.days)).size).toBeLessThan(rows.length);
      for (const [k, summary] of summaries.entries()) {
        const perScope = k + 1;
        const firsts = rows.filter((r, i) => rows.slice(0, i).filter((o) => o.department_code === r.department_code).length < perScope);
        expect(summary.items).toEqual(firsts);
      }
    });

    test(`typologyCounts counts typologyRows (${derive ? 'derived' : 'kept'})`, async () => {
      const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
      const { rows, counts } = await withActor(db, actor('national'), async (tx) => {
        await sql.prepareReportModel(tx, w, { derive });
        return { rows: await sql.typologyRows(tx, w), counts: await sql.typologyCounts(tx, w) };
      });
      expect(rows.length).toBeGreaterThan(1);
      const expected = new Map<string, number>();
      for (const { expediente_id: _id, ...r } of rows) expected.set(JSON.stringify(r), (expected.get(JSON.stringify(r)) ?? 0) + 1);
      expect(new Map(counts.map(({ count, ...r }) => [JSON.stringify(r), count]))).toEqual(expected);
    });
  }

  test('a window other than the one prepared reads the functions', async () => {
    const w: sql.ReportWindow = { at: '2024-12-31T23:59:59-05:00', region: null, from: null, to: null };
    const earlier = { ...w, at: '2024-02-15T00:00:00-05:00' };
    const [plain, modelled] = await Promise.all([
      withActor(db, actor('national'), (tx) => sql.pipelineRows(tx, earlier)),
      withActor(db, actor('national'), async (tx) => {
        await sql.prepareReportModel(tx, w);
        return sql.pipelineRows(tx, earlier);
      }),
    ]);
    expect(modelled).toEqual(plain);
  });

  test('percentileCont is PostgreSQL’s percentile_cont, to the last bit', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 400 - 3;
    for (const n of [1, 2, 3, 10, 11, 101, 1000]) {
      const values = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Math.round(random()) : random() / 3));
      const { rows } = await db.query<{ median: number; p90: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90
         FROM unnest($1::float8[]) v`,
        [values],
      );
      const sorted = Float64Array.from(values).sort();
      expect([sql.percentileCont(sorted, 0.5), sql.percentileCont(sorted, 0.9)]).toEqual([Number(rows[0]!.median), Number(rows[0]!.p90)]);
      // by selection, in the order the values come
      expect([sql.percentileOf(Float64Array.from(values), 0.5), sql.percentileOf(Float64Array.from(values), 0.9)]).toEqual([
        Number(rows[0]!.median),
        Number(rows[0]!.p90),
      ]);
    }
  });

  test('percentileOf is percentileCont of the sorted values, whatever their order and repeats', () => {
    let seed = 11;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * (round < 100 ? 12 : 400));
      // few distinct values in some rounds (many ties), sorted or reversed runs in others
      const distinct = round % 3 === 0 ? 1 + Math.floor(next() * 4) : 0;
      const values = Float64Array.from({ length: n }, () => (distinct ? Math.floor(next() * distinct) : next() * 1000 - 100));
      if (round % 5 === 1) values.sort();
      if (round % 5 === 2) values.sort().reverse();
      const sorted = Float64Array.from(values).sort();
      for (const p of [0, 0.1, 0.5, 0.9, 1]) expect(sql.percentileOf(Float64Array.from(values), p)).toBe(sql.percentileCont(sorted, p));
    }
  });
});
