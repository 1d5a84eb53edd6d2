/**
 * One truth whatever the role (issue 12): on the demo data, the trace, flags, balances,
 * lots and production figures each role gets are the national answer restricted to what
 * that role's row-level security shows (the events it sees), never a different answer
 * computed over fewer rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withActor, type Actor } from '../../platform/context.ts';
import { openDatabase, type Database } from '../../platform/db.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadDemo } from '../demo/demo.ts';
import { DEMO_ORGS, DEMO_RECPO } from '../demo/demo-traceability.ts';
import { loadTerritory } from '../territory/territory.load.ts';
import { cachePath, testDb, workerDatabase } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { ledgerActorLots } from './actor-lots.service.ts';
import type { Flag } from './flags/flag-model.domain.ts';
import { ledgerBalance, ledgerBalances, ledgerFlags, ledgerNational, ledgerTrace } from './ledger/ledger.service.ts';

let db: Database;
const national = actor('national');
const [FROM, TO, AS_OF] = ['2024-01-01', '2025-12-31', '2025-12-31'];
const LOTS = ['CECOMIP-2507-01', 'CECOMIP-2505-01', 'JOY-FM-01', 'ACO-MIX-01'];
const ACTORS = [DEMO_ORGS.cecomip, DEMO_RECPO.punoTrader, DEMO_RECPO.collector, DEMO_RECPO.refinery, DEMO_RECPO.exporter];

const ROLES: Record<string, Actor> = {
  'regional of the lots (Puno)': actor('regional', '21'),
  'regional of another region (Lima)': actor('regional', '15'),
  'regional of a region with no gold (Amazonas)': actor('regional', '01'),
  miner: actor('miner', null, DEMO_ORGS.cecomip),
  national,
  auditor: actor('auditor'),
};

beforeAll(async () => {
  const url = process.env['DATABASE_URL'];
  if (!url) await testDb();
  const blob = !url && existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
  db = await openDatabase(url ? { databaseUrl: await workerDatabase(url, '_truth') } : { dataDir: 'memory', loadDataDir: blob });
  await migrate(db);
  await db.transaction((tx) => loadTerritory(tx));
  expect(await loadDemo(db)).toMatchObject({ loaded: true });
}, 300_000);

afterAll(async () => {
  await db.close();
});

/** The ledger events the role sees: its row-level security, read directly. */
async function seenBy(role: Actor): Promise<Set<string>> {
  const { rows } = await withActor(db, role, (tx) => tx.query<{ id: string }>('SELECT id FROM ledger_events'));
  return new Set(rows.map((r) => r.id));
}

/** The national flags restricted to the role's sight. */
const restrict = (flags: readonly Flag[], seen: ReadonlySet<string>): Flag[] => flags.filter((f) => f.eventIds.some((id) => seen.has(id)));

const key = (f: Flag) => `${f.code} ${f.eventIds.join(',')}`;

describe.each(Object.entries(ROLES))('one truth as the %s', (_name, role) => {
  test('flags of the period are the national flags it may see', async () => {
    const seen = await seenBy(role);
    const nat = (await ledgerFlags(db, national, FROM, TO)).flags;
    const mine = (await ledgerFlags(db, role, FROM, TO)).flags;
    expect(mine.map(key)).toEqual(restrict(nat, seen).map(key));
    expect(mine).toEqual(restrict(nat, seen));
  });

  test('traces: origin and certification as national, flags restricted', async () => {
    const seen = await seenBy(role);
    for (const lot of LOTS) {
      const nat = await ledgerTrace(db, national, lot, AS_OF);
      expect(nat, lot).not.toBeNull();
      const mine = await ledgerTrace(db, role, lot, AS_OF);
      if (mine === null) continue;
      const { flags, ...rest } = mine;
      const { flags: natFlags, ...natRest } = nat!;
      expect(rest, lot).toEqual(natRest);
      expect(flags.map(key), lot).toEqual(restrict(natFlags, seen).map(key));
    }
  });

  test('balances and lots of actors: the national figures, flags restricted', async () => {
    const seen = await seenBy(role);
    for (const ruc of ACTORS) {
      const nat = await ledgerBalance(db, national, ruc, FROM, TO);
      const mine = await ledgerBalance(db, role, ruc, FROM, TO).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      });
      if (mine === null) continue;
      const { flags, ...rest } = mine;
      const { flags: natFlags, ...natRest } = nat;
      expect(rest, ruc).toEqual(natRest);
      expect(flags.map(key), ruc).toEqual(restrict(natFlags, seen).map(key));
    }
    const all = new Map((await ledgerBalances(db, national, FROM, TO)).balances.map((b) => [b.actor, b]));
    for (const b of (await ledgerBalances(db, role, FROM, TO)).balances) expect(b).toEqual(all.get(b.actor));
  });
});

describe('what the regional official of Puno gets', () => {
  const puno = ROLES['regional of the lots (Puno)']!;

  test('no CERTIFIED_CLAIM_UNCERTIFIED alert that national does not get', async () => {
    const nat = new Set((await ledgerFlags(db, national, FROM, TO)).flags.map(key));
    const mine = (await ledgerFlags(db, puno, FROM, TO)).flags;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((f) => !nat.has(key(f)))).toEqual([]);
    // the alerts on CECOMIP and the Puno trader are those national gets
    const claims = (flags: readonly Flag[]) =>
      flags.filter((f) => f.code === 'CERTIFIED_CLAIM_UNCERTIFIED' && [DEMO_ORGS.cecomip, DEMO_RECPO.punoTrader].includes(f.actor)).map(key);
    expect(claims(mine)).toEqual(claims((await ledgerFlags(db, national, FROM, TO)).flags));
  });

  test('traces its own lots and the lots mined in Puno', async () => {
    for (const lot of ['CECOMIP-2507-01', 'CECOMIP-2505-01']) {
      const mine = await ledgerTrace(db, puno, lot, AS_OF);
      expect(mine, lot).not.toBeNull();
      expect(mine?.lot).toBe(lot);
    }
    // a lot with nothing of Amazonas in its history stays out of Amazonas' sight
    expect(await ledgerTrace(db, ROLES['regional of a region with no gold (Amazonas)']!, 'CECOMIP-2505-01', AS_OF)).toBeNull();
  });

  test("production table: Puno's row is the national one, exports included", async () => {
    const nat = (await ledgerNational(db, national, null, null)).rows.filter((r) => r.region === '21');
    const mine = (await ledgerNational(db, puno, null, null)).rows;
    expect(mine).toEqual(nat);
    expect(mine.reduce((s, r) => s + r.exportedFineGrams, 0)).toBeGreaterThan(0);
  });

  test("the lots list counts the actor's national flags it may see", async () => {
    const seen = await seenBy(puno);
    for (const ruc of [DEMO_ORGS.cecomip, DEMO_RECPO.punoTrader]) {
      const nat = await ledgerActorLots(db, national, ruc, { limit: 500, offset: 0 });
      const mine = await ledgerActorLots(db, puno, ruc, { limit: 500, offset: 0 });
      const dates = nat.lots.flatMap((l) => [l.firstDate, l.lastDate]).sort();
      const natFlags = restrict((await ledgerBalance(db, national, ruc, dates[0]!, dates.at(-1)!)).flags, seen);
      const natLots = new Map(nat.lots.map((l) => [l.lot, l]));
      for (const l of mine.lots) {
        expect(natLots.has(l.lot), l.lot).toBe(true);
        expect(l.flags, l.lot).toBeLessThanOrEqual(natLots.get(l.lot)!.flags);
      }
      expect(mine.lots.reduce((s, l) => s + l.flags, 0)).toBeLessThanOrEqual(natFlags.length * Math.max(1, mine.lots.length));
    }
  });
});
