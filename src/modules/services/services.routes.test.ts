/**
 * The services module through HTTP on the worker's database: events with participants
 * matched to the registry, result corrections, deliveries, dialogue tables, the seeded
 * IGAFOM review, the one-row records and mercury ratios, under row-level security.
 * Data in Cusco (08), a department no other test uses.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, companyRuc, naturalRuc, toCsv } from '../../../test/factories.ts';
import { authHeaders } from '../../../test/http.ts';
import { buildApp } from '../../platform/http/app.ts';
import { platformRoutes } from '../../platform/http/platform.routes.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { dniOfRuc } from '../registry/registry.domain.ts';
import { seededSample } from './services.domain.ts';
import { servicesRoutes } from './services.routes.ts';
import { defaultSeed } from './services.service.ts';

const db = await testDb();
const app = await buildApp({ db }, [platformRoutes, servicesRoutes]);
await app.ready();
const CUSCO = { DEPARTAMENTO: 'CUSCO', PROVINCIA: 'CUSCO', DISTRITO: 'CUSCO', LATITUD: '-13.5319', LONGITUD: '-71.9675' };
const cusco = await authHeaders('regional', { region: '08' });
const puno = await authHeaders('regional', { region: '21' });
const national = await authHeaders('national');

const inscribed = buildReinfoRow({ ...CUSCO, NOMBRE: 'CUSCO INSCRITA ROSA' });
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([inscribed]))), {
  fileName: 'services-cusco.csv',
  sha256: 'c'.repeat(64),
  asOf: '2023-01-01',
});
const inscribedDni = dniOfRuc(inscribed.RUC!);
const outsiderDni = dniOfRuc(naturalRuc());
const code = `EV-CUS-${Math.random().toString(36).slice(2, 8)}`;

const post = (url: string, payload: unknown, headers = cusco) => app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('events and participants', () => {
  let eventId = 0;
  test('an official of the region records an event; participants are matched by DNI and their REINFO condition set', async () => {
    const res = await post('/api/services/events', {
      code,
      serviceCode: 'SS.01.03.01',
      kind: 'training',
      topic: 'Tecnologías limpias',
      date: '2024-05-10',
      departmentCode: '08',
      districtCode: '080101',
      hours: 8,
      participants: [
        { dni: inscribedDni, name: 'ROSA', sex: 'F', age: 34, passed: true },
        { dni: outsiderDni, name: 'JUAN', sex: 'M', passed: false },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    eventId = body.id;
    expect(body).toMatchObject({ code, participants: 2, passed: 1 });
    const rosa = body.roster.find((p: { name: string }) => p.name === 'ROSA');
    expect(rosa).toMatchObject({ condition: 'reinfo_vigente', ageBand: '30-44', passed: true });
    expect(rosa.maskedId).not.toContain(inscribedDni);
    expect(body.roster.find((p: { name: string }) => p.name === 'JUAN')).toMatchObject({ condition: 'not_in_reinfo', matched: false });
  });

  test('another region may not record there, nor see the event', async () => {
    const res = await post(
      '/api/services/events',
      { code: `${code}-X`, serviceCode: 'SS.01.03.01', kind: 'training', topic: 't', date: '2024-05-10', departmentCode: '08' },
      puno,
    );
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/services/events/${eventId}`, headers: puno })).statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/services/events?department=08', headers: puno });
    expect(list.json()).toEqual([]);
  });

  test("correcting a participant's result is audited and changes the count of people with capacities", async () => {
    const detail = (await app.inject({ method: 'GET', url: `/api/services/events/${eventId}`, headers: cusco })).json();
    const juan = detail.roster.find((p: { name: string }) => p.name === 'JUAN');
    const res = await app.inject({
      method: 'PUT',
      url: `/api/services/events/${eventId}/participants/${juan.id}/result`,
      payload: { attended: true, passed: true },
      headers: cusco,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().passed).toBe(2);
    const { rows } = await db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE action = 'services.participant.result' AND entity_id = $1`,
      [String(juan.id)],
    );
    expect(rows[0]).toMatchObject({ before: { passed: false }, after: { passed: true } });
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/services/events/${eventId}/participants/${juan.id}/result`,
      payload: { attended: false, passed: true },
      headers: cusco,
    });
    expect(refused.statusCode).toBe(400);
  });

  test('the service page: deliveries by region, sex and month, and the indicator it feeds', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/services/summary?service=SS.01.03.01&year=2024', headers: cusco });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.indicators).toEqual(['ISS.01.03.01.01']);
    expect(body.byRegion).toEqual([{ key: '08', events: 1, participants: 2, passed: 2 }]);
    expect(body.bySex).toEqual([
      { key: 'F', events: 1, participants: 1, passed: 1 },
      { key: 'M', events: 1, participants: 1, passed: 1 },
    ]);
    expect(body.byMonth).toEqual([{ key: '05', events: 1, participants: 2, passed: 2 }]);
    const other = (await app.inject({ method: 'GET', url: '/api/services/summary?service=SS.01.03.01&year=2024', headers: puno })).json();
    expect(other.byRegion.find((r: { key: string }) => r.key === '08')).toBeUndefined();
  });

  test("a person's services received, by RUC", async () => {
    const res = await app.inject({ method: 'GET', url: `/api/services/received?ruc=${inscribed.RUC}`, headers: national });
    expect(res.json().events.map((e: { code: string }) => e.code)).toEqual([code]);
  });
});

describe('deliveries', () => {
  test('a laboratory analysis is oportuno within its service standard', async () => {
    const ref = `LAB-${code}`;
    const res = await post('/api/services/deliveries', {
      kind: 'lab_analysis',
      reference: ref,
      departmentCode: '08',
      dni: inscribedDni,
      name: 'ROSA',
      requestedOn: '2024-03-01',
      deliveredOn: '2024-03-11',
      standardDays: 10,
    });
    expect(res.statusCode, res.body).toBe(201);
    const late = await post('/api/services/deliveries', {
      kind: 'lab_analysis',
      reference: `${ref}-2`,
      departmentCode: '08',
      dni: inscribedDni,
      name: 'ROSA',
      requestedOn: '2024-03-01',
      deliveredOn: '2024-03-12',
      standardDays: 10,
    });
    expect(late.statusCode).toBe(201);
    const list = (await app.inject({ method: 'GET', url: `/api/services/deliveries?ruc=${inscribed.RUC}`, headers: cusco })).json();
    expect(list.map((d: { reference: string; timely: boolean }) => [d.reference, d.timely]).sort()).toEqual([
      [ref, true],
      [`${ref}-2`, false],
    ]);
    expect(
      (
        await post('/api/services/deliveries', {
          kind: 'lab_analysis',
          reference: ref,
          departmentCode: '08',
          dni: inscribedDni,
          name: 'ROSA',
          requestedOn: '2024-03-01',
          standardDays: 10,
        })
      ).statusCode,
    ).toBe(409);
  });

  test('a credit needs its lender, amount and date', async () => {
    const res = await post('/api/services/deliveries', {
      kind: 'credit',
      reference: `CR-${code}`,
      departmentCode: '08',
      ruc: companyRuc(),
      name: 'COOP',
      requestedOn: '2024-02-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('credit_incomplete');
  });
});

describe('dialogue tables, records and mercury', () => {
  test('a dialogue table gains sessions, the last one a signed contract', async () => {
    const t = await post('/api/services/dialogues', {
      code: `MD-${code}`,
      departmentCode: '08',
      subject: 'concession',
      requestedOn: '2024-01-15',
      parties: [
        { role: 'informal_miner', name: 'ROSA' },
        { role: 'concession_holder', name: 'TITULAR SAC' },
      ],
    });
    expect(t.statusCode, t.body).toBe(201);
    const s = await post(`/api/services/dialogues/${t.json().id}/sessions`, {
      heldOn: '2024-03-01',
      outcome: 'contract',
      agreements: 'Contrato de explotación firmado',
    });
    expect(s.json().sessions).toHaveLength(1);
    expect((await post(`/api/services/dialogues/${t.json().id}/sessions`, { heldOn: '2023-03-01', outcome: 'none' })).statusCode).toBe(400);
  });

  test('one-row records and Hg:Au ratios', async () => {
    const ruc = companyRuc();
    expect(
      (await post('/api/services/mercury', { ruc, year: 2024, departmentCode: '08', technology: 'amalgamation_with_retort', mercuryUsedKg: 3, goldG: 2000 }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await post('/api/services/mercury/transitions', {
          ruc,
          departmentCode: '08',
          transitionOn: '2024-11-01',
          fromTechnology: 'amalgamation_with_retort',
          toTechnology: 'gravimetric',
        })
      ).statusCode,
    ).toBe(201);
    const rep = (await app.inject({ method: 'GET', url: '/api/services/mercury?year=2024', headers: cusco })).json();
    expect(rep.ratios.find((r: { key: string }) => r.key === ruc)).toMatchObject({ scope: 'organization', ratio: 1.5 });
    expect(rep.ratios.every((r: { scope: string; key: string }) => r.scope !== 'region' || r.key === '08')).toBe(true);
    expect(rep.mercuryFree.map((m: { ruc: string }) => m.ruc)).toContain(ruc);
    expect(
      (await post('/api/services/accidents', { ruc, departmentCode: '08', occurredOn: '2024-04-01', severity: 'incapacitating', daysLost: 12 })).statusCode,
    ).toBe(201);
    expect(
      (await post('/api/services/certifications', { departmentCode: '08', year: 2024, dni: outsiderDni, name: 'FUNCIONARIA', certifiedOn: '2024-10-01' }))
        .statusCode,
    ).toBe(201);
    expect((await post('/api/services/health-access', { districtCode: '080101', since: '2024-06-01', source: 'DIRESA Cusco' }, puno)).statusCode).toBe(403);
  });
});

describe('every record kind is listed back where it is recorded', () => {
  const get = async (url: string, headers = cusco) => {
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>[];
  };

  test('record then list: certifications, capacities, health access, workforce, accidents, mercury, transitions, dialogues', async () => {
    const ruc = companyRuc();
    const dni = dniOfRuc(naturalRuc());
    const recorded: [string, object, string, (r: Record<string, unknown>) => boolean][] = [
      [
        '/api/services/certifications',
        { departmentCode: '08', year: 2023, dni, name: 'SERVIDOR LISTADO' },
        '/api/services/certifications?year=2023',
        (r) => r['name'] === 'SERVIDOR LISTADO' && r['certified'] === false && r['maskedDni'] === `*****${dni.slice(-3)}`,
      ],
      [
        '/api/services/regional-capacities',
        { departmentCode: '08', capacity: 'pot', attainedOn: '2023-05-02', evidence: 'Ordenanza regional' },
        '/api/services/regional-capacities?department=08',
        (r) => r['capacity'] === 'pot' && r['attainedOn'] === '2023-05-02',
      ],
      [
        '/api/services/health-access',
        { districtCode: '080102', since: '2023-06-01', source: 'DIRESA Cusco' },
        '/api/services/health-access?year=2023',
        (r) => r['districtCode'] === '080102' && r['source'] === 'DIRESA Cusco',
      ],
      [
        '/api/services/workforce',
        { ruc, year: 2023, departmentCode: '08', workers: 12, hoursWorked: 28800 },
        '/api/services/workforce?year=2023',
        (r) => r['ruc'] === ruc && r['hoursWorked'] === 28800,
      ],
      [
        '/api/services/accidents',
        { ruc, departmentCode: '08', occurredOn: '2023-04-01', severity: 'fatal', daysLost: 6000 },
        '/api/services/accidents?year=2023',
        (r) => r['ruc'] === ruc && r['severity'] === 'fatal' && r['daysLost'] === 6000,
      ],
      [
        '/api/services/mercury',
        { ruc, year: 2023, departmentCode: '08', technology: 'whole_ore_amalgamation', mercuryBoughtKg: 5.5, mercuryUsedKg: 4.25, goldG: 1000 },
        '/api/services/mercury/uses?year=2023',
        (r) => r['ruc'] === ruc && r['mercuryUsedKg'] === 4.25 && r['mercuryBoughtKg'] === 5.5,
      ],
      [
        '/api/services/mercury/transitions',
        { ruc, departmentCode: '08', transitionOn: '2023-12-01', fromTechnology: 'whole_ore_amalgamation', toTechnology: 'mercury_free' },
        '/api/services/mercury/transitions?year=2023',
        (r) => r['ruc'] === ruc && r['toTechnology'] === 'mercury_free',
      ],
    ];
    for (const [url, body, list, match] of recorded) {
      const res = await post(url, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(201);
      expect((await get(list)).some(match), list).toBe(true);
      // row-level security: another region does not see it
      expect((await get(list, puno)).some(match), `${list} as Puno`).toBe(false);
    }
    const again = await post('/api/services/mercury/transitions', {
      ruc,
      departmentCode: '08',
      transitionOn: '2023-12-01',
      fromTechnology: 'gravimetric',
      toTechnology: 'mercury_free',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('record_exists');
    const free = await post('/api/services/mercury', { ruc, year: 2024, departmentCode: '08', technology: 'mercury_free', mercuryUsedKg: 1, goldG: 10 });
    expect(free.statusCode).toBe(400);
    expect(free.json().code).toBe('mercury_free_uses_mercury');
    const t = await post('/api/services/dialogues', {
      code: `MD-L-${code}`,
      departmentCode: '08',
      subject: 'surface_land',
      requestedOn: '2023-02-15',
      parties: [
        { role: 'informal_miner', name: 'ROSA' },
        { role: 'surface_holder', name: 'COMUNIDAD' },
      ],
    });
    expect(t.statusCode, t.body).toBe(201);
    expect((await get('/api/services/dialogues?year=2023')).map((d) => d['code'])).toContain(`MD-L-${code}`);
    expect((await get('/api/services/dialogues?year=2023', puno)).map((d) => d['code'])).not.toContain(`MD-L-${code}`);
  });
});

describe('random IGAFOM review', () => {
  test('the sample is drawn from the approved IGAFOMs with the printed seed, and reproducible', async () => {
    const { rows: insc } = await db.query<{ id: string }>('SELECT id FROM reinfo_inscriptions WHERE ruc = $1', [inscribed.RUC]);
    const { rows: e } = await db.query<{ id: string }>(
      `INSERT INTO expedientes (inscription_id, ruc, department_code, opened_at, opened_by) VALUES ($1, $2, '08', '2023-02-01T12:00:00Z', 'test') RETURNING id`,
      [insc[0]!.id, inscribed.RUC],
    );
    const expediente = Number(e[0]!.id);
    await db.query(
      `INSERT INTO expediente_actions (expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code) VALUES
         ($1, 1, 'open', NULL, '{"inscribedOn": "2021-03-15"}', 'test', 'regional_official', '2023-02-01T12:00:00Z', '08'),
         ($1, 2, 'approve', 'igafom', '{}', 'test', 'regional_official', '2024-02-01T12:00:00Z', '08')`,
      [expediente],
    );
    try {
      const res = await post('/api/services/igafom-reviews', { departmentCode: '08', year: 2024 });
      expect(res.statusCode, res.body).toBe(201);
      const review = res.json();
      expect(review.seed).toBe(defaultSeed('08', 2024));
      expect(review.sample).toEqual(seededSample([expediente], review.seed, 1));
      const f = await post(`/api/services/igafom-reviews/${review.id}/findings`, { expedienteId: expediente, compliant: true, reviewedOn: '2024-09-01' });
      expect(f.json().compliantShare).toBe(100);
      const listed = (await app.inject({ method: 'GET', url: '/api/services/igafom-reviews?department=08&year=2024', headers: cusco })).json();
      expect(listed).toEqual([
        expect.objectContaining({ id: review.id, seed: review.seed, method: review.method, sample: review.sample, compliantShare: 100 }),
      ]);
      expect(
        (await post(`/api/services/igafom-reviews/${review.id}/findings`, { expedienteId: expediente + 999, compliant: true, reviewedOn: '2024-09-01' }))
          .statusCode,
      ).toBe(400);
    } finally {
      await db.query('DELETE FROM igafom_review_findings WHERE expediente_id = $1', [expediente]);
      await db.query('DELETE FROM igafom_reviews WHERE department_code = $1', ['08']);
      await db.query('DELETE FROM expediente_actions WHERE expediente_id = $1', [expediente]);
      await db.query('DELETE FROM expedientes WHERE id = $1', [expediente]);
    }
  });
});
