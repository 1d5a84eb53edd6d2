/**
 * Test data for the open data tests, through each module's own services: REINFO rows (a
 * natural person with a birth date, phone and address on record, and an organization),
 * a mining right with its polygon, an expediente, a small gold chain in the ledger, a
 * policy matrix, a protected area holding a front and a right of their own (away from
 * the other fixtures' places), a training and a laboratory analysis with named
 * beneficiaries, and the baseline survey's demo submissions. Returns the secrets no
 * public file may contain.
 */
import { seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { actor, buildReinfoRow, companyRuc, rightCode } from '../../../test/factories.ts';
import { withActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { ledgerEventSchema, type LedgerEventInput } from '../traceability/ledger/ledger.schema.ts';
import { importLedgerLines } from '../traceability/ledger/ledger.import.ts';
import { createCast, lines } from '../traceability/ledger/ledger-db.factories.ts';
import { importInscriptions } from '../formalization/formalization-db.fixtures.ts';
import { openExpediente } from '../formalization/formalization.service.ts';
import { importPolicyMatrix } from '../monitoring/monitoring.service.ts';
import { putMiningRight } from '../registry/rights.service.ts';
import { recordDelivery, recordEvent } from '../services/services.service.ts';
import { surveysDemo } from '../surveys/surveys.demo.ts';

export interface OpendataSeed {
  personRuc: string;
  companyRuc: string;
  rightCode: string;
  policyCode: string;
  /** The protected area, and the right and the inscription (front) inside it. */
  areaCode: string;
  areaRightCode: string;
  areaInscriptionId: number;
  /** The training's service code, region and year, and its participants (F, M). */
  service: { code: string; region: string; year: number };
  /** Strings that must never appear in a public file. */
  secrets: string[];
}

let seeded: Promise<OpendataSeed> | undefined;

/** Seeds once per worker database. */
export function seedOpendata(db: Database): Promise<OpendataSeed> {
  seeded ??= seed(db);
  return seeded;
}

async function seed(db: Database): Promise<OpendataSeed> {
  const national = actor('national');
  const person = buildReinfoRow({ NOMBRE: 'DATOS ABIERTOS ÑAHUI QUISPE', 'FECHA INSCRIPCION': '02/05/2022' }, 'arequipa');
  const org = buildReinfoRow({ RUC: companyRuc(), NOMBRE: 'COOPERATIVA DATOS ABIERTOS', 'FECHA INSCRIPCION': '10/01/2023' });
  // A front and a right inside a protected area of this fixture's own, in a corner of Puno no other fixture uses (UTM 19S).
  const [corner] = (
    await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint(450500, 8413500), 32719), 4326) p`,
    )
  ).rows;
  const inArea = buildReinfoRow({ RUC: companyRuc(), NOMBRE: 'EMPRESA EN AREA PROTEGIDA', LATITUD: String(corner!.lat), LONGITUD: String(corner!.lon) });
  const [personId, , areaInscriptionId] = await importInscriptions(db, [person, org, inArea]);
  const dni = person.RUC!.slice(2, 10);
  await withActor(db, national, (tx) =>
    tx.query(`UPDATE persons SET birth_date = '1968-07-09', phone = '951357246', address = 'Av. Confidencial 742' WHERE dni = $1`, [dni]),
  );
  await openExpediente(db, actor('regional', '04'), personId!);
  const code = rightCode();
  await putMiningRight(db, national, code, {
    name: 'POLÍGONO DATOS ABIERTOS',
    holderName: 'TITULAR RESERVADO',
    substance: 'metallic',
    departmentCode: '21',
    utmZone: 19,
    datum: 'WGS84',
    vertices: [
      { east: 390000, north: 8248000 },
      { east: 391000, north: 8248000 },
      { east: 391000, north: 8249000 },
      { east: 390000, north: 8249000 },
    ],
  });
  const areaRightCode = rightCode();
  await putMiningRight(db, national, areaRightCode, {
    name: 'DERECHO EN AREA PROTEGIDA',
    holderName: 'TITULAR RESERVADO',
    substance: 'metallic',
    departmentCode: '21',
    utmZone: 19,
    datum: 'WGS84',
    vertices: [
      { east: 450000, north: 8413000 },
      { east: 451000, north: 8413000 },
      { east: 451000, north: 8414000 },
      { east: 450000, north: 8414000 },
    ],
  });
  // The area covers the front and the right's eastern half: 50 ha of the right inside.
  const areaCode = `OD-ANP-${Date.now().toString(36)}`;
  await withActor(db, national, (tx) =>
    tx.query(
      `WITH g AS (SELECT ST_Multi(ST_Transform(ST_MakeEnvelope(450500, 8412500, 452000, 8414500, 32719), 4326)) AS geom)
       INSERT INTO territory_areas (kind, code, name, category, legal_hectares, hectares, geom)
       SELECT 'protected', $1, 'RESERVA DATOS ABIERTOS', 'Reserva Nacional', 300, round((ST_Area(geom::geography) / 10000)::numeric, 4), geom FROM g`,
      [areaCode],
    ),
  );
  const regional = actor('regional', '21');
  const participantDni = String(46_000_000 + (Date.now() % 1_000_000));
  const serviceCode = 'SS.01.06.01';
  await recordEvent(db, regional, {
    code: `OD-EV-${Date.now().toString(36)}`,
    serviceCode,
    kind: 'training',
    topic: 'Seguridad minera',
    date: '2024-06-10',
    departmentCode: '21',
    modality: 'presencial',
    participants: [
      { dni: participantDni, name: 'PARTICIPANTE RESERVADA', sex: 'F', age: 31, attended: true, passed: true },
      { ruc: org.RUC!, name: 'COOPERATIVA DATOS ABIERTOS', attended: true, passed: false },
    ],
  });
  await recordDelivery(db, regional, {
    kind: 'lab_analysis',
    reference: `OD-LAB-${Date.now().toString(36)}`,
    departmentCode: '21',
    dni: participantDni,
    name: 'PARTICIPANTE RESERVADA',
    sex: 'F',
    requestedOn: '2024-07-01',
    deliveredOn: '2024-07-08',
    standardDays: 10,
  });
  await db.transaction((tx) => surveysDemo(tx));
  const cast = await createCast(db);
  const p = `OD${Date.now().toString(36)}-`;
  const inputs: LedgerEventInput[] = [
    { id: `${p}p1`, type: 'produce', date: '2024-03-01', actor: cast.miner, site: cast.siteA, lot: `${p}L1`, material: 'dore', grams: 100, fineness: 0.85 },
    { id: `${p}t1`, type: 'transfer', date: '2024-03-05', from: cast.miner, to: cast.trader, lot: `${p}L1`, fineGrams: 40, newLot: `${p}L2` },
  ];
  await withActor(db, national, (tx) =>
    importLedgerLines(tx, national, lines(...inputs.map((i) => ledgerEventSchema.parse(i))), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2024-12-31' }),
  );
  const policyCode = `OD${Date.now().toString(36).toUpperCase()}`;
  await importPolicyMatrix(db, national, policyCode, seedMatrix(), { fileName: `${policyCode}.csv`, sha256: 'a'.repeat(64), asOf: '2025-01-15' });
  return {
    personRuc: person.RUC!,
    companyRuc: org.RUC!,
    rightCode: code,
    policyCode,
    areaCode,
    areaRightCode,
    areaInscriptionId: areaInscriptionId!,
    service: { code: serviceCode, region: '21', year: 2024 },
    secrets: [dni, person.RUC!, '1968-07-09', '09/07/1968', '951357246', 'Confidencial', 'TITULAR RESERVADO', participantDni, 'PARTICIPANTE RESERVADA'],
  };
}
