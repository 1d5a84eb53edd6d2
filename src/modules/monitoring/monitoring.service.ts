import { appendAudit } from '../../platform/audit/audit.ts';
import { PUBLIC_ACTOR, withActor, type Actor, type Role } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { hasChanges, matrixChanges, toRecords, type MatrixChanges, type StorageProblem } from './matrix/matrix-records.domain.ts';
import { evaluateMatrix, matrixProblems, type Evaluation } from './monitoring.domain.ts';
import { findPolicy, insertImport, insertPolicy, listPolicies, loadPolicyMatrix, writeRecords, type PolicyRow } from './monitoring.queries.ts';
import type { PolicyMatrix } from './monitoring.schema.ts';
import { KNOWN_POLICIES, POLICY_CODE_PATTERN } from './policy.catalog.ts';
import { appendValue, currentValue, findIndicator, valueHistory, type IndicatorRef, type NewValue, type StoredValue } from './policy-values.queries.ts';

/** Policies in the database: import of a matrix, evaluation, values (audited writes). */

/** The policies stored, as the public sees them. */
export function publicPolicies(db: Database): ReturnType<typeof listPolicies> {
  return withActor(db, PUBLIC_ACTOR, (tx) => listPolicies(tx));
}

/** National officials (MINEM DGFM) and administrators write policy data; everyone reads it. */
const canWritePolicy = (role: Role): boolean => role === 'national' || role === 'admin';

export function assertPolicyWriter(actor: Actor): void {
  if (!canWritePolicy(actor.role)) {
    throw new ForbiddenError('policy.write.forbidden', `The role ${actor.role} may not change policy data (national officials and administrators do).`, {
      role: actor.role,
    });
  }
}

/** The matrix has rows the database cannot store: nothing was written. */
export class MatrixRejectedError extends Error {
  constructor(readonly problems: StorageProblem[]) {
    super(`${problems.length} problem(s) in the matrix; nothing was imported`);
    this.name = 'MatrixRejectedError';
  }
}

interface MatrixFile {
  fileName: string;
  sha256: string;
  /** The date recorded on the import (ISO). */
  asOf: string;
}

export interface ImportSummary {
  policy: string;
  created: boolean;
  changed: boolean;
  changes: MatrixChanges;
  importId: number | null;
}

/**
 * Stores a matrix as the policy `code` inside the caller's transaction: the policy is
 * created if new (with what Veta knows of it), the stored matrix becomes the file's,
 * values are appended where they differ (history kept), one `imports` row and one audit
 * entry for the file. An identical matrix writes nothing.
 * @throws MatrixRejectedError when the database would refuse part of the matrix.
 */
export async function storeMatrix(tx: Queryable, actor: Actor, code: string, matrix: PolicyMatrix, file: MatrixFile): Promise<ImportSummary> {
  if (!POLICY_CODE_PATTERN.test(code))
    throw new ValidationError('policy.code.invalid', `${code} is not a policy code (A-Z, 0-9, . _ -; 2 to 40 characters)`, { code });
  const { records, problems } = toRecords(matrix);
  problems.push(...matrixProblems(matrix).map((p) => ({ code: p.code, column: 'code', value: p.code, message: p.message })));
  if (problems.length > 0) throw new MatrixRejectedError(problems);
  // Two imports of one policy at once would both diff against the same stored state.
  await tx.query('SELECT pg_advisory_xact_lock(7006, hashtext($1))', [code]);
  let policy = await findPolicy(tx, code);
  const before = policy ? toRecords(await loadPolicyMatrix(tx, policy)).records : null;
  const changes = matrixChanges(before, records);
  if (policy && !hasChanges(changes)) return { policy: code, created: false, changed: false, changes, importId: null };
  const created = policy === null;
  if (!policy) {
    const info = { ...KNOWN_POLICIES[code], ...matrix.policy };
    await insertPolicy(tx, code, info);
    policy = (await findPolicy(tx, code))!;
  }
  const importId = await insertImport(tx, { ...file, actor: actor.username, counts: { created, ...changes } });
  await writeRecords(tx, policy.id, records, { importId, recordedBy: actor.username, fresh: created });
  await appendAudit(tx, actor, {
    action: 'policy.import',
    entity: 'policy',
    entityId: code,
    after: { file: file.fileName, sha256: file.sha256, importId, created, changes },
  });
  return { policy: code, created, changed: true, changes, importId };
}

export async function importPolicyMatrix(db: Database, actor: Actor, code: string, matrix: PolicyMatrix, file: MatrixFile): Promise<ImportSummary> {
  assertPolicyWriter(actor);
  return withActor(db, actor, (tx) => storeMatrix(tx, actor, code, matrix, file));
}

export async function requirePolicy(tx: Queryable, code: string): Promise<PolicyRow> {
  const policy = await findPolicy(tx, code);
  if (!policy) throw NotFoundError.of(`Policy ${code}`, 'policy.not_found', { code });
  return policy;
}

export async function requireIndicator(tx: Queryable, policy: PolicyRow, code: string): Promise<IndicatorRef> {
  const indicator = await findIndicator(tx, policy.id, code);
  if (!indicator) throw NotFoundError.of(`Indicator ${code} of policy ${policy.code}`, 'policy.indicator.not_found', { code, policy: policy.code });
  return indicator;
}

/** The stored matrix of a policy (current elements and values). */
export function policyMatrix(db: Database, actor: Actor, code: string): Promise<PolicyMatrix> {
  return withActor(db, actor, async (tx) => loadPolicyMatrix(tx, await requirePolicy(tx, code)));
}

/** The CEPLAN follow-up of a stored policy, computed as `veta policy evaluate` does on a file. */
export async function evaluatePolicy(db: Database, actor: Actor, code: string, opts: { year: number; targetYear?: number | undefined }): Promise<Evaluation> {
  const matrix = await policyMatrix(db, actor, code);
  return evaluateMatrix(matrix, { year: opts.year, ...(opts.targetYear === undefined ? {} : { targetYear: opts.targetYear }) });
}

/**
 * Records a value of an indicator inside the caller's transaction: a new row of its
 * history (a correction never overwrites), audited with the value it replaces.
 */
export async function recordValueIn(tx: Queryable, actor: Actor, policy: PolicyRow, indicator: IndicatorRef, v: NewValue): Promise<StoredValue> {
  const before = await currentValue(tx, indicator.id, v.year);
  const stored = await appendValue(tx, indicator.id, v, actor.username);
  const shown = (s: StoredValue | null) => (s === null ? null : { value: s.value, source: s.source, date: s.date, enteredBy: s.enteredBy });
  await appendAudit(tx, actor, {
    action: 'policy.value',
    entity: 'policy_value',
    entityId: stored.id,
    before: before === null ? null : { policy: policy.code, indicator: indicator.code, year: v.year, ...shown(before) },
    after: { policy: policy.code, indicator: indicator.code, year: v.year, ...shown(stored) },
  });
  return stored;
}

export async function recordValue(db: Database, actor: Actor, code: string, indicatorCode: string, v: NewValue): Promise<StoredValue> {
  assertPolicyWriter(actor);
  return withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    return recordValueIn(tx, actor, policy, await requireIndicator(tx, policy, indicatorCode), v);
  });
}

/** Every value recorded for an indicator, corrections and withdrawals included. */
export function indicatorValues(db: Database, actor: Actor, code: string, indicatorCode: string): Promise<StoredValue[]> {
  return withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    return valueHistory(tx, (await requireIndicator(tx, policy, indicatorCode)).id);
  });
}
