/**
 * Strata of Law 27651 (art. 91 of the TUO of the General Mining Law): Pequeño
 * Productor Minero (PPM) and Productor Minero Artesanal (PMA). The thresholds are
 * dated rules loaded from the `stratum_rules` table, not constants here.
 */
// @ts-nocheck

export type Substance = 'metallic' | 'non_metallic' | 'placer';
export type Stratum = 'PMA' | 'PPM' | 'NOT_SMALL_SCALE' | 'UNDETERMINED';

export interface StratumRule {
  stratum: 'PMA' | 'PPM';
  substance: Substance;
  maxHectares: number;
  maxCapacity: number;
  capacityUnit: 't/day' | 'm3/day';
  validFrom: string;
  validTo: string | null;
  legalSource: string;
}

export interface StratumInput {
  hectares: number | null;
  /** Authorised or declared capacity, in the unit of the substance's rule. */
  capacity: number | null;
  substance: Substance;
  /** The date the classification is made for (rules are dated). */
  date: string;
}

export interface StratumResult {
  stratum: Stratum;
  /** Why, one sentence per criterion, in Spanish as officials read it. */
  explanation: string[];
  legalSource: string | null;
}

const fmt = (n: number): string => n.toLocaleString('es-PE', { maximumFractionDigits: 2 });

function rulesInForce(rules: StratumRule[], substance: Substance, date: string): StratumRule[] {
  return rules.filter((r) => r.substance === substance && r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

/**
 * The smallest stratum whose limits the holding meets, both criteria at once (area
 * and capacity). With an unknown area or capacity the stratum is UNDETERMINED unless
 * the known figure already exceeds every small-scale limit.
 */
export function deriveStratum(rules: StratumRule[], input: StratumInput): StratumResult {
  const applicable = rulesInForce(rules, input.substance, input.date).sort((a, b) => a.maxHectares - b.maxHectares);
  if (applicable.length === 0) {
    return { stratum: 'UNDETERMINED', explanation: [`No hay reglas de estrato vigentes al ${input.date}.`], legalSource: null };
  }
  const explanation: string[] = [];
  for (const rule of applicable) {
    const areaOk = input.hectares !== null && input.hectares <= rule.maxHectares;
    const capOk = input.capacity !== null && input.capacity <= rule.maxCapacity;
    if (areaOk && capOk) {
      explanation.push(
        `${fmt(input.hectares!)} ha ≤ ${fmt(rule.maxHectares)} ha y ${fmt(input.capacity!)} ${rule.capacityUnit} ≤ ${fmt(rule.maxCapacity)} ${rule.capacityUnit}: ${rule.stratum}.`,
      );
      return { stratum: rule.stratum, explanation, legalSource: rule.legalSource };
    }
    if (input.hectares !== null && input.hectares > rule.maxHectares) {
      explanation.push(`${fmt(input.hectares)} ha > ${fmt(rule.maxHectares)} ha: no es ${rule.stratum}.`);
    } else if (input.capacity !== null && input.capacity > rule.maxCapacity) {
      explanation.push(`${fmt(input.capacity)} ${rule.capacityUnit} > ${fmt(rule.maxCapacity)} ${rule.capacityUnit}: no es ${rule.stratum}.`);
    } else {
      const missing = input.hectares === null ? 'el área (ha)' : 'la capacidad productiva';
      explanation.push(`Falta ${missing} para decidir si es ${rule.stratum}.`);
      return { stratum: 'UNDETERMINED', explanation, legalSource: rule.legalSource };
    }
  }
  return { stratum: 'NOT_SMALL_SCALE', explanation, legalSource: applicable[0]!.legalSource };
}

/** One right a producer holds or works, "por cualquier título" (titled, petition, cession, exploitation contract). */
export interface HeldRight {
  code: string;
  hectares: number | null;
  capacity: number | null;
  substance: Substance;
  /** How the producer holds it: own title or petition, or the right of another it works under contract. */
  title: 'holder' | 'contract';
}

export interface ProducerStratumResult extends StratumResult {
  hectares: number | null;
  capacity: number | null;
  rights: number;
}

const ORDER: Record<Stratum, number> = { PMA: 0, PPM: 1, NOT_SMALL_SCALE: 2, UNDETERMINED: 3 };

/**
 * The stratum of a producer (person or organization), from ALL the rights it holds or
 * works: Law 27651, art. 91 of the TUO of the General Mining Law — a PPM holds "por
 * cualquier título" up to 2,000 ha, a PMA up to 1,000 ha, counted over every petition,
 * concession and contract together, with the producer's installed capacity (the sum of
 * its rights' capacities unless `capacity` is given). Substances are judged on their own
 * rules and the producer takes the largest stratum any of them gives (a producer is PMA
 * only if it is PMA for everything it mines); an unknown area or capacity on any right
 * makes the total unknown. The explanation lists the rights added up.
 */
export function deriveProducerStratum(rules: StratumRule[], held: readonly HeldRight[], date: string, capacity?: number | null): ProducerStratumResult {
  if (held.length === 0)
    return { stratum: 'UNDETERMINED', explanation: ['No tiene derechos mineros registrados.'], legalSource: null, hectares: null, capacity: null, rights: 0 };
  const sum = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0));
  const hectares = sum(held.map((r) => r.hectares));
  const listed = held
    .map((r) => `${r.code}${r.title === 'contract' ? ' (contrato)' : ''}: ${r.hectares === null ? '? ha' : `${fmt(r.hectares)} ha`}`)
    .join('; ');
  const head = `${held.length} derecho(s) por cualquier título — ${listed}; total ${hectares === null ? 'desconocido' : `${fmt(hectares)} ha`}.`;
  const substances = [...new Set(held.map((r) => r.substance))];
  let worst: StratumResult | null = null;
  for (const substance of substances) {
    const ofSubstance = held.filter((r) => r.substance === substance);
    const cap = capacity !== undefined ? capacity : sum(ofSubstance.map((r) => r.capacity));
    const result = deriveStratum(rules, { hectares, capacity: cap, substance, date });
    if (worst === null || ORDER[result.stratum] > ORDER[worst.stratum]) worst = result;
  }
  return {
    ...worst!,
    explanation: [head, ...worst!.explanation],
    hectares,
    capacity: capacity !== undefined ? capacity : sum(held.map((r) => r.capacity)),
    rights: held.length,
  };
}
