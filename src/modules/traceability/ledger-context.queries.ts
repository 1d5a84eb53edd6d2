/**
 * Loads the registry facts the ledger is checked against (actors, sites,
 * certificates, thresholds) for the RUCs and site codes a batch of events names —
 * never the whole registry. Reads through security-definer look-ups so that the
 * facts are complete whatever region the caller may see.
 */
import type { Queryable } from '../../platform/db.ts';
import type { StratumRule } from '../registry/strata.domain.ts';
import { stratumRules } from '../registry/registry.queries.ts';
import { LIST, list } from './ledger-state.queries.ts';
import type { Certificate } from './certification.domain.ts';
import { FLAG_THRESHOLDS, type FlagThresholds } from './flag-model.domain.ts';
import type { CertScheme } from './ledger.schema.ts';
import type { ActorInfo, Inscription, LedgerContext, ReinfoStatus, SiteInfo } from './ledger.state.ts';
import { actorFacts, producerStratum, type InscriptionStatus, type RecpoFacts, type RightFacts } from './registry-facts.domain.ts';

/** The facts, plus the department of each actor and site (the region of ledger rows). */
export interface LoadedContext {
  readonly context: LedgerContext;
  readonly actorRegion: ReadonlyMap<string, string | null>;
  readonly siteRegion: ReadonlyMap<string, string>;
}

export interface ContextOptions {
  /** Everything flags need (REINFO history, strata, RECPO, inscriptions and fronts); else existence and regions. */
  readonly full: boolean;
  /** Producers whose certificates decide what their production is certified under. */
  readonly certified?: readonly string[];
  /** Date the strata are derived for. */
  readonly asOf: string;
  /** The stratum rules, when the caller already read them. */
  readonly rules?: StratumRule[];
}

export async function loadContext(tx: Queryable, rucs: Iterable<string>, sites: Iterable<string>, options: ContextOptions): Promise<LoadedContext> {
  const rucList = [...new Set(rucs)];
  const siteList = [...new Set(sites)];
  const { rows: actorRows } = await tx.query<{ ruc: string; producer: boolean; region_code: string | null }>(
    `SELECT ruc, producer, region_code FROM veta_ledger_actors(${LIST(1)})`,
    [list(rucList)],
  );
  const actorRegion = new Map(actorRows.map((r) => [r.ruc, r.region_code]));
  const registrations = options.full ? await recpoOf(tx, rucList) : new Map<string, RecpoFacts[]>();
  const producers = actorRows.filter((r) => r.producer).map((r) => r.ruc);
  const statuses = options.full ? await statusesOf(tx, producers) : new Map<string, InscriptionStatus[]>();
  const strata = options.full ? await strataOf(tx, producers, options.asOf, options.rules) : new Map<string, ActorInfo['stratum']>();
  const actors = new Map<string, ActorInfo>(
    actorRows.map((r) => [
      r.ruc,
      actorFacts({
        ruc: r.ruc,
        producer: r.producer,
        statuses: statuses.get(r.ruc) ?? [],
        stratum: strata.get(r.ruc),
        registrations: registrations.get(r.ruc) ?? [],
      }),
    ]),
  );
  const { sites: siteMap, siteRegion } = await sitesOf(tx, siteList, options.full);
  const certificates = options.certified?.length ? await certificatesOf(tx, options.certified) : [];
  return { context: { actors, sites: siteMap, certificates }, actorRegion, siteRegion };
}

async function recpoOf(tx: Queryable, rucs: string[]): Promise<Map<string, RecpoFacts[]>> {
  const { rows } = await tx.query<{ ruc: string; number: string; kind: RecpoFacts['kind']; valid_from: string; valid_to: string | null; capacity_tpd: string | null }>(
    `SELECT r.ruc, r.number, r.kind, r.valid_from, r.valid_to, r.capacity_tpd
     FROM json_array_elements_text($1::json) k(ruc) JOIN recpo_registrations r ON r.ruc = k.ruc`,
    [list(rucs)],
  );
  const byRuc = new Map<string, RecpoFacts[]>();
  for (const r of rows) {
    const facts: RecpoFacts = { number: r.number, kind: r.kind, from: r.valid_from, to: r.valid_to, capacityTpd: r.capacity_tpd === null ? null : Number(r.capacity_tpd) };
    byRuc.set(r.ruc, [...(byRuc.get(r.ruc) ?? []), facts]);
  }
  return byRuc;
}

async function statusesOf(tx: Queryable, rucs: string[]): Promise<Map<string, InscriptionStatus[]>> {
  const { rows } = await tx.query<{ ruc: string; inscription_id: number; status: ReinfoStatus; since: string }>(
    `SELECT ruc, inscription_id, status, since FROM veta_ledger_reinfo(${LIST(1)})`,
    [list(rucs)],
  );
  const byRuc = new Map<string, InscriptionStatus[]>();
  for (const r of rows) byRuc.set(r.ruc, [...(byRuc.get(r.ruc) ?? []), { inscription: Number(r.inscription_id), status: r.status, since: r.since }]);
  return byRuc;
}

async function strataOf(tx: Queryable, rucs: string[], asOf: string, known?: StratumRule[]): Promise<Map<string, ActorInfo['stratum']>> {
  if (rucs.length === 0) return new Map();
  const rules: StratumRule[] = known ?? (await stratumRules(tx));
  const { rows } = await tx.query<{ ruc: string; substance: RightFacts['substance']; hectares: string | null; capacity: string | null }>(
    `SELECT ruc, substance, hectares, capacity FROM veta_ledger_actor_rights(${LIST(1)})`,
    [list(rucs)],
  );
  const byRuc = new Map<string, RightFacts[]>();
  for (const r of rows) {
    const right: RightFacts = { substance: r.substance, hectares: r.hectares === null ? null : Number(r.hectares), capacity: r.capacity === null ? null : Number(r.capacity) };
    byRuc.set(r.ruc, [...(byRuc.get(r.ruc) ?? []), right]);
  }
  return new Map([...byRuc].map(([ruc, rights]) => [ruc, producerStratum(rights, rules, asOf)]));
}

async function sitesOf(tx: Queryable, codes: string[], full: boolean): Promise<{ sites: Map<string, SiteInfo>; siteRegion: Map<string, string> }> {
  const { rows } = await tx.query<{
    code: string; holder_ruc: string | null; department_code: string; inscription_ruc: string | null;
    activity: 'explotacion' | 'beneficio' | null; front_department: string | null;
  }>(`SELECT code, holder_ruc, department_code, inscription_ruc, activity, front_department FROM veta_ledger_sites(${LIST(1)}, $2)`, [list(codes), full]);
  const sites = new Map<string, SiteInfo>();
  const inscriptions = new Map<string, Inscription[]>();
  for (const r of rows) {
    if (!sites.has(r.code)) sites.set(r.code, { code: r.code, holder: r.holder_ruc?.trim() || null, department: r.department_code, inscriptions: [] });
    if (r.inscription_ruc !== null) {
      const inscription: Inscription = { actor: r.inscription_ruc, activity: r.activity ?? 'explotacion', frontDepartment: r.front_department };
      inscriptions.set(r.code, [...(inscriptions.get(r.code) ?? []), inscription]);
    }
  }
  for (const [code, list] of inscriptions) {
    const site = sites.get(code);
    if (site) sites.set(code, { ...site, inscriptions: list });
  }
  return { sites, siteRegion: new Map([...sites.values()].map((s) => [s.code, s.department])) };
}

export async function certificatesOf(tx: Queryable, organizations: readonly string[] | null): Promise<Certificate[]> {
  const { rows } = await tx.query<{ organization_ruc: string; scheme: CertScheme; valid_from: string; valid_to: string | null; sites: string[] | null }>(
    `SELECT organization_ruc, scheme, valid_from, valid_to, sites FROM certificates
     WHERE $1::json IS NULL OR organization_ruc IN (SELECT json_array_elements_text($1::json)) ORDER BY id`,
    [organizations === null ? null : list(organizations)],
  );
  return rows.map((r) => ({
    organization: r.organization_ruc,
    scheme: r.scheme,
    from: r.valid_from,
    to: r.valid_to,
    ...(r.sites !== null ? { sites: r.sites } : {}),
  }));
}

interface ThresholdSettings {
  gradeRange: FlagThresholds['gradeRange'];
  fastResaleDays: number;
  negativeBalanceToleranceMg: number;
  recpoRequiredKinds: FlagThresholds['recpoRequiredKinds'];
}

/** Flag thresholds in force on `date`; capacities per stratum from the dated stratum rules (metallic, t/day). */
export async function loadThresholds(tx: Queryable, date: string, known?: StratumRule[]): Promise<FlagThresholds & { rules: StratumRule[] }> {
  const { rows } = await tx.query<{ settings: ThresholdSettings | string }>(
    'SELECT settings FROM ledger_flag_thresholds WHERE valid_from <= $1 ORDER BY valid_from DESC LIMIT 1',
    [date],
  );
  const raw = rows[0]?.settings;
  const settings: ThresholdSettings | null = typeof raw === 'string' ? (JSON.parse(raw) as ThresholdSettings) : (raw ?? null);
  const rules = known ?? (await stratumRules(tx));
  const inForce = rules.filter((r) => r.substance === 'metallic' && r.capacityUnit === 't/day' && r.validFrom <= date && (r.validTo === null || date <= r.validTo));
  const capacity = Object.fromEntries(inForce.map((r) => [r.stratum, r.maxCapacity]));
  if (!settings) return { ...FLAG_THRESHOLDS, capacityTpdByStratum: capacity, rules };
  return {
    rules,
    gradeRange: settings.gradeRange,
    fastResaleDays: settings.fastResaleDays,
    negativeBalanceToleranceMg: BigInt(settings.negativeBalanceToleranceMg),
    capacityTpdByStratum: capacity,
    recpoRequiredKinds: settings.recpoRequiredKinds,
  };
}
