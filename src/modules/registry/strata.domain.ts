/**
 * Strata of Law 27651 (art. 91 of the TUO of the General Mining Law): Pequeño
 * Productor Minero (PPM) and Productor Minero Artesanal (PMA). The thresholds are
 * dated rules loaded from the `stratum_rules` table, not constants here.
 */
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
      explanation.push(
        `${fmt(input.capacity)} ${rule.capacityUnit} > ${fmt(rule.maxCapacity)} ${rule.capacityUnit}: no es ${rule.stratum}.`,
      );
    } else {
      const missing = input.hectares === null ? 'el área (ha)' : 'la capacidad productiva';
      explanation.push(`Falta ${missing} para decidir si es ${rule.stratum}.`);
      return { stratum: 'UNDETERMINED', explanation, legalSource: rule.legalSource };
    }
  }
  return { stratum: 'NOT_SMALL_SCALE', explanation, legalSource: applicable[0]!.legalSource };
}
