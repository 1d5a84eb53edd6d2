/**
 * Set-based writes of projects: a whole IATI file's new and changed activities in a
 * handful of statements (rows travel as one JSON array each), whatever their number.
 */
import type { Queryable } from '../../platform/db.ts';
import type { Row } from '../../platform/db/schema.generated.ts';
import type { ProjectInput } from './cooperation.schema.ts';

export interface ProjectWrite {
  input: ProjectInput;
  source: 'veta' | 'iati';
  reportingOrgRef: string | null;
  reportingOrgName: string | null;
  sectorLevel: 'activity' | 'transaction' | null;
  contentHash: string;
  user: string;
}

const record = (w: ProjectWrite, extra: Record<string, unknown> = {}) => ({
  identifier: w.input.identifier,
  source: w.source,
  agency_code: w.input.agencyCode,
  reporting_org_ref: w.reportingOrgRef,
  reporting_org_name: w.reportingOrgName,
  title_es: w.input.titleEs,
  title_en: w.input.titleEn,
  description_es: w.input.descriptionEs,
  description_en: w.input.descriptionEn,
  status: w.input.status,
  start_date: w.input.startDate,
  end_date: w.input.endDate,
  default_currency: w.input.defaultCurrency,
  countries: w.input.countries,
  sectors: w.input.sectors,
  sector_level: w.sectorLevel,
  strata: w.input.strata,
  aspects: w.input.aspects,
  policy_codes: w.input.policyCodes,
  content_hash: w.contentHash,
  updated_by: w.user,
  ...extra,
});

const RECORD_COLUMNS = `identifier text, source text, agency_code text, reporting_org_ref text, reporting_org_name text, title_es text, title_en text,
  description_es text, description_en text, status text, start_date date, end_date date, default_currency text, countries text[], sectors text[],
  sector_level text, strata text[], aspects text[], policy_codes text[], content_hash text, updated_by text`;

/** Inserts the projects at version 1; their ids by identifier. */
export async function insertProjects(tx: Queryable, writes: readonly ProjectWrite[]): Promise<Map<string, number>> {
  if (writes.length === 0) return new Map();
  const { rows } = await tx.query<Pick<Row<'coop_projects'>, 'id' | 'identifier'>>(
    `INSERT INTO coop_projects (identifier, source, agency_code, reporting_org_ref, reporting_org_name, title_es, title_en, description_es,
       description_en, status, start_date, end_date, default_currency, countries, sectors, sector_level, strata, aspects, policy_codes,
       content_hash, updated_by, version)
     SELECT identifier, source, agency_code, reporting_org_ref, reporting_org_name, title_es, title_en, description_es, description_en, status,
            start_date, end_date, default_currency, countries, sectors, sector_level, strata, aspects, policy_codes, content_hash, updated_by, 1
       FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_COLUMNS})
     RETURNING id, identifier`,
    [JSON.stringify(writes.map((w) => record(w)))],
  );
  return new Map(rows.map((r) => [r.identifier, r.id]));
}

/** Replaces the content of stored projects (by id) with their new version; their children are removed (re-inserted by `insertChildren`). */
export async function updateProjects(tx: Queryable, writes: readonly { id: number; version: number; write: ProjectWrite }[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `UPDATE coop_projects p SET identifier = x.identifier, source = x.source, agency_code = x.agency_code, reporting_org_ref = x.reporting_org_ref,
       reporting_org_name = x.reporting_org_name, title_es = x.title_es, title_en = x.title_en, description_es = x.description_es,
       description_en = x.description_en, status = x.status, start_date = x.start_date, end_date = x.end_date, default_currency = x.default_currency,
       countries = x.countries, sectors = x.sectors, sector_level = x.sector_level, strata = x.strata, aspects = x.aspects,
       policy_codes = x.policy_codes, content_hash = x.content_hash, updated_by = x.updated_by, version = x.version, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, version int, ${RECORD_COLUMNS})
     WHERE p.id = x.id`,
    [JSON.stringify(writes.map((u) => record(u.write, { id: u.id, version: u.version })))],
  );
  const ids = writes.map((u) => u.id);
  await tx.query(`DELETE FROM coop_project_regions WHERE project_id = ANY($1::bigint[])`, [ids]);
  await tx.query(`DELETE FROM coop_project_partners WHERE project_id = ANY($1::bigint[])`, [ids]);
  await tx.query(`DELETE FROM coop_project_flows WHERE project_id = ANY($1::bigint[])`, [ids]);
}

/** The regions, partners and flows of the projects, one statement each. */
export async function insertChildren(tx: Queryable, items: readonly { id: number; input: ProjectInput }[]): Promise<void> {
  const regions = items.flatMap((p) => [...new Set(p.input.regions)].map((ubigeo) => ({ project_id: p.id, ubigeo })));
  const partners = items.flatMap((p) => p.input.partners.map((x, position) => ({ project_id: p.id, position, ...x })));
  const flows = items.flatMap((p) =>
    p.input.flows.map((f, position) => ({
      project_id: p.id,
      position,
      kind: f.kind,
      year: f.year,
      value_date: f.valueDate,
      currency: f.currency,
      amount: f.amount,
      country: f.country,
      sector: f.sector,
    })),
  );
  if (regions.length > 0) {
    await tx.query(
      `INSERT INTO coop_project_regions (project_id, ubigeo, department_code)
       SELECT project_id, ubigeo, left(ubigeo, 2) FROM jsonb_to_recordset($1::jsonb) AS x(project_id bigint, ubigeo text)`,
      [JSON.stringify(regions)],
    );
  }
  if (partners.length > 0) {
    await tx.query(
      `INSERT INTO coop_project_partners (project_id, position, role, name, ref)
       SELECT project_id, position, role, name, ref FROM jsonb_to_recordset($1::jsonb) AS x(project_id bigint, position smallint, role text, name text, ref text)`,
      [JSON.stringify(partners)],
    );
  }
  if (flows.length > 0) {
    await tx.query(
      `INSERT INTO coop_project_flows (project_id, position, kind, year, value_date, currency, amount, country, sector)
       SELECT project_id, position, kind, year, value_date, currency, amount, country, sector
         FROM jsonb_to_recordset($1::jsonb) AS x(project_id bigint, position int, kind text, year smallint, value_date date, currency text,
                                                 amount numeric, country text, sector text)`,
      [JSON.stringify(flows)],
    );
  }
}

export async function insertVersions(
  tx: Queryable,
  versions: readonly { id: number; version: number; snapshot: unknown }[],
  source: 'api' | 'iati_import' | 'demo',
  user: string,
): Promise<void> {
  if (versions.length === 0) return;
  await tx.query(
    `INSERT INTO coop_project_versions (project_id, version, source, snapshot, recorded_by)
     SELECT project_id, version, $2, snapshot, $3 FROM jsonb_to_recordset($1::jsonb) AS x(project_id bigint, version int, snapshot jsonb)`,
    [JSON.stringify(versions.map((v) => ({ project_id: v.id, version: v.version, snapshot: v.snapshot }))), source, user],
  );
}
