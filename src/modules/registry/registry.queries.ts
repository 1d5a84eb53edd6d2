import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import { nameKey } from '../../platform/text.ts';
import { spanishKey } from './registry-list.queries.ts';
import type { Activity, InscriptionStatus } from '../../kernel/registry.types.ts';
import type { StratumRule, Substance } from './strata.domain.ts';

export async function publicSearch(tx: Queryable, q: string, limit: number) {
  const key = nameKey(q);
  const digits = q.replace(/\D/g, '');
  const { rows } = await tx.query<PublicInscriptionRow>(
    `SELECT * FROM public_inscriptions p
     WHERE p.mining_right_code = $2 OR (length($3) = 11 AND p.ruc = $3)
        OR p.search_key LIKE '%' || $1 || '%'
     ORDER BY ${spanishKey('p.declarant_name')}, p.id LIMIT $4`,
    [key, q.replace(/[\s-]/g, '').toUpperCase(), digits, limit],
  );
  return rows.map(toPublicInscription);
}

export async function publicInscriptionsById(tx: Queryable, ids: number[]) {
  const { rows } = await tx.query<PublicInscriptionRow>('SELECT * FROM public_inscriptions WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  return rows.map(toPublicInscription);
}

/** ruc and declarant_type are CASE expressions over NOT NULL columns; activity and status text under a CHECK. */
type PublicInscriptionRow = Narrow<
  Row<'public_inscriptions'>,
  { ruc: string; declarant_type: 'person' | 'organization'; activity: Activity; status: InscriptionStatus }
>;

function toPublicInscription(r: PublicInscriptionRow) {
  return {
    id: r.id,
    ruc: r.ruc,
    declarantName: r.declarant_name,
    declarantType: r.declarant_type,
    miningRightCode: r.mining_right_code,
    miningRightName: r.mining_right_name,
    activity: r.activity,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    districtCode: r.district_code,
    inscriptionDate: r.inscription_date,
    status: r.status,
    statusSince: r.status_since,
  };
}

export async function publicStats(tx: Queryable) {
  const { rows } = await tx.query<{ code: string; name: string; vigente: number; suspendido: number; excluido: number }>(
    `SELECT d.code, d.name,
            count(*) FILTER (WHERE p.status = 'vigente')::int AS vigente,
            count(*) FILTER (WHERE p.status = 'suspendido')::int AS suspendido,
            count(*) FILTER (WHERE p.status = 'excluido')::int AS excluido
     FROM public_inscriptions p JOIN departments d ON d.code = p.department_code
     GROUP BY d.code, d.name ORDER BY d.code`,
  );
  const byDepartment = rows.map((r) => ({ ...r, total: r.vigente + r.suspendido + r.excluido }));
  const byStatus = { vigente: 0, suspendido: 0, excluido: 0 };
  for (const r of rows) {
    byStatus.vigente += r.vigente;
    byStatus.suspendido += r.suspendido;
    byStatus.excluido += r.excluido;
  }
  return { total: byStatus.vigente + byStatus.suspendido + byStatus.excluido, byStatus, byDepartment };
}

export async function stratumRules(tx: Queryable): Promise<StratumRule[]> {
  const { rows } = await tx.query<
    Narrow<Row<'stratum_rules'>, { stratum: StratumRule['stratum']; substance: StratumRule['substance']; capacity_unit: StratumRule['capacityUnit'] }>
  >('SELECT * FROM stratum_rules ORDER BY id');
  return rows.map((r) => ({
    stratum: r.stratum,
    substance: r.substance,
    maxHectares: Number(r.max_hectares),
    maxCapacity: Number(r.max_capacity),
    capacityUnit: r.capacity_unit,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    legalSource: r.legal_source,
  }));
}

type InscriptionDetailRow = Narrow<
  Pick<
    Row<'reinfo_inscriptions'>,
    | 'id'
    | 'ruc'
    | 'declarant_name'
    | 'person_id'
    | 'organization_id'
    | 'activity'
    | 'department_code'
    | 'district_code'
    | 'inscription_date'
    | 'status'
    | 'status_since'
  >,
  { activity: Activity; status: InscriptionStatus }
> &
  Narrow<Pick<Row<'mining_rights'>, 'hectares' | 'substance' | 'capacity' | 'verification'>, { substance: Substance }> & {
    department_name: Row<'departments'>['name'];
    lat: number | null;
    lon: number | null;
    right_id: Row<'mining_rights'>['id'];
    right_code: Row<'mining_rights'>['code'];
    right_name: Row<'mining_rights'>['name'];
  };

export async function inscriptionRow(tx: Queryable, id: number): Promise<InscriptionDetailRow | undefined> {
  const { rows } = await tx.query<InscriptionDetailRow>(
    `SELECT i.id, i.ruc, i.declarant_name, i.person_id, i.organization_id, i.activity, i.department_code::text AS department_code,
            d.name AS department_name, i.district_code, ST_Y(i.front) AS lat, ST_X(i.front) AS lon, i.inscription_date, i.status, i.status_since,
            r.id AS right_id, r.code AS right_code, r.name AS right_name, r.hectares, r.substance, r.capacity, r.verification
     FROM reinfo_inscriptions i JOIN mining_rights r ON r.id = i.mining_right_id JOIN departments d ON d.code = i.department_code
     WHERE i.id = $1`,
    [id],
  );
  return rows[0];
}

/** The inscription's status, locked for a change. */
export async function lockInscriptionStatus(tx: Queryable, id: number) {
  const { rows } = await tx.query<Narrow<Pick<Row<'reinfo_inscriptions'>, 'status' | 'status_since' | 'department_code'>, { status: InscriptionStatus }>>(
    'SELECT status, status_since, department_code FROM reinfo_inscriptions WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0];
}

/** Sets the status and writes its dated history row. */
export async function recordInscriptionStatus(
  tx: Queryable,
  id: number,
  departmentCode: string,
  change: { status: InscriptionStatus; effectiveDate: string; reason: string },
  username: string,
): Promise<void> {
  await tx.query('UPDATE reinfo_inscriptions SET status = $2, status_since = $3, updated_at = now() WHERE id = $1', [id, change.status, change.effectiveDate]);
  await tx.query(
    `INSERT INTO inscription_status_history (inscription_id, department_code, status, effective_date, reason, actor)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, departmentCode, change.status, change.effectiveDate, change.reason, username],
  );
}

/** The ids of the inscriptions the caller sees (a miner: their own). */
export async function visibleInscriptionIds(tx: Queryable): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM reinfo_inscriptions ORDER BY id');
  return rows.map((r) => Number(r.id));
}

export async function departments(tx: Queryable) {
  const { rows } = await tx.query<{ code: string; reniec_code: string; name: string }>('SELECT code, reniec_code, name FROM departments ORDER BY code');
  return rows.map((r) => ({ code: r.code, reniecCode: r.reniec_code, name: r.name }));
}

export async function statusHistory(tx: Queryable, inscriptionId: number) {
  const { rows } = await tx.query<{ status: InscriptionStatus; effective_date: string; reason: string | null; import_id: number | null; actor: string }>(
    'SELECT status, effective_date, reason, import_id, actor FROM inscription_status_history WHERE inscription_id = $1 ORDER BY effective_date, id',
    [inscriptionId],
  );
  return rows.map((h) => ({
    status: h.status,
    effectiveDate: h.effective_date,
    reason: h.reason ?? '',
    importId: h.import_id === null ? null : Number(h.import_id),
    actor: h.actor,
  }));
}
