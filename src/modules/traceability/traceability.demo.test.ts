/**
 * The demo data on a database of its own: a Fairmined chain mine → trader →
 * refinery → jeweler that stays certified and earns the premium, a laundering
 * pattern the flags catch, and ordinary trade that raises nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import { openDatabase, type Database, type Queryable } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadDemo } from '../demo/demo.ts';
import { DEMO_ORGS, DEMO_RECPO } from '../demo/demo-traceability.ts';
import { loadTerritory } from '../territory/territory.load.ts';
import { cachePath, testDb, workerDatabase } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { premiumOf } from './certification/certification.service.ts';
import { ledgerBalance, ledgerFlags, ledgerNational, ledgerTrace } from './ledger/ledger.service.ts';
import { lotPassport } from './origin/trace.service.ts';

let db: Database;
const national = actor('national');

beforeAll(async () => {
  const url = process.env['DATABASE_URL'];
  if (!url) await testDb(); // makes sure the migrated dump is cached
  const blob = !url && existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
  db = await openDatabase(url ? { databaseUrl: await workerDatabase(url, '_trdemo') } : { dataDir: 'memory', loadDataDir: blob });
  await migrate(db);
  await db.transaction((tx) => loadTerritory(tx));
  expect(await loadDemo(db)).toMatchObject({ loaded: true });
}, 300_000);

afterAll(async () => {
  await db.close();
});

describe('traceability demo', () => {
  test('the Fairmined chain reaches the jeweler certified, from one mine, with no flags', async () => {
    const trace = await ledgerTrace(db, national, 'JOY-FM-01', '2025-12-31');
    expect(trace).toMatchObject({ lot: 'JOY-FM-01', fineGrams: 500, unknownShare: 0, certified: true, flags: [] });
    expect(trace?.origins).toHaveLength(1);
    const passport = await withActor(db, PUBLIC_ACTOR, (tx) => lotPassport(tx, 'JOY-FM-01', 'https://veta.example/lots/JOY-FM-01'));
    expect(passport?.chain.map((c) => `${c.type} ${c.from?.kind}→${c.to?.kind ?? ''}`)).toEqual([
      'produce producer→',
      'transfer producer→trader',
      'transfer trader→refinery',
      'process refinery→',
      'transfer refinery→jeweler',
    ]);
    expect(passport?.origins[0]?.producers).toEqual(['CENTRAL DE COOPERATIVAS MINERAS DE PUNO - CECOMIP']);
  });

  test('the flags catch the laundering pattern and nothing else', async () => {
    const { flags } = await ledgerFlags(db, national, '2025-01-01', '2025-12-31');
    expect(flags.map((f) => `${f.code} ${f.eventIds.join(',')}`)).toEqual([
      'BUYER_NOT_REGISTERED FM-T4',
      'CAPACITY_EXCEEDED SH-P1,SH-P2',
      'BUYER_NOT_REGISTERED SH-T1',
      'SELLER_NOT_VIGENTE SH-T1',
      'CERTIFIED_CLAIM_UNCERTIFIED SH-T2,SH-X1,SH-P1',
      'NEGATIVE_BALANCE SH-T2',
    ]);
    const mix = await ledgerTrace(db, national, 'ACO-MIX-01', '2025-12-31');
    expect(mix).toMatchObject({ fineGrams: 5540, unknownShare: 2000 / 5540, certified: false });
    const balance = await ledgerBalance(db, national, DEMO_RECPO.collector, '2025-07-01', '2025-07-31');
    expect(balance).toMatchObject({ boughtFineGrams: 3540, soldFineGrams: 5540, closingFineGrams: -2000 });
  });

  test('every database function a trace calls runs without JIT compilation (migration 0033)', async () => {
    // the statements a trace sends, recorded; the veta_ functions they call, from the catalogue
    const sent: string[] = [];
    const record = (q: Queryable): Queryable => ({
      query: <T>(sql: string, params?: unknown[]) => (sent.push(sql), q.query<T>(sql, params)),
      exec: (sql: string) => (sent.push(sql), q.exec(sql)),
    });
    const recording = Object.assign(Object.create(db) as Database, record(db), {
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(record(tx))),
    });
    expect(await ledgerTrace(recording, national, 'ACO-MIX-01', '2025-12-31')).toMatchObject({ certified: false });
    const called = [...new Set(sent.flatMap((sql) => [...sql.matchAll(/\b(veta_\w+)\s*\(/g)].map((m) => m[1]!)))].sort();
    expect(called).toEqual(expect.arrayContaining(['veta_lineage_flag_facts', 'veta_lineage_negative_balance', 'veta_lot_trace_head']));
    // a function with plans of its own: PL/pgSQL, or SQL that cannot be inlined (SET options, security definer);
    // an inlinable SQL helper (veta_sees_region) becomes part of the statement that calls it
    const { rows } = await db.query<{ proname: string; own: boolean; jit: boolean }>(
      `SELECT p.proname, (l.lanname <> 'sql' OR p.proconfig IS NOT NULL OR p.prosecdef) AS own,
              coalesce('jit=off' = ANY(p.proconfig), false) AS jit
       FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = ANY($1::text[]) ORDER BY p.proname`,
      [called],
    );
    expect(rows.map((r) => r.proname)).toEqual(called);
    expect(rows.filter((r) => r.own).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.own && !r.jit).map((r) => r.proname)).toEqual([]);
  });

  test('the premium accrues to the certified organizations; their committees invested part of it', async () => {
    const premium = await premiumOf(db, national, null, null, null);
    expect(premium.organizations).toEqual([
      // FM-T1 only: FM-T4 went to the collector, whose RECPO had expired (no premium on a sale to an unregistered buyer)
      expect.objectContaining({ organization: DEMO_ORGS.cecomip, accruedUsd: 3600, investedUsd: 3500, availableUsd: 100 }),
      expect.objectContaining({ organization: DEMO_ORGS.oroPuno, accruedUsd: 4224, investedUsd: 1500 }),
    ]);
  });

  test('ordinary trade fills the balances and the national view', async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_events');
    expect(rows[0]!.n).toBeGreaterThan(300);
    const view = await ledgerNational(db, national, '2025-01-01', '2025-12-31');
    const puno = view.rows.find((r) => r.year === 2025 && r.region === '21');
    expect(puno?.producedFineGrams).toBeGreaterThan(0);
    expect(puno?.exportedFineGrams).toBeGreaterThan(0);
    const trader = await ledgerBalance(db, national, DEMO_RECPO.punoTrader, '2025-01-01', '2025-06-30');
    expect(trader.boughtFineGrams).toBeGreaterThan(trader.soldFineGrams);
  });
});

describe('the demo cast is coherent', () => {
  test("no man is a member of a women's association (pallaqueras of Cerro Lunar, Divinas en Brillo de Oro)", async () => {
    const { rows } = await db.query<{ name: string; sex: string; n: number }>(
      `SELECT o.name, p.sex, count(*)::int AS n FROM memberships m JOIN organizations o ON o.id = m.organization_id JOIN persons p ON p.id = m.person_id
       WHERE o.name IN ('ASOCIACION DIVINAS EN BRILLO DE ORO', 'ASOCIACION DE PALLAQUERAS SAN FRANCISCO DE CERRO LUNAR') GROUP BY o.name, p.sex ORDER BY o.name, p.sex`,
    );
    expect(rows.filter((r) => r.sex !== 'F')).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual(['ASOCIACION DE PALLAQUERAS SAN FRANCISCO DE CERRO LUNAR', 'ASOCIACION DIVINAS EN BRILLO DE ORO']);
  });

  test('every expediente is reviewed by officials of its own region (no Arequipa official on a Puno file)', async () => {
    const { rows } = await db.query<{ department_code: string; actor_username: string; n: number }>(
      `SELECT department_code::text AS department_code, actor_username, count(*)::int AS n FROM expediente_actions
       WHERE actor_role = 'regional_official' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const REGION_WORD: Record<string, RegExp> = {
      '21': /puno/,
      '17': /madrededios|mdd/,
      '04': /arequipa/,
      '05': /ayacucho/,
      '13': /lalibertad/,
      '19': /pasco/,
      '18': /moquegua/,
      '20': /piura/,
    };
    expect(rows.length).toBeGreaterThan(8);
    const foreign = rows.filter((r) => !(REGION_WORD[r.department_code] ?? /(?!)/).test(r.actor_username));
    expect(foreign).toEqual([]);
    expect(rows.some((r) => r.department_code === '21' && r.n > 0)).toBe(true);
  });
});
