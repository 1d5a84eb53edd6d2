/** Test set-up: a small stored policy (so that projects' OP/LN/SS codes validate) and project bodies. */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import type { ProjectInputIn } from './cooperation.schema.ts';

export const TEST_POLICY_CODES = ['OP.01', 'LN.01.03', 'SS.01.03.01', 'OP.02', 'LN.02.01'] as const;

/** Stores a policy of its own (a unique code) with the test codes, on the owner's connection; idempotent per code. */
export async function ensureTestPolicy(db: Queryable, code = 'COOP-TEST'): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO policies (code, name) VALUES ($1, 'Política de prueba (cooperación)') ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [code],
  );
  const id = rows[0]!.id;
  await db.query(
    `INSERT INTO policy_elements (policy_id, code, position, name)
     SELECT $1, c, o::int, 'Elemento ' || c FROM unnest($2::text[]) WITH ORDINALITY AS x(c, o)
     ON CONFLICT (policy_id, code) DO NOTHING`,
    [id, [...TEST_POLICY_CODES]],
  );
}

export const uniqueIdentifier = (): string => `PE-VETA-T-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function projectBody(overrides: Partial<ProjectInputIn> = {}): ProjectInputIn {
  return {
    identifier: uniqueIdentifier(),
    titleEs: 'Minería sin mercurio en Puno',
    titleEn: 'Mercury-free mining in Puno',
    agencyCode: 'cosude',
    partners: [{ role: 'implementing', name: 'DREM Puno', ref: null }],
    status: 'implementation',
    startDate: '2024-01-01',
    endDate: '2026-12-31',
    defaultCurrency: 'CHF',
    regions: ['21', '210101'],
    strata: ['pma'],
    aspects: ['technical', 'environmental'],
    policyCodes: ['LN.01.03'],
    sectors: ['32210'],
    flows: [
      { kind: 'budget', year: 2024, currency: 'CHF', amount: 100000 },
      { kind: 'budget', year: 2025, currency: 'CHF', amount: 200000 },
      { kind: 'disbursement', year: 2024, currency: 'CHF', amount: 80000, valueDate: '2024-06-30' },
    ],
    ...overrides,
  };
}
