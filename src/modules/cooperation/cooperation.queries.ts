/** SQL of the cooperation module: agencies, rates, projects with their children, versions, reported ODA. */
import type { Queryable } from '../../platform/db.ts';
import type { Narrow, Row } from '../../platform/db/schema.generated.ts';
import type { Aspect, FlowKind, PartnerRole, ProjectStatus, Stratum, UsdRate } from './cooperation.domain.ts';
import type { Agency } from './cooperation.schema.ts';

export async function agencies(tx: Queryable): Promise<Agency[]> {
  const { rows } = await tx.query<Agency>(
    `SELECT code, acronym, name_es AS "nameEs", name_en AS "nameEn", kind, donor_country AS "donorCountry", iati_org_id AS "iatiOrgId"
       FROM coop_agencies ORDER BY kind, acronym`,
  );
  return rows;
}

export async function usdRates(tx: Queryable): Promise<UsdRate[]> {
  const { rows } = await tx.query<Pick<Row<'coop_usd_rates'>, 'currency' | 'year'> & { usd: string }>(
    `SELECT currency, year, usd_per_unit::text AS usd FROM coop_usd_rates`,
  );
  return rows.map((r) => ({ currency: r.currency, year: r.year, usdPerUnit: Number(r.usd) }));
}

/** Department codes and names (UBIGEO), for checking a project's regions and labelling them. */
export async function departmentNames(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<Pick<Row<'departments'>, 'code' | 'name'>>(`SELECT code, name FROM departments ORDER BY code`);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface StoredHead {
  id: number;
  version: number;
  contentHash: string;
}

export async function projectHeads(tx: Queryable, identifiers: readonly string[]): Promise<Map<string, StoredHead>> {
  if (identifiers.length === 0) return new Map();
  const { rows } = await tx.query<Pick<Row<'coop_projects'>, 'id' | 'identifier' | 'version' | 'content_hash'>>(
    `SELECT id, identifier, version, content_hash FROM coop_projects WHERE identifier = ANY($1::text[]) FOR UPDATE`,
    [[...identifiers]],
  );
  return new Map(rows.map((r) => [r.identifier, { id: r.id, version: r.version, contentHash: r.content_hash }]));
}

/** What Veta adds to an IATI activity (regions, strata, aspects, policy codes), of stored projects by identifier. */
export async function classifications(
  tx: Queryable,
  identifiers: readonly string[],
): Promise<Map<string, { regions: string[]; strata: Stratum[]; aspects: Aspect[]; policyCodes: string[] }>> {
  if (identifiers.length === 0) return new Map();
  const { rows } = await tx.query<
    Narrow<Pick<Row<'coop_projects'>, 'identifier' | 'policy_codes' | 'strata' | 'aspects'>, { strata: Stratum[]; aspects: Aspect[] }> & { regions: string[] }
  >(
    `SELECT p.identifier, p.strata, p.aspects, p.policy_codes,
            coalesce((SELECT array_agg(r.ubigeo ORDER BY r.ubigeo) FROM coop_project_regions r WHERE r.project_id = p.id), '{}') AS regions
       FROM coop_projects p WHERE p.identifier = ANY($1::text[])`,
    [[...identifiers]],
  );
  return new Map(rows.map((r) => [r.identifier, { regions: r.regions, strata: r.strata, aspects: r.aspects, policyCodes: r.policy_codes }]));
}

export async function projectHeadById(tx: Queryable, id: number): Promise<(StoredHead & { identifier: string; source: 'veta' | 'iati' }) | null> {
  const { rows } = await tx.query<Narrow<Pick<Row<'coop_projects'>, 'id' | 'identifier' | 'version' | 'content_hash' | 'source'>, { source: 'veta' | 'iati' }>>(
    `SELECT id, identifier, version, content_hash, source FROM coop_projects WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, identifier: r.identifier, version: r.version, contentHash: r.content_hash, source: r.source } : null;
}

export interface ProjectRow {
  id: number;
  identifier: string;
  source: 'veta' | 'iati';
  titleEs: string | null;
  titleEn: string | null;
  descriptionEs: string | null;
  descriptionEn: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  reportingOrgRef: string | null;
  reportingOrgName: string | null;
  partners: { role: PartnerRole; name: string; ref: string | null }[];
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  defaultCurrency: string | null;
  countries: string[];
  sectors: string[];
  sectorLevel: 'activity' | 'transaction' | null;
  regions: string[];
  strata: Stratum[];
  aspects: Aspect[];
  policyCodes: string[];
  flows: { kind: FlowKind; year: number; currency: string; amount: number; valueDate: string | null; country: string | null; sector: string | null }[];
  version: number;
  updatedAt: string;
  updatedBy: string;
}

const PROJECT_SELECT = `
SELECT p.id::int AS id, p.identifier, p.source, p.title_es AS "titleEs", p.title_en AS "titleEn", p.description_es AS "descriptionEs",
       p.description_en AS "descriptionEn", p.agency_code AS "agencyCode", a.acronym AS "agencyName", p.reporting_org_ref AS "reportingOrgRef",
       p.reporting_org_name AS "reportingOrgName", p.status, to_char(p.start_date, 'YYYY-MM-DD') AS "startDate",
       to_char(p.end_date, 'YYYY-MM-DD') AS "endDate", p.default_currency AS "defaultCurrency", p.countries, p.sectors,
       p.sector_level AS "sectorLevel", p.strata, p.aspects, p.policy_codes AS "policyCodes", p.version,
       to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt", p.updated_by AS "updatedBy",
       coalesce((SELECT array_agg(r.ubigeo ORDER BY r.ubigeo) FROM coop_project_regions r WHERE r.project_id = p.id), '{}') AS regions,
       coalesce((SELECT json_agg(json_build_object('role', x.role, 'name', x.name, 'ref', x.ref) ORDER BY x.position)
                   FROM coop_project_partners x WHERE x.project_id = p.id), '[]') AS partners,
       coalesce((SELECT json_agg(json_build_object('kind', f.kind, 'year', f.year, 'currency', f.currency, 'amount', f.amount,
                                                   'valueDate', to_char(f.value_date, 'YYYY-MM-DD'), 'country', f.country, 'sector', f.sector)
                          ORDER BY f.position)
                   FROM coop_project_flows f WHERE f.project_id = p.id), '[]') AS flows
  FROM coop_projects p LEFT JOIN coop_agencies a ON a.code = p.agency_code`;

interface RawProject extends Omit<ProjectRow, 'partners' | 'flows'> {
  partners: ProjectRow['partners'] | string;
  flows: ProjectRow['flows'] | string;
}
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const toRow = (r: RawProject): ProjectRow => ({
  ...r,
  version: Number(r.version),
  partners: json(r.partners),
  flows: json(r.flows).map((f) => ({ ...f, year: Number(f.year), amount: Number(f.amount) })),
});

export async function projectById(tx: Queryable, id: number): Promise<ProjectRow | null> {
  const { rows } = await tx.query<RawProject>(`${PROJECT_SELECT} WHERE p.id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

export interface ProjectFilter {
  region?: string | undefined;
  agency?: string | undefined;
  status?: string | undefined;
  aspect?: string | undefined;
  stratum?: string | undefined;
  q?: string | undefined;
}

export async function projectRows(tx: Queryable, f: ProjectFilter = {}): Promise<ProjectRow[]> {
  const { rows } = await tx.query<RawProject>(
    `${PROJECT_SELECT}
     WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM coop_project_regions r WHERE r.project_id = p.id AND r.department_code = $1))
       AND ($2::text IS NULL OR p.agency_code = $2) AND ($3::text IS NULL OR p.status = $3)
       AND ($4::text IS NULL OR $4 = ANY(p.aspects)) AND ($5::text IS NULL OR $5 = ANY(p.strata))
       AND ($6::text IS NULL OR p.identifier ILIKE '%' || $6 || '%' OR p.title_es ILIKE '%' || $6 || '%' OR p.title_en ILIKE '%' || $6 || '%')
     ORDER BY p.start_date DESC NULLS LAST, p.id`,
    [f.region ?? null, f.agency ?? null, f.status ?? null, f.aspect ?? null, f.stratum ?? null, f.q ?? null],
  );
  return rows.map(toRow);
}

export async function projectVersions(tx: Queryable, id: number) {
  const { rows } = await tx.query<{ version: number; source: string; recordedBy: string; recordedAt: string; snapshot: unknown }>(
    `SELECT version, source, recorded_by AS "recordedBy", to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt", snapshot
       FROM coop_project_versions WHERE project_id = $1 ORDER BY version`,
    [id],
  );
  return rows.map((r) => ({ ...r, version: Number(r.version), snapshot: typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as unknown) : r.snapshot }));
}

export async function odaReported(tx: Queryable) {
  const { rows } = await tx.query<{ donor: string; donorEs: string; donorEn: string; year: number; usdMillion: string; source: string }>(
    `SELECT donor, donor_es AS "donorEs", donor_en AS "donorEn", year, usd_million::text AS "usdMillion", source FROM coop_oda_reported ORDER BY year, donor = 'DAC', donor`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), usdMillion: Number(r.usdMillion) }));
}

/** The reported ODA table (owner's connection: demo and reference data), idempotent. */
export async function upsertOdaReported(
  tx: Queryable,
  rows: readonly { donor: string; donorEs: string; donorEn: string; year: number; usdMillion: number; source: string }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO coop_oda_reported (donor, donor_es, donor_en, year, usd_million, source)
     SELECT r->>'donor', r->>'donorEs', r->>'donorEn', (r->>'year')::smallint, (r->>'usdMillion')::numeric, r->>'source' FROM jsonb_array_elements($1::jsonb) r
     ON CONFLICT (donor, year) DO UPDATE SET usd_million = EXCLUDED.usd_million, donor_es = EXCLUDED.donor_es, donor_en = EXCLUDED.donor_en, source = EXCLUDED.source`,
    [JSON.stringify(rows)],
  );
}
