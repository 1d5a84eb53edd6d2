import type { Queryable } from '../../platform/db.ts';
import { nameKey } from '../../platform/text.ts';
import { spanishKey } from './registry-list.queries.ts';
import type { Activity, InscriptionStatus } from '../../kernel/registry.types.ts';
import type { StratumRule, Substance } from './strata.domain.ts';

export async function publicSearch(tx: Queryable, q: string, limit: number) {
  const key = nameKey(q);
  const digits = q.replace(/\D/g, '');
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT * FROM public_inscriptions p
     WHERE p.mining_right_code = $2 OR (length($3) = 11 AND p.ruc = $3)
        OR p.search_key LIKE '%' || $1 || '%'
     ORDER BY ${spanishKey('p.declarant_name')}, p.id LIMIT $4`,
    [key, q.replace(/[\s-]/g, '').toUpperCase(), digits, limit],
  );
  return rows.map(toPublicInscription);
}

export async function publicInscriptionsById(tx: Queryable, ids: number[]) {
  const { rows } = await tx.query<Record<string, unknown>>('SELECT * FROM public_inscriptions WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  return rows.map(toPublicInscription);
}

function toPublicInscription(r: Record<string, unknown>) {
  return {
    id: Number(r['id']),
    ruc: String(r['ruc']),
    declarantName: String(r['declarant_name']),
    declarantType: r['declarant_type'] as 'person' | 'organization',
    miningRightCode: String(r['mining_right_code']),
    miningRightName: String(r['mining_right_name']),
    activity: r['activity'] as Activity,
    departmentCode: String(r['department_code']),
    departmentName: String(r['department_name']),
    districtCode: (r['district_code'] as string | null) ?? null,
    inscriptionDate: String(r['inscription_date']),
    status: r['status'] as InscriptionStatus,
    statusSince: String(r['status_since']),
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

/** Officials' search over what their row-level security lets them see: trigram on names, exact on keys. */
export async function registrySearch(tx: Queryable, q: string, limit: number) {
  const key = nameKey(q);
  const compact = q.replace(/[\s.-]/g, '').toUpperCase();
  const { rows } = await tx.query<{ kind: string; id: number; label: string; detail: string; department_code: string | null; score: number }>(
    `SELECT * FROM ((SELECT 'person' AS kind, id, full_name AS label, 'DNI ' || dni AS detail, region_code::text AS department_code,
             CASE WHEN dni = $2 THEN 2 ELSE similarity(search_key, $1) END AS score
      FROM persons WHERE merged_into IS NULL AND (dni = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%'))
     UNION ALL
     (SELECT 'organization', id, name, 'RUC ' || ruc, region_code::text,
             CASE WHEN ruc = $2 THEN 2 ELSE similarity(search_key, $1) END
      FROM organizations WHERE ruc = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%')
     UNION ALL
     (SELECT 'mining_right', id, name, 'Código ' || code, department_code::text,
             CASE WHEN code = $2 THEN 2 ELSE similarity(search_key, $1) END
      FROM mining_rights WHERE code = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%')
     UNION ALL
     (SELECT 'inscription', id, declarant_name, 'RUC ' || ruc || ' · ' || mining_right_code || ' · ' || activity, department_code::text, 2
      FROM reinfo_inscriptions WHERE ruc = $2)) u
     ORDER BY u.score DESC, ${spanishKey('u.label')}, u.kind, u.id LIMIT $3`,
    [key, compact, limit],
  );
  return rows.map((r) => ({
    kind: r.kind as 'person' | 'organization' | 'mining_right' | 'inscription',
    id: Number(r.id),
    label: r.label,
    detail: r.detail,
    departmentCode: r.department_code,
    score: Number(r.score),
  }));
}

export async function stratumRules(tx: Queryable): Promise<StratumRule[]> {
  const { rows } = await tx.query<Record<string, string | null>>('SELECT * FROM stratum_rules ORDER BY id');
  return rows.map((r) => ({
    stratum: r['stratum'] as StratumRule['stratum'],
    substance: r['substance'] as StratumRule['substance'],
    maxHectares: Number(r['max_hectares']),
    maxCapacity: Number(r['max_capacity']),
    capacityUnit: r['capacity_unit'] as StratumRule['capacityUnit'],
    validFrom: String(r['valid_from']),
    validTo: r['valid_to'] ?? null,
    legalSource: String(r['legal_source']),
  }));
}

interface InscriptionDetailRow {
  id: number;
  ruc: string;
  declarant_name: string;
  person_id: number | null;
  organization_id: number | null;
  activity: Activity;
  department_code: string;
  department_name: string;
  district_code: string | null;
  lat: number | null;
  lon: number | null;
  inscription_date: string;
  status: InscriptionStatus;
  status_since: string;
  right_id: number;
  right_code: string;
  right_name: string;
  hectares: string | null;
  substance: Substance;
  capacity: string | null;
  verification: string;
}

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
  const { rows } = await tx.query<{ status: InscriptionStatus; status_since: string; department_code: string }>(
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
