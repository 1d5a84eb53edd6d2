import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { conflict, notFound } from '../../platform/http/problem.ts';
import { inscriptionRow, statusHistory, stratumRules } from './registry.queries.ts';
import { deriveStratum, type Substance } from './strata.domain.ts';

export async function getInscription(db: Database, actor: Actor, id: number, today: string) {
  return withActor(db, actor, async (tx) => {
    const r = await inscriptionRow(tx, id);
    if (!r) throw notFound(`Inscription ${id}`);
    const rules = await stratumRules(tx);
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return {
      id: Number(r['id']),
      ruc: String(r['ruc']),
      declarantName: String(r['declarant_name']),
      personId: num(r['person_id']),
      organizationId: num(r['organization_id']),
      miningRight: {
        id: Number(r['right_id']),
        code: String(r['right_code']),
        name: String(r['right_name']),
        hectares: (r['hectares'] as string | null) ?? null,
        substance: String(r['substance']),
        capacity: (r['capacity'] as string | null) ?? null,
        verification: String(r['verification']),
      },
      activity: r['activity'] as 'explotacion' | 'beneficio',
      departmentCode: String(r['department_code']),
      departmentName: String(r['department_name']),
      districtCode: (r['district_code'] as string | null) ?? null,
      front: r['lat'] === null ? null : { lat: Number(r['lat']), lon: Number(r['lon']) },
      inscriptionDate: String(r['inscription_date']),
      status: r['status'] as 'vigente' | 'suspendido' | 'excluido',
      statusSince: String(r['status_since']),
      stratum: deriveStratum(rules, {
        hectares: num(r['hectares']),
        capacity: num(r['capacity']),
        substance: r['substance'] as Substance,
        date: today,
      }),
      history: await statusHistory(tx, id),
      expedienteId: num(r['expediente_id']),
    };
  });
}

/** Suspends, excludes or reinstates an inscription: a dated history row and an audit entry. */
export async function changeStatus(
  db: Database,
  actor: Actor,
  id: number,
  change: { status: 'vigente' | 'suspendido' | 'excluido'; effectiveDate: string; reason: string },
): Promise<void> {
  await withActor(db, actor, async (tx) => {
    const { rows } = await tx.query<{ status: string; status_since: string; department_code: string }>(
      'SELECT status, status_since, department_code FROM reinfo_inscriptions WHERE id = $1 FOR UPDATE',
      [id],
    );
    const before = rows[0];
    if (!before) throw notFound(`Inscription ${id}`);
    if (before.status === change.status) throw conflict(`The inscription is already ${change.status}.`);
    await tx.query('UPDATE reinfo_inscriptions SET status = $2, status_since = $3, updated_at = now() WHERE id = $1', [
      id,
      change.status,
      change.effectiveDate,
    ]);
    await tx.query(
      `INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, actor)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, before.department_code, change.status, change.effectiveDate, change.reason, actor.username],
    );
    await appendAudit(tx, actor, {
      action: 'inscription.status',
      entity: 'inscription',
      entityId: id,
      regionCode: before.department_code,
      before: { status: before.status, statusSince: before.status_since },
      after: { status: change.status, statusSince: change.effectiveDate, reason: change.reason },
    });
  });
}

/** Possible duplicate persons: similar names under different DNIs (a typo in one of them). */
export async function duplicatePersons(db: Database, actor: Actor, minSimilarity = 0.75) {
  return withActor(db, actor, async (tx) => {
    const { rows } = await tx.query<{
      a_id: number; a_dni: string; a_name: string; b_id: number; b_dni: string; b_name: string; sim: number; same_birth: boolean;
    }>(
      `SELECT a.id AS a_id, a.dni AS a_dni, a.full_name AS a_name, b.id AS b_id, b.dni AS b_dni, b.full_name AS b_name,
              similarity(a.search_key, b.search_key) AS sim,
              coalesce(a.birth_date = b.birth_date, false) AS same_birth
       FROM persons a JOIN persons b ON a.id < b.id AND a.search_key % b.search_key
       WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND similarity(a.search_key, b.search_key) >= $1
       ORDER BY sim DESC, a.id LIMIT 200`,
      [minSimilarity],
    );
    return rows.map((r) => ({
      a: { id: Number(r.a_id), dni: r.a_dni, fullName: r.a_name },
      b: { id: Number(r.b_id), dni: r.b_dni, fullName: r.b_name },
      similarity: Number(r.sim),
      sameBirthDate: r.same_birth,
    }));
  });
}

/** Merges a duplicate person into another: its inscriptions and memberships move, the row stays, marked. */
export async function mergePersons(db: Database, actor: Actor, id: number, into: number): Promise<void> {
  if (id === into) throw conflict('A person cannot be merged into itself.');
  await withActor(db, actor, async (tx) => {
    const { rows } = await tx.query<{ id: number; dni: string; full_name: string; merged_into: number | null; region_code: string }>(
      'SELECT id, dni, full_name, merged_into, region_code FROM persons WHERE id = ANY($1::bigint[]) FOR UPDATE',
      [[id, into]],
    );
    const from = rows.find((r) => Number(r.id) === id);
    const target = rows.find((r) => Number(r.id) === into);
    if (!from || !target) throw notFound('Person');
    if (from.merged_into !== null || target.merged_into !== null) throw conflict('One of the persons was already merged.');
    const moved = await tx.query<{ id: number }>('UPDATE reinfo_inscriptions SET person_id = $2 WHERE person_id = $1 RETURNING id', [id, into]);
    await tx.query(
      `INSERT INTO memberships (organization_id, person_id, role, since)
       SELECT organization_id, $2, role, since FROM memberships WHERE person_id = $1 ON CONFLICT DO NOTHING`,
      [id, into],
    );
    await tx.query('UPDATE persons SET merged_into = $2 WHERE id = $1', [id, into]);
    await appendAudit(tx, actor, {
      action: 'person.merge',
      entity: 'person',
      entityId: id,
      regionCode: from.region_code,
      before: { id, dni: from.dni, fullName: from.full_name, mergedInto: null },
      after: { mergedInto: into, inscriptionsMoved: moved.rows.map((r) => Number(r.id)) },
    });
  });
}
