/**
 * The drill-down through HTTP: the records behind a measured indicator's numerator and
 * denominator, under row-level security. Data in Pasco (19); other files may add some there too.
 */
import { describe, expect, test } from 'vitest';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { testDb } from '../../../../test/db.ts';
import { authHeaders, testServer } from '../../../../test/http.ts';
import { actor, buildReinfoRow, toCsv } from '../../../../test/factories.ts';
import { readCsv } from '../../../platform/files/tabular.ts';
import { dniOfRuc } from '../../registry/registry.domain.ts';
import { importReinfo } from '../../registry/reinfo.import.ts';
import { recordEvent } from '../../services/services.service.ts';
import { importPolicyMatrix } from '../monitoring.service.ts';
import { DEFAULT_POLICY_CODE } from '../policy.catalog.ts';

const app = await testServer();
const db = await testDb();
await importPolicyMatrix(db, actor('national'), DEFAULT_POLICY_CODE, seedMatrix(), { fileName: 'drill.csv', sha256: 'd'.repeat(64), asOf: '2025-01-15' });
const PASCO = { DEPARTAMENTO: 'PASCO', PROVINCIA: 'PASCO', DISTRITO: 'CHAUPIMARCA', LATITUD: '-10.6828', LONGITUD: '-76.2561' };
const miners = [1, 2, 3].map((n) => buildReinfoRow({ ...PASCO, NOMBRE: `PASCO DRILL ${n}` }));
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(miners))), { fileName: 'pasco.csv', sha256: 'p'.repeat(64), asOf: '2024-01-01' });
await recordEvent(db, actor('regional', '19'), {
  code: `PAS-DD-${Math.random().toString(36).slice(2, 8)}`,
  serviceCode: 'SS.02.03.01',
  kind: 'training',
  topic: 'Gestión empresarial',
  date: '2024-07-01',
  departmentCode: '19',
  modality: 'presencial',
  participants: [{ dni: dniOfRuc(miners[0]!.RUC!), name: 'UNO', attended: true, passed: true }],
});

interface Drill {
  numerator: number;
  denominator: number;
  available: boolean;
  scope: { scoped: boolean; regionCode: string | null; numerator: number; denominator: number };
  records: { kind: string; id: number; label: string; departmentCode: string | null; counted: boolean }[];
}
const url = (side: string, extra = '') => `/api/policies/${DEFAULT_POLICY_CODE}/indicators/ISS.02.03.01.01/records?year=2024&side=${side}${extra}`;
const get = async (u: string, role: Parameters<typeof authHeaders>[0], opts: { region?: string } = {}) => {
  const res = await app.inject({ method: 'GET', url: u, headers: await authHeaders(role, opts) });
  return res;
};

describe('drill-down: the records behind numerator and denominator', () => {
  test('a regional official gets their region: the counted record and every unit of the population', async () => {
    const num = (await get(url('numerator'), 'regional', { region: '19' })).json<Drill>();
    const den = (await get(url('denominator'), 'regional', { region: '19' })).json<Drill>();
    // other test files may have put inscriptions in Pasco too: ours are three of the population, one of them counted
    const name = (r: Drill['records'][number]) => r.label.split(' · ')[0];
    const ours = (rs: Drill['records']) => rs.filter((r) => name(r)?.startsWith('PASCO DRILL ')).map(name);
    expect(num.scope).toMatchObject({ scoped: true, regionCode: '19' });
    expect(num.scope.denominator).toBe(den.records.length);
    expect(num.scope.numerator).toBe(num.records.length);
    expect(ours(num.records)).toEqual(['PASCO DRILL 1']);
    expect(ours(den.records).sort()).toEqual(['PASCO DRILL 1', 'PASCO DRILL 2', 'PASCO DRILL 3']);
    expect(den.records.filter((r) => r.counted).map((r) => r.id)).toEqual(num.records.map((r) => r.id));
    expect(den.records.every((r) => r.kind === 'inscription' && r.departmentCode === '19')).toBe(true);
    for (const m of miners) expect(JSON.stringify(den)).not.toContain(m.RUC!.slice(2, 10));
    // national figures are the same for everyone
    const national = (await get(url('denominator', '&department=19'), 'national')).json<Drill>();
    expect(national).toMatchObject({ numerator: num.numerator, denominator: num.denominator });
    expect(national.records).toHaveLength(den.records.length);
  });

  test('an indicator whose denominator is not a set of records says so; the public may not drill down', async () => {
    const r = (await get(`/api/policies/${DEFAULT_POLICY_CODE}/indicators/ISS.04.02.01.01/records?year=2024&side=denominator`, 'national')).json<Drill>();
    expect(r).toMatchObject({ available: false, denominator: 26, records: [] });
    expect((await get(url('numerator'), 'public')).statusCode).toBe(401);
    expect((await get(url('numerator'), 'miner')).statusCode).toBe(403);
  });
});
