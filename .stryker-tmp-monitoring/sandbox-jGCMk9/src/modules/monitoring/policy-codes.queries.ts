/**
 * The policy's codes as other modules may reference them (cooperation projects name the
 * objectives, guidelines and services they support): a read-only question to the stored
 * policy, so that no other module's SQL reads the monitoring tables.
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';

export interface PolicyCodeName {
  code: string;
  name: string;
}

/** Which of `codes` are objectives (OP), guidelines (LN) or services (SS) of a stored policy, not removed. */
export async function knownPolicyCodes(tx: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { rows } = await tx.query<{ code: string }>(
    `SELECT DISTINCT code FROM policy_elements WHERE code = ANY($1::text[]) AND level IN ('OP', 'LN', 'SS') AND removed_at IS NULL`,
    [[...new Set(codes)]],
  );
  return new Set(rows.map((r) => r.code));
}

/** The priority objectives (OP) of the stored policies with their names, for labels. */
export async function policyObjectives(tx: Queryable): Promise<PolicyCodeName[]> {
  const { rows } = await tx.query<PolicyCodeName>(
    `SELECT DISTINCT ON (code) code, name FROM policy_elements WHERE level = 'OP' AND removed_at IS NULL ORDER BY code, policy_id`,
  );
  return rows;
}
