import type { Queryable } from '../../../platform/db.ts';
import { accidentIndex } from '../../services/services.domain.ts';
import { percent, regionFigures, type BindingResult, type BoundRecord, type IndicatorBinding } from './binding.contract.ts';
import { populationCount, populationPlaces, populationShare, registerPopulationShares } from './population.ts';

/**
 * Indicators of the PNMPMMA-2030 measured from what the policy's services deliver
 * (src/modules/services) and from the traceability ledger.
 *
 * P(Y), the population of small-scale and artisanal miners, formal and informal, is the
 * one of indicator-bindings.mape.ts: the distinct declarants (RUC) of REINFO inscriptions
 * vigente on 31 December of Y by the dated status history (suspended and excluded
 * inscriptions do not count; formal miners outside REINFO are not in the population).
 * A participant counts for the declarant whose RUC they are (an organization by its RUC,
 * a person by 10 + DNI + check digit).
 *
 * "Con capacidades" = attended and passed the training's evaluation (hasCapacities in
 * services.domain.ts); "con acceso" = attended. "No acumulado" indicators count the
 * deliveries of year Y; "acumulado" ones every delivery up to 31 December of Y.
 */

const YEAR_START = `make_date(extract(year FROM (SELECT day FROM cutoff))::int, 1, 1)`;
const DAY = `(SELECT day FROM cutoff)`;

type Aggregation = 'year' | 'cumulative';
const inPeriod = (column: string, agg: Aggregation): string => (agg === 'year' ? `${column} BETWEEN ${YEAR_START} AND ${DAY}` : `${column} <= ${DAY}`);

/** A service code list as SQL literals (codes are constants of this file, checked here). */
const codes = (list: readonly string[]): string => {
  for (const c of list) if (!/^SS\.\d{2}\.\d{2}\.\d{2}$/.test(c)) throw new Error(`not a service code: ${c}`);
  return `ARRAY[${list.map((c) => `'${c}'`).join(', ')}]::text[]`;
};

/** The declarant took part in an event of the services in the period (and passed it, for capacities). */
const trained = (services: readonly string[], agg: Aggregation, rule: 'capacities' | 'access'): string => `pop.ruc IN (
  SELECT p.beneficiary_ruc FROM service_participants p JOIN service_events e ON e.id = p.event_id
  WHERE e.service_code = ANY(${codes(services)})
    AND p.attended ${rule === 'capacities' ? 'AND p.passed' : ''} AND ${inPeriod('e.event_date', agg)})`;

const delivered = (kind: 'credit' | 'fondo_minero', agg: Aggregation): string => `pop.ruc IN (
  SELECT d.beneficiary_ruc FROM service_deliveries d WHERE d.kind = '${kind}' AND d.delivered_on IS NOT NULL AND ${inPeriod('d.delivered_on', agg)})`;

const POPULATION_TEXT =
  'P(Y): declarants (RUC) of REINFO inscriptions vigente on 31 December of Y by the dated status history, counted once ' +
  '(a person by 10 + DNI + check digit). ';

/** An indicator that is a share of P(Y): the numerator's condition (SQL over `pop`) and its definition. */
interface PopulationRule {
  indicator: string;
  condition: string;
  description: string;
}

/**
 * The indicators that are shares of the miners' population P(Y), one row each: the
 * indicator, the services (or source) and filter of its numerator, its definition.
 */
const POPULATION_RULES: readonly PopulationRule[] = [
  {
    indicator: 'ISS.01.01.01.01',
    condition: trained(['SS.01.01.01'], 'year', 'capacities'),
    description: 'Numerator: those who attended and passed, in Y, a training of SS.01.01.01 (prevention and eradication of child and forced labour).',
  },
  {
    indicator: 'ISS.01.03.01.01',
    condition: trained(['SS.01.03.01'], 'year', 'capacities'),
    description: 'Numerator: those who attended and passed, in Y, a training of SS.01.03.01 (clean technologies for gold processing).',
  },
  {
    indicator: 'ISS.01.05.01.01',
    condition: trained(['SS.01.05.01'], 'year', 'access'),
    description:
      'Numerator: those who received, in Y, labour formalization advice of SS.01.05.01 (attended; passing not required: the indicator counts access).',
  },
  {
    indicator: 'ISS.01.06.01.01',
    condition: trained(['SS.01.06.01'], 'year', 'capacities'),
    description: 'Numerator: those who attended and passed, in Y, a training of SS.01.06.01 (mining exploitation and processing).',
  },
  {
    indicator: 'ISS.01.06.02.01',
    condition: trained(['SS.01.06.02'], 'cumulative', 'capacities'),
    description:
      'Numerator (cumulative): those who attended and passed, by 31 December of Y, a training of SS.01.06.02 (environmental impacts, deforestation).',
  },
  {
    indicator: 'ISS.02.01.01.01',
    condition: trained(['SS.02.01.01'], 'year', 'access'),
    description: 'Numerator: those who received, in Y, technical assistance of SS.02.01.01 in the formalization process (attended).',
  },
  {
    indicator: 'ISS.02.02.01.01',
    condition: delivered('credit', 'year'),
    description: 'Numerator: those granted, in Y, a credit of the formal banking system (service deliveries of kind credit, SS.02.02.01).',
  },
  {
    indicator: 'ISS.02.03.01.01',
    condition: trained(['SS.02.03.01'], 'year', 'capacities'),
    description: 'Numerator: those who attended and passed, in Y, a training of SS.02.03.01 (business management).',
  },
  {
    indicator: 'ISS.02.04.01.01',
    condition: trained(['SS.02.04.01'], 'year', 'capacities'),
    description: 'Numerator: those who attended and passed, in Y, a training of SS.02.04.01 (commercialization and traceability).',
  },
  {
    indicator: 'IOP.04.01',
    condition: trained(['SS.02.01.01', 'SS.01.06.01', 'SS.01.06.02'], 'year', 'capacities'),
    description:
      'Numerator: those who attended and passed, in Y, a training or technical assistance in formalization (SS.02.01.01), development of the mining ' +
      'activity (SS.01.06.01) or its sustainability (SS.01.06.02): competences in formalization, development and sustainability.',
  },
  {
    indicator: 'IOP.02.01',
    condition: `pop.ruc IN (SELECT c.organization_ruc FROM certificates c WHERE c.valid_from <= ${DAY} AND (c.valid_to IS NULL OR c.valid_to >= ${DAY}))`,
    description:
      'Numerator: those holding on 31 December of Y a certification for the gold trade (Fairmined, Fairmined Ecological, CRAFT) recorded in the traceability module.',
  },
  {
    indicator: 'IOP.04.02',
    condition: `pop.ruc IN (SELECT l.actor_ruc FROM ledger_events l WHERE l.type = 'produce' AND ${inPeriod('l.date', 'year')}
             AND NOT EXISTS (SELECT 1 FROM ledger_events r WHERE r.reverses = l.id))`,
    description:
      'Numerator: those who declared, in Y, production in the traceability ledger (a produce event not reversed): the information of their activity is traceable.',
  },
];

// measured with the MAPE shares in one pass over P(Y), once per transaction (population.ts)
registerPopulationShares(Object.fromEntries(POPULATION_RULES.map((r) => [r.indicator, () => r.condition])));

/** The one function behind every population share: the rule's column of the year's shares. */
const populationBinding = (rule: PopulationRule): IndicatorBinding => ({
  description: POPULATION_TEXT + rule.description,
  compute: async (tx, year) => ({ ...(await populationShare(tx, year, rule.indicator)).share, availability: 'complete', note: null }),
  count: async (tx, year) => ({ ...(await populationCount(tx, year, rule.indicator)).share, availability: 'complete', note: null }),
});

const POPULATION_BINDINGS: Readonly<Record<string, IndicatorBinding>> = Object.fromEntries(POPULATION_RULES.map((r) => [r.indicator, populationBinding(r)]));

interface Unit {
  id: number;
  label: string;
  department_code: string | null;
  counted: boolean;
}

/**
 * A share over a set of units other than the miners (districts, regions, tables,
 * officials, persons advised): `sql` lists the denominator's units with whether each is
 * counted in the numerator; $1 is 31 December of the year, `params` are $2 ….
 */
async function unitShare(
  tx: Queryable,
  year: number,
  sql: string,
  kind: BoundRecord['kind'],
  value = percent,
  params: readonly unknown[] = [],
): Promise<BindingResult> {
  const { rows } = await tx.query<Unit>(`WITH cutoff AS (SELECT $1::date AS day) ${sql}`, [`${year}-12-31`, ...params]);
  const units = rows.map((r) => ({ ...r, id: Number(r.id), departmentCode: r.department_code }));
  const counted = units.filter((u) => u.counted);
  return {
    value: value(counted.length, units.length),
    numerator: counted.length,
    denominator: units.length,
    records: counted.map((u) => ({ kind, id: u.id, label: u.label, departmentCode: u.departmentCode })),
    population: units.map((u) => ({ kind, id: u.id, label: u.label, departmentCode: u.departmentCode, counted: u.counted })),
    availability: 'complete',
    note: null,
    regions: regionFigures(units, value),
  };
}

/** "Número de …" indicators: the value is the count; the denominator is what was requested. */
const count = (numerator: number, _denominator: number): number => numerator;

/** The 26 regional governments (24 departments, Callao and Lima Metropolitana): the targets of ISS.04.02.01.01 step by 1/26. */
export const REGIONAL_GOVERNMENTS = 26;

export const SERVICE_BINDINGS: Readonly<Record<string, IndicatorBinding>> = {
  ...POPULATION_BINDINGS,
  'ISS.01.02.01.01': {
    description:
      'Districts with MAPE population: the districts of the REINFO inscriptions vigente on 31 December of Y (dated status history). ' +
      'Numerator (cumulative): those recorded with access to health services (district_health_access) since a date on or before 31 December of Y.',
    compute: async (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT d.code::int AS id, d.name AS label, left(d.code, 2) AS department_code,
                EXISTS (SELECT 1 FROM district_health_access a WHERE a.district_code = d.code AND a.since <= (SELECT day FROM cutoff)) AS counted
         FROM districts d WHERE d.code::text = ANY($2::text[]) ORDER BY d.code`,
        'district',
        percent,
        [(await populationPlaces(tx, year)).districts],
      ),
  },
  'ISS.01.04.01.01': {
    description:
      'Persons (and organizations) involved in the MAPE value chain who received, in Y, business start-up or improvement advice of SS.01.04.01 (attended), counted once. ' +
      'Numerator: those of them who passed its evaluation (with capacities). Minimum permissible: 50 %.',
    compute: (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT min(p.id) AS id, min(p.name) || ' · ' || min(e.code) AS label, min(p.department_code) AS department_code, bool_or(p.passed) AS counted
         FROM service_participants p JOIN service_events e ON e.id = p.event_id
         WHERE e.service_code = 'SS.01.04.01' AND p.attended AND ${inPeriod('e.event_date', 'year')}
         GROUP BY p.beneficiary_ruc ORDER BY 3, 2`,
        'participant',
      ),
  },
  'ISS.02.05.01.01': {
    unit: 'number',
    description:
      'Number (cumulative) of beneficiaries (distinct RUC; a person by 10 + DNI + check digit) who received, by 31 December of Y, goods or services ' +
      'through the Fondo Minero (deliveries of kind fondo_minero with a delivery date). Denominator: those who requested it.',
    compute: (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT min(d.id) AS id, min(d.name) || ' · ' || min(d.reference) AS label, min(d.department_code) AS department_code,
                bool_or(d.delivered_on IS NOT NULL AND d.delivered_on <= (SELECT day FROM cutoff)) AS counted
         FROM service_deliveries d WHERE d.kind = 'fondo_minero' AND d.requested_on <= (SELECT day FROM cutoff)
         GROUP BY d.beneficiary_ruc ORDER BY 3, 2`,
        'delivery',
        count,
      ),
  },
  'ISS.02.05.02.01': {
    unit: 'number',
    description:
      'Number (cumulative) of beneficiaries (distinct RUC) with at least one laboratory analysis delivered by 31 December of Y within its service standard ' +
      '(oportuno: results no later than standard_days after the request; isTimely in services.domain.ts). Denominator: those who requested an analysis.',
    compute: (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT min(d.id) AS id, min(d.name) || ' · ' || min(d.reference) AS label, min(d.department_code) AS department_code,
                bool_or(d.delivered_on IS NOT NULL AND d.delivered_on <= (SELECT day FROM cutoff) AND d.delivered_on - d.requested_on <= d.standard_days) AS counted
         FROM service_deliveries d WHERE d.kind = 'lab_analysis' AND d.requested_on <= (SELECT day FROM cutoff)
         GROUP BY d.beneficiary_ruc ORDER BY 3, 2`,
        'delivery',
        count,
      ),
  },
  'ISS.03.01.01.01': {
    description:
      'Regional governments of the departments with MAPE population (REINFO inscriptions vigente on 31 December of Y). Numerator (cumulative): those ' +
      'with the capacity to apply the ecological-economic zoning (ZEE) or the land-use plan (POT) attained on or before 31 December of Y (regional_capacities).',
    compute: async (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT d.code::int AS id, d.name AS label, d.code AS department_code,
                EXISTS (SELECT 1 FROM regional_capacities c WHERE c.department_code = d.code AND c.attained_on <= (SELECT day FROM cutoff)) AS counted
         FROM departments d WHERE d.code::text = ANY($2::text[]) ORDER BY d.code`,
        'region',
        percent,
        [(await populationPlaces(tx, year)).departments],
      ),
  },
  'ISS.03.02.01.01': {
    description:
      'Dialogue tables (mesas de diálogo) between informal miners and concession or surface-land holders requested on or before 31 December of Y. ' +
      'Numerator: those implemented — at least one session held by 31 December of Y. Minimum permissible: 50 %.',
    compute: (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT t.id, t.code AS label, t.department_code,
                EXISTS (SELECT 1 FROM dialogue_sessions s WHERE s.table_id = t.id AND s.held_on <= (SELECT day FROM cutoff)) AS counted
         FROM dialogue_tables t WHERE t.requested_on <= (SELECT day FROM cutoff) ORDER BY t.department_code, t.code`,
        'dialogue',
      ),
  },
  'ISS.04.02.01.01': {
    description:
      `The ${REGIONAL_GOVERNMENTS} regional governments (24 departments, Callao and Lima Metropolitana). Numerator: those whose random review of ` +
      'approved IGAFOMs of Y was drawn (igafom_reviews of the year, with its seed). The denominator is fixed: the regional governments that have none are not listed.',
    compute: async (tx, year) => {
      const r = await unitShare(
        tx,
        year,
        `SELECT r.id, d.name || ' · ' || r.year || ' · semilla ' || r.seed AS label, r.department_code, true AS counted
         FROM igafom_reviews r JOIN departments d ON d.code = r.department_code WHERE r.year = extract(year FROM (SELECT day FROM cutoff))::int
         ORDER BY r.department_code`,
        'region',
      );
      // the denominator is the fixed number of regional governments, not a set of records
      const { population: _reviews, ...rest } = r;
      return { ...rest, denominator: REGIONAL_GOVERNMENTS, value: percent(r.numerator, REGIONAL_GOVERNMENTS) };
    },
  },
  'ISS.04.03.01.01': {
    description:
      'Officials and public servants of the DREM/GREM enrolled in the certification of competences of Y (official_certifications of the year). ' +
      'Numerator: those certified (in the formalization, oversight and promotion of MAPE).',
    compute: (tx, year) =>
      unitShare(
        tx,
        year,
        `SELECT o.id, coalesce(o.position, 'servidor') || ' · ' || o.department_code AS label, o.department_code, o.certified AS counted
         FROM official_certifications o WHERE o.year = extract(year FROM (SELECT day FROM cutoff))::int ORDER BY o.department_code, o.id`,
        'official',
      ),
  },
  'IOP.01.02': {
    unit: 'index',
    description:
      'Accident index of MAPE operations in Y: IA = IF × IS / 1000, IF = accidents × 10^6 / hours worked, IS = days lost × 10^6 / hours worked ' +
      '(D.S. 024-2016-EM; accidentIndex in services.domain.ts). Hours worked: the workforce recorded per operation and year (mining_workforce); ' +
      'accidents (incapacitating and fatal) of those operations in Y. Numerator: accidents; denominator: hours worked. Fatal accidents count their days lost as recorded.',
    compute: async (tx, year) => {
      const { rows } = await tx.query<{ department_code: string; workers: number; accidents: number; days: string; hours: string }>(
        `SELECT w.department_code, w.workers, w.hours_worked AS hours,
                (SELECT count(*) FROM mining_accidents a WHERE a.ruc = w.ruc AND extract(year FROM a.occurred_on) = $1)::int AS accidents,
                (SELECT coalesce(sum(a.days_lost), 0) FROM mining_accidents a WHERE a.ruc = w.ruc AND extract(year FROM a.occurred_on) = $1) AS days
         FROM mining_workforce w WHERE w.year = $1 ORDER BY w.department_code, w.ruc`,
        [year],
      );
      const total = { accidents: 0, daysLost: 0, hoursWorked: 0 };
      const byRegion = new Map<string, typeof total>();
      for (const r of rows) {
        const t = byRegion.get(r.department_code) ?? { accidents: 0, daysLost: 0, hoursWorked: 0 };
        for (const x of [t, total]) {
          x.accidents += Number(r.accidents);
          x.daysLost += Number(r.days);
          x.hoursWorked += Number(r.hours);
        }
        byRegion.set(r.department_code, t);
      }
      const { rows: acc } = await tx.query<{ id: string; label: string; department_code: string }>(
        `SELECT a.id, a.severity || ' · ' || a.occurred_on::text || ' · ' || a.days_lost || ' días' AS label, a.department_code
         FROM mining_accidents a JOIN mining_workforce w ON w.ruc = a.ruc AND w.year = $1
         WHERE extract(year FROM a.occurred_on) = $1 ORDER BY a.department_code, a.occurred_on, a.id`,
        [year],
      );
      return {
        value: accidentIndex(total)?.index ?? null,
        numerator: total.accidents,
        denominator: total.hoursWorked,
        records: acc.map((a) => ({ kind: 'accident' as const, id: Number(a.id), label: a.label, departmentCode: a.department_code })),
        // the denominator is the hours worked: the workforce recorded per operation
        population: rows.map((w, i) => ({
          kind: 'workforce' as const,
          id: i + 1,
          label: `${w.workers} trabajadores · ${w.hours} h · ${w.accidents} accidentes`,
          departmentCode: w.department_code,
          counted: Number(w.accidents) > 0,
        })),
        availability: rows.length === 0 ? 'unavailable' : 'complete',
        note: rows.length === 0 ? 'no hours worked recorded for the year' : null,
        regions: [...byRegion.entries()].map(([code, t]) => ({
          code,
          value: accidentIndex(t)?.index ?? null,
          numerator: t.accidents,
          denominator: t.hoursWorked,
        })),
      };
    },
  },
};

/** Indicators of the policy not measured from the records, and why. */
export const UNBOUND_REASONS: Readonly<Record<string, string>> = {
  'IOP.02.02':
    'Needs the MAPE gold production as a whole (formal and informal, declared or not); the ledger holds only the production declared to Veta, so the share would be of the traced gold, not of the production.',
  'ISS.02.04.02.01': 'Counts sales through the "RECPD en línea" app, whose records are not in Veta.',
  'ISS.04.04.01.01': 'Counts access to the Ventanilla Única system, whose access log is not in Veta.',
};
