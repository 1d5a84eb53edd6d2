/**
 * The demo's policy follow-up: the national MAPE policy (PNMPMMA-2030) with MINEM's
 * published 2024 follow-up table (reference/policy/), stored through the same path as
 * `veta policy import`. Runs inside the demo transaction, after the registry is loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { parseMatrixCsv } from '../monitoring/matrix/matrix.parse.ts';
import { storeMatrix, type ImportSummary } from '../monitoring/monitoring.service.ts';
import { DEFAULT_POLICY_CODE, KNOWN_POLICIES } from '../monitoring/policy.catalog.ts';

export const DEMO_POLICY_FILE = fileURLToPath(new URL('../../../reference/policy/pnmpmma-seguimiento-2024.csv', import.meta.url));

const SYSTEM: Actor = { username: 'system:demo', role: 'admin', region: null, ruc: null, userId: null };

/**
 * Some verified rights are the declarant's own concession (the REINFO list does not say
 * who holds a right), so that IOP.03.02 measures something from the demo's records.
 */
const OWN_CONCESSIONS_SQL = `
UPDATE mining_rights r SET holder_ruc = i.ruc, holder_name = i.declarant_name
FROM (SELECT DISTINCT ON (mining_right_id) mining_right_id, ruc, declarant_name FROM reinfo_inscriptions ORDER BY mining_right_id, id) i
WHERE i.mining_right_id = r.id AND r.verification = 'verified' AND r.id % 6 = 1`;

export async function loadMonitoringDemo(tx: Queryable): Promise<ImportSummary> {
  const text = readFileSync(DEMO_POLICY_FILE, 'utf8');
  const parsed = parseMatrixCsv(text);
  if (!parsed.ok) throw new Error(`${DEMO_POLICY_FILE} does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  await tx.exec(OWN_CONCESSIONS_SQL);
  return storeMatrix(
    tx,
    SYSTEM,
    DEFAULT_POLICY_CODE,
    { ...parsed.matrix, policy: { ...KNOWN_POLICIES[DEFAULT_POLICY_CODE] } },
    {
      fileName: 'pnmpmma-seguimiento-2024.csv',
      sha256: createHash('sha256').update(text).digest('hex'),
      asOf: '2025-06-30',
    },
  );
}
