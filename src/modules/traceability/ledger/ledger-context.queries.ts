/**
 * Loads the registry facts the ledger is checked against (actors, sites,
 * certificates, thresholds) for the RUCs and site codes a batch of events names —
 * never the whole registry. Reads through security-definer look-ups so that the
 * facts are complete whatever region the caller may see.
 */
import type { Queryable } from '../../../platform/db.ts';
import type { StratumRule } from '../../registry/strata.domain.ts';
import { stratumRules } from '../../registry/registry.queries.ts';
import { LIST, list } from './ledger-state.queries.ts';
import type { Certificate } from '../certification/certification.domain.ts';
import { FLAG_THRESHOLDS, type FlagThresholds } from '../flags/flag-model.domain.ts';
import type { CertScheme } from './ledger.schema.ts';
import type { ActorInfo, Inscription, LedgerContext, ReinfoStatus, SiteInfo } from './ledger.state.ts';
import {
  actorFacts,
  frontAreasOf,
  mercuryCandidates,
  producerStratum,
  type InscriptionStatus,
  type RecpoFacts,
  type RightFacts,
} from '../origin/registry-facts.domain.ts';
import type { FlagContext } from '../flags/flags.domain.ts';
import { frontAreasBySite } from '../../territory/areas.queries.ts';
import { mercuryUseYears } from '../../services/mercury-facts.queries.ts';

/** The facts, plus the department of each actor and site (the region of ledger rows). */
export interface LoadedContext {
  /** With `full`, also the facts of other modules the flags read (territory's front areas, services' mercury use). */
  readonly context: FlagContext;
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

interface ContextRow {
  actors: { ruc: string; producer: boolean; region_code: string | null }[];
  recpo: { ruc: string; number: string; kind: RecpoFacts['kind']; valid_from: string; valid_to: string | null; capacity_tpd: number | string | null }[] | null;
  reinfo: { ruc: string; inscription_id: number; status: ReinfoStatus; since: string }[] | null;
  rights: { ruc: string; substance: RightFacts['substance']; hectares: number | string | null; capacity: number | string | null }[] | null;
  sites: {
    code: string;
    holder_ruc: string | null;
    department_code: string;
    inscription_ruc: string | null;
    activity: 'explotacion' | 'beneficio' | null;
    front_department: string | null;
  }[];
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * One round trip: the actors and sites, and with `full` the RECPO registrations,
 * REINFO status histories and mining rights of the producers among the actors.
 */
export async function loadContext(tx: Queryable, rucs: Iterable<string>, sites: Iterable<string>, options: ContextOptions): Promise<LoadedContext> {
  const { rows } = await tx.query<{ c: ContextRow | string }>(
    `WITH a AS (SELECT ruc, producer, region_code FROM veta_ledger_actors(${LIST(1)})),
          p AS (SELECT ARRAY(SELECT ruc FROM a WHERE producer) AS rucs)
     SELECT json_build_object(
       'actors', (SELECT coalesce(json_agg(a), '[]'::json) FROM a),
       'recpo', CASE WHEN $3 THEN (SELECT coalesce(json_agg(x), '[]'::json) FROM (
           SELECT r.ruc, r.number, r.kind, r.valid_from, r.valid_to, r.capacity_tpd
           FROM recpo_registrations r WHERE r.ruc = ANY(${LIST(1)})) x) END,
       'reinfo', CASE WHEN $3 THEN (SELECT coalesce(json_agg(x), '[]'::json) FROM p, veta_ledger_reinfo(p.rucs) x) END,
       'rights', CASE WHEN $3 THEN (SELECT coalesce(json_agg(x), '[]'::json) FROM p, veta_ledger_actor_rights(p.rucs) x) END,
       'sites', (SELECT coalesce(json_agg(x), '[]'::json) FROM veta_ledger_sites(${LIST(2)}, $3) x)) AS c`,
    [list(rucs), list(sites), options.full],
  );
  return contextOf(tx, rows[0]!.c, options);
}

/**
 * The context of a document of the facts as {@link loadContext} reads them (migration 0031's veta_lineage_flag_facts
 * reads the same), and the facts it leads to: strata rules, certificates, other modules'.
 */
export async function contextOf(tx: Queryable, document: unknown, options: ContextOptions): Promise<LoadedContext> {
  const c = json(document as ContextRow | string);
  const actorRows = c.actors;
  const actorRegion = new Map(actorRows.map((r) => [r.ruc, r.region_code]));
  const registrations = new Map<string, RecpoFacts[]>();
  for (const r of c.recpo ?? []) {
    const facts: RecpoFacts = { number: r.number, kind: r.kind, from: r.valid_from, to: r.valid_to, capacityTpd: num(r.capacity_tpd) };
    registrations.set(r.ruc, [...(registrations.get(r.ruc) ?? []), facts]);
  }
  const statuses = new Map<string, InscriptionStatus[]>();
  for (const r of c.reinfo ?? [])
    statuses.set(r.ruc, [...(statuses.get(r.ruc) ?? []), { inscription: Number(r.inscription_id), status: r.status, since: r.since }]);
  const rightsOf = new Map<string, RightFacts[]>();
  for (const r of c.rights ?? []) {
    rightsOf.set(r.ruc, [...(rightsOf.get(r.ruc) ?? []), { substance: r.substance, hectares: num(r.hectares), capacity: num(r.capacity) }]);
  }
  const rules: StratumRule[] = rightsOf.size === 0 ? [] : (options.rules ?? (await stratumRules(tx)));
  const strata = new Map([...rightsOf].map(([ruc, rights]) => [ruc, producerStratum(rights, rules, options.asOf)]));
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
  const siteMap = new Map<string, SiteInfo>();
  const inscriptions = new Map<string, Inscription[]>();
  for (const r of c.sites) {
    if (!siteMap.has(r.code)) siteMap.set(r.code, { code: r.code, holder: r.holder_ruc?.trim() || null, department: r.department_code, inscriptions: [] });
    if (r.inscription_ruc !== null) {
      const inscription: Inscription = { actor: r.inscription_ruc, activity: r.activity ?? 'explotacion', frontDepartment: r.front_department };
      inscriptions.set(r.code, [...(inscriptions.get(r.code) ?? []), inscription]);
    }
  }
  for (const [code, list] of inscriptions) {
    const site = siteMap.get(code);
    if (site) siteMap.set(code, { ...site, inscriptions: list });
  }
  const siteRegion = new Map([...siteMap.values()].map((s) => [s.code, s.department]));
  const certificates = options.certified?.length ? await certificatesOf(tx, options.certified) : [];
  const context: LedgerContext = { actors, sites: siteMap, certificates };
  if (!options.full) return { context, actorRegion, siteRegion };
  // other modules' facts, through their exported look-ups (complete whatever region the caller sees)
  // one after the other: a transaction is one connection, which runs one statement at a time
  const areas = await frontAreasBySite(tx, siteMap.keys());
  const mercury = await mercuryUseYears(tx, mercuryCandidates(actors.keys(), siteMap.values()));
  return { context: { ...context, frontAreas: frontAreasOf(areas), mercury }, actorRegion, siteRegion };
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
  return thresholdsOf(rows[0]?.settings ?? null, known ?? (await stratumRules(tx)), date);
}

/** The thresholds of stored settings (a row of ledger_flag_thresholds; null: the defaults) and the stratum rules, on `date`. */
function thresholdsOf(raw: unknown, rules: StratumRule[], date: string): FlagThresholds & { rules: StratumRule[] } {
  const settings = typeof raw === 'string' ? (JSON.parse(raw) as ThresholdSettings) : ((raw ?? null) as ThresholdSettings | null);
  const inForce = rules.filter(
    (r) => r.substance === 'metallic' && r.capacityUnit === 't/day' && r.validFrom <= date && (r.validTo === null || date <= r.validTo),
  );
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

/** The thresholds of stored settings (read with a lot's lineage, migration 0031), with the stratum rules read now. */
export async function thresholdsWith(tx: Queryable, raw: unknown, date: string): Promise<FlagThresholds & { rules: StratumRule[] }> {
  return thresholdsOf(raw, await stratumRules(tx), date);
}
