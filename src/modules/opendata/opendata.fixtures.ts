/**
 * Test data for the open data tests, through each module's own services: REINFO rows (a
 * natural person with a birth date, phone and address on record, and an organization),
 * a mining right with its polygon, an expediente, a small gold chain in the ledger and a
 * policy matrix. Returns the secrets no public file may contain.
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

export interface OpendataSeed {
  personRuc: string;
  companyRuc: string;
  rightCode: string;
  policyCode: string;
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
  const [personId] = await importInscriptions(db, [person, org]);
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
    secrets: [dni, person.RUC!, '1968-07-09', '09/07/1968', '951357246', 'Confidencial', 'TITULAR RESERVADO'],
  };
}
