/**
 * Traceability through HTTP on the real database: the public lot passport (never a
 * natural person's data), its QR code, the officials' trace, balance, an actor's
 * lots, flags and national view, certificates and premium, uploads, and row-level
 * security.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { withActor } from '../../platform/context.ts';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor } from '../../../test/factories.ts';
import { createCast, lines, recpoCsv, type Cast } from './ledger/ledger-db.factories.ts';
import { importLedgerFile } from './ledger/ledger.import.ts';
import { ledgerEventSchema, type LedgerEventInput } from './ledger/ledger.schema.ts';

const db = await testDb();
const app = await testServer();
let cast: Cast;
const p = `RT${Date.now().toString(36)}-`;

beforeAll(async () => {
  cast = await createCast(db);
  await db.query(
    `INSERT INTO certificates (organization_ruc, scheme, valid_from, valid_to, region_code, recorded_by) VALUES ($1, 'FAIRMINED', '2023-01-01', NULL, '21', 'test')`,
    [cast.miner],
  );
  const events: LedgerEventInput[] = [
    { id: `${p}1`, type: 'produce', date: '2024-05-02', actor: cast.person, site: cast.siteA, lot: `${p}P`, material: 'dore', grams: 200, fineness: 0.9 },
    { id: `${p}2`, type: 'produce', date: '2024-05-02', actor: cast.miner, site: cast.siteA, lot: `${p}C`, material: 'dore', grams: 1000, fineness: 0.9 },
    { id: `${p}3`, type: 'transfer', date: '2024-05-04', from: cast.person, to: cast.trader, lot: `${p}P`, priceUsd: 11_000 },
    {
      id: `${p}4`,
      type: 'transfer',
      date: '2024-05-04',
      from: cast.miner,
      to: cast.trader,
      lot: `${p}C`,
      fineGrams: 300,
      newLot: `${p}C2`,
      claim: 'FAIRMINED',
    },
    {
      id: `${p}5`,
      type: 'process',
      date: '2024-05-10',
      actor: cast.trader,
      inputs: [`${p}P`, `${p}C2`],
      recovery: 0.99,
      output: { lot: `${p}D`, material: 'dore', fineness: 0.95 },
    },
    { id: `${p}6`, type: 'transfer', date: '2024-05-20', from: cast.trader, to: cast.exporter, lot: `${p}D` },
    { id: `${p}7`, type: 'export', date: '2024-05-25', from: cast.exporter, lot: `${p}D`, country: 'CH', customsRef: `${p}DAM` },
    { id: `${p}8`, type: 'produce', date: '2024-05-03', actor: cast.miner2, site: cast.siteC, lot: `${p}Q`, material: 'dore', grams: 100, fineness: 0.9 },
    { id: `${p}9`, type: 'transfer', date: '2024-05-05', from: cast.miner2, to: cast.plant, lot: `${p}Q` },
    { id: `${p}10`, type: 'transfer', date: '2024-05-15', from: cast.plant, to: cast.refinery, lot: `${p}Q` },
  ];
  const result = await importLedgerFile(db, actor('national'), lines(...events.map((e) => ledgerEventSchema.parse(e))), {
    fileName: `${p}.jsonl`,
    sha256: () => p,
    asOf: '2024-06-01',
  });
  expect(result).toMatchObject({ inserted: events.length, rejected: 0 });
});

describe('public lot passport', () => {
  test('shows origin regions and organizations, certification and the chain, never a natural person', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/lots/${p}D` });
    expect(res.statusCode).toBe(200);
    const passport = res.json<{
      origins: Array<{ site: string; share: number; departmentName: string; producers: string[] }>;
      chain: Array<{ type: string; from: { label: string; ruc: string | null } | null }>;
      certified: boolean;
      url: string;
    }>();
    expect(passport.origins).toEqual([
      expect.objectContaining({
        site: cast.siteA,
        share: 1,
        departmentName: 'Puno',
        producers: expect.arrayContaining(['productor artesanal (persona natural)', expect.stringContaining('COOPERATIVA MINERA PRUEBA')]),
      }),
    ]);
    expect(passport.certified).toBe(false);
    expect(passport.chain.map((c) => c.type)).toEqual(['produce', 'produce', 'transfer', 'transfer', 'process', 'transfer', 'export']);
    expect(passport.chain[0]?.from).toMatchObject({ label: 'productor artesanal (persona natural)', ruc: null });
    expect(passport.url).toMatch(new RegExp(`/lotes/${p}D$`));
    const person = await db.query<{ dni: string; full_name: string }>('SELECT dni, full_name FROM persons WHERE dni = $1', [cast.person.slice(2, 10)]);
    for (const secret of [cast.person, person.rows[0]!.dni, person.rows[0]!.full_name, 'PERSONA', '11000']) expect(res.body).not.toContain(secret);
  });

  test('a certified part of a Fairmined organization’s lot keeps its certification', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/lots/${p}C2` });
    expect(res.json()).toMatchObject({ certified: true, certifications: ['FAIRMINED'], fineGrams: 300 });
  });

  test('the QR code is an SVG of the passport address; unknown lots are 404', async () => {
    const qr = await app.inject({ method: 'GET', url: `/api/public/lots/${p}D/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toMatch(/^<svg/);
    expect((await app.inject({ method: 'GET', url: '/api/public/lots/NO-SUCH-LOT' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/public/lots/NO-SUCH-LOT/qr.svg' })).statusCode).toBe(404);
  });
});

describe("officials' readings", () => {
  test('trace, balance with flags, flags of a period and the national view', async () => {
    const headers = await authHeaders('national');
    const trace = await app.inject({ method: 'GET', url: `/api/ledger/lots/${p}D/trace`, headers });
    expect(trace.json()).toMatchObject({ lot: `${p}D`, origins: [{ site: cast.siteA, share: 1 }], unknownShare: 0, certified: false });
    const balance = await app.inject({ method: 'GET', url: `/api/ledger/balance?actor=${cast.trader}&from=2024-05-01&to=2024-05-31`, headers });
    expect(balance.json()).toMatchObject({
      actor: cast.trader,
      openingFineGrams: 0,
      boughtFineGrams: 480,
      soldFineGrams: 475.2,
      lossFineGrams: 4.8,
      closingFineGrams: 0,
    });
    const flags = await app.inject({ method: 'GET', url: '/api/ledger/flags?from=2024-05-01&to=2024-05-31', headers });
    const ours = flags.json<{ flags: Array<{ code: string; eventIds: string[] }> }>().flags.filter((f) => f.eventIds.some((id) => id.startsWith(p)));
    // the plant resold ten days after buying: no fast resale
    expect(ours.map((f) => f.code)).not.toContain('FAST_RESALE');
    const national = await app.inject({ method: 'GET', url: '/api/ledger/national?from=2024-05-01&to=2024-05-31', headers });
    expect(national.json<{ rows: Array<{ year: number; region: string | null; exportedFineGrams: number }> }>().rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2024, region: '21' })]),
    );
    const bad = await app.inject({ method: 'GET', url: '/api/ledger/flags?from=2024-06-01&to=2024-05-01', headers });
    expect(bad.statusCode).toBe(400);
  });

  test("a balance outside the caller's scope is 404 (as an unknown actor), not zeros", async () => {
    const url = (ruc: string) => `/api/ledger/balance?actor=${ruc}&from=2024-05-01&to=2024-05-31`;
    const puno = await authHeaders('regional', { region: '21' });
    const arequipaPlant = await app.inject({ method: 'GET', url: url(cast.plant), headers: puno });
    expect(arequipaPlant.statusCode).toBe(404);
    expect(arequipaPlant.json()).toMatchObject({ title: 'Not Found', code: 'ledger_actor_not_found', params: { ruc: cast.plant } });
    expect((await app.inject({ method: 'GET', url: url('20999999999'), headers: puno })).statusCode).toBe(404);
    const own = await app.inject({ method: 'GET', url: url(cast.trader), headers: puno });
    expect(own.json()).toMatchObject({ actor: cast.trader, boughtFineGrams: 480 });
    const national = await app.inject({ method: 'GET', url: url(cast.plant), headers: await authHeaders('national') });
    expect(national.statusCode).toBe(200);
    expect(national.json<{ boughtFineGrams: number }>().boughtFineGrams).toBeGreaterThan(0);
    // a date that is not one is refused, not read as another
    expect((await app.inject({ method: 'GET', url: `/api/ledger/balance?actor=${cast.trader}&from=2025-13-45&to=2025-12-31`, headers: puno })).statusCode).toBe(
      400,
    );
  });

  test("an actor's lots: what it did with each, the lot now, its holder and flags; scoped like its balance", async () => {
    type Lots = {
      total: number;
      lots: Array<{
        lot: string;
        roles: string[];
        material: string | null;
        fineGrams: number | null;
        status: string | null;
        holder: { ruc: string; name: string | null } | null;
        flags: number;
      }>;
    };
    const lotsOf = async (ruc: string, headers: Record<string, string>, query = '') => {
      const res = await app.inject({ method: 'GET', url: `/api/ledger/lots?actor=${ruc}${query}`, headers });
      expect(res.statusCode).toBe(200);
      return res.json<Lots>();
    };
    const national = await authHeaders('national');
    // newest first; the processed output is the trader's too, now held by the exporter
    const trader = await lotsOf(cast.trader, national);
    expect(trader.total).toBe(3);
    expect(trader.lots).toEqual([
      {
        lot: `${p}D`,
        roles: ['output', 'sold'],
        firstDate: '2024-05-10',
        lastDate: '2024-05-20',
        material: 'dore',
        fineGrams: 475.2,
        status: 'exported',
        holder: { ruc: cast.exporter, name: expect.stringMatching(/^EXPORTADORA/) },
        flags: 0,
      },
      expect.objectContaining({
        lot: `${p}C2`,
        roles: ['bought', 'processed'],
        fineGrams: 300,
        status: 'consumed',
        holder: expect.objectContaining({ ruc: cast.trader }),
      }),
      expect.objectContaining({ lot: `${p}P`, roles: ['bought', 'processed'], firstDate: '2024-05-04', lastDate: '2024-05-10' }),
    ]);
    expect((await lotsOf(cast.trader, national, '&limit=1&offset=1')).lots.map((l) => l.lot)).toEqual([`${p}C2`]);
    expect(await lotsOf(cast.miner, national)).toMatchObject({
      total: 1,
      lots: [{ lot: `${p}C`, roles: ['produced', 'sold'], fineGrams: 600, status: 'open', holder: { ruc: cast.miner } }],
    });

    // a doré finer than 0.98 is implausible: the flag counts on the lot it names
    const flagged = {
      id: `${p}11`,
      type: 'produce',
      date: '2024-07-01',
      actor: cast.miner2,
      site: cast.siteB,
      lot: `${p}R`,
      material: 'dore',
      grams: 10,
      fineness: 0.99,
    } as const;
    await importLedgerFile(db, actor('national'), lines(ledgerEventSchema.parse(flagged)), {
      fileName: `${p}f.jsonl`,
      sha256: () => `${p}f`,
      asOf: '2024-07-02',
    });
    const miner2 = await lotsOf(cast.miner2, national);
    expect(miner2.lots.map((l) => [l.lot, l.roles, l.flags])).toEqual([
      [`${p}R`, ['produced'], 1],
      [`${p}Q`, ['produced', 'sold'], 0],
    ]);

    // Puno's official: the Puno trader's lots, but not the state of the lot now held in Lima (only
    // what the trader made it as); nothing of the Arequipa plant
    const puno = await authHeaders('regional', { region: '21' });
    const seen = await lotsOf(cast.trader, puno);
    expect(seen.lots.map((l) => l.lot)).toEqual([`${p}D`, `${p}C2`, `${p}P`]);
    expect(seen.lots[0]).toMatchObject({ material: 'dore', fineGrams: null, status: null, holder: null });
    expect(await lotsOf(cast.plant, puno)).toEqual({ actor: cast.plant, total: 0, items: [], next: null, lots: [] });
    // a miner: its own lots, no one else's
    const own = await authHeaders('miner', { ruc: cast.miner });
    expect((await lotsOf(cast.miner, own)).lots.map((l) => l.lot)).toEqual([`${p}C`]);
    expect((await lotsOf(cast.trader, own)).total).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/ledger/lots?actor=123', headers: national })).statusCode).toBe(400);
  });

  test('certificates and the premium: accrued on certified sales, invested by the committee', async () => {
    const headers = await authHeaders('national');
    const add = await app.inject({
      method: 'POST',
      url: '/api/ledger/certificates',
      headers,
      payload: { organization: cast.miner2, scheme: 'CRAFT', from: '2024-01-01', to: null },
    });
    expect(add.statusCode).toBe(204);
    const list = await app.inject({ method: 'GET', url: `/api/ledger/certificates?organization=${cast.miner2}`, headers });
    expect(list.json()).toEqual([{ organization: cast.miner2, scheme: 'CRAFT', from: '2024-01-01', to: null, sites: null }]);
    const minerHeaders = await authHeaders('miner', { ruc: cast.miner });
    const invest = await app.inject({
      method: 'POST',
      url: '/api/ledger/premium/investments',
      headers: minerHeaders,
      payload: { organization: cast.miner, date: '2024-06-10', project: 'Comedor para los trabajadores', category: 'workers', amountUsd: 500 },
    });
    expect(invest.statusCode).toBe(204);
    const other = await app.inject({
      method: 'POST',
      url: '/api/ledger/premium/investments',
      headers: minerHeaders,
      payload: { organization: cast.miner2, date: '2024-06-10', project: 'Ajeno', category: 'workers', amountUsd: 5 },
    });
    expect(other.statusCode).toBe(403);
    const premium = await app.inject({ method: 'GET', url: `/api/ledger/premium?organization=${cast.miner}`, headers });
    expect(premium.json()).toMatchObject({
      organizations: [{ organization: cast.miner, accruedUsd: 1200, investedUsd: 500, availableUsd: 700, investedByCategory: { workers: 500 } }],
      accruals: [{ eventId: `${p}4`, scheme: 'FAIRMINED', fineGrams: 300, usdPerKg: 4000, usd: 1200 }],
    });
    // the organization itself sees the same premium, though the lot its sale made is now the trader's
    const own = await app.inject({ method: 'GET', url: `/api/ledger/premium?organization=${cast.miner}`, headers: minerHeaders });
    expect(own.json()).toMatchObject({ organizations: [{ organization: cast.miner, accruedUsd: 1200, investedUsd: 500, availableUsd: 700 }] });
  });

  test('the premium cannot be overspent: an investment beyond what is available is refused (409)', async () => {
    const headers = await authHeaders('miner', { ruc: cast.miner });
    const invest = (amountUsd: number) =>
      app.inject({
        method: 'POST',
        url: '/api/ledger/premium/investments',
        headers,
        payload: { organization: cast.miner, date: '2024-06-20', project: 'Planta', category: 'productive', amountUsd },
      });
    const national = await authHeaders('national');
    const available = async () =>
      (await app.inject({ method: 'GET', url: `/api/ledger/premium?organization=${cast.miner}`, headers: national })).json<{
        organizations: { availableUsd: number }[];
      }>().organizations[0]!.availableUsd;
    const before = await available();
    expect(before).toBeGreaterThan(0);
    const first = await invest(99_999);
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({ title: 'Conflict', code: 'premium_exceeded', params: { availableUsd: before } });
    expect((await invest(99_999)).statusCode).toBe(409);
    expect((await invest(before + 0.01)).statusCode).toBe(409);
    expect(await available()).toBe(before);
    expect((await invest(before)).statusCode).toBe(204);
    expect(await available()).toBe(0);
    expect((await invest(0.01)).statusCode).toBe(409);
  });

  test('a RECPO upload runs as a job and a ledger upload rejected whole reports its errors', async () => {
    const headers = await authHeaders('admin');
    const boundary = 'vetaboundary';
    const upload = (name: string, content: string) => ({
      method: 'POST' as const,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    });
    const csv = recpoCsv([
      { RUC: cast.jeweler, 'RAZON SOCIAL': 'JOYERIA SUBIDA', TIPO: 'JOYERO', 'NUMERO REGISTRO': `${p}UP`, 'VIGENCIA DESDE': '2024-01-01' },
    ]).toString();
    const job = async (res: { json: <T>() => T }) => {
      const { jobId } = res.json<{ jobId: number }>();
      for (let i = 0; i < 100; i++) {
        const r = await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers });
        const body = r.json<{ status: string; result: unknown }>();
        if (body.status !== 'running') return body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('job did not finish');
    };
    expect(await job(await app.inject({ url: '/api/imports/recpo', ...upload('r.csv', csv) }))).toMatchObject({ status: 'done', result: { inserted: 1 } });
    const bad = JSON.stringify({ id: `${p}up`, type: 'transfer', date: '2024-06-01', from: cast.trader, to: cast.refinery, lot: `${p}NONE` });
    expect(await job(await app.inject({ url: '/api/imports/ledger', ...upload('l.jsonl', bad) }))).toMatchObject({
      status: 'failed',
      result: { inserted: 0, rejected: 1, errors: [{ row: 1, id: `${p}up`, field: 'lot', message: `unknown lot ${p}NONE` }] },
    });
  });
});

describe('row-level security of the ledger', () => {
  test('a Puno official sees the ledger rows of Puno only', async () => {
    const puno = actor('regional', '21');
    const events = await withActor(db, puno, (tx) =>
      tx.query<{ id: string; r: string | null; c: string | null }>('SELECT id, region_code AS r, counter_region_code AS c FROM ledger_events'),
    );
    expect(events.rows.length).toBeGreaterThan(0);
    for (const row of events.rows) expect([row.r, row.c]).toContain('21');
    expect(events.rows.map((r) => r.id)).not.toContain(`${p}10`);
    for (const table of ['ledger_moves', 'ledger_actor_days', 'lots']) {
      const { rows } = await withActor(db, puno, (tx) => tx.query<{ d: string }>(`SELECT DISTINCT region_code AS d FROM ${table}`));
      expect(rows.map((r) => r.d)).toEqual(['21']);
    }
    const all = await withActor(db, actor('national'), (tx) => tx.query('SELECT id FROM ledger_events WHERE id = $1', [`${p}10`]));
    expect(all.rows).toHaveLength(1);
  });

  test('a miner sees its own events; the application cannot rewrite the ledger', async () => {
    const { rows } = await withActor(db, actor('miner', null, cast.person), (tx) => tx.query<{ id: string }>('SELECT id FROM ledger_events ORDER BY id'));
    expect(rows.map((r) => r.id)).toEqual([`${p}1`, `${p}3`]);
    await expect(withActor(db, actor('admin'), (tx) => tx.query('DELETE FROM ledger_events'))).rejects.toThrow(/permission denied/);
    await expect(withActor(db, actor('admin'), (tx) => tx.query(`UPDATE ledger_events SET fine_mg = 0`))).rejects.toThrow(/permission denied/);
  });
});
