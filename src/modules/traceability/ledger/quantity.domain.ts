/**
 * Exact quantities of the ledger. Fine gold is kept as integer milligrams
 * (`bigint`), never as floats. A quantity read from JSON is taken at the shortest
 * decimal that round-trips its IEEE double (`String(n)` in JavaScript, `float8::text`
 * in PostgreSQL ≥ 12), which equals the written literal for literals of up to 15
 * significant digits; more precise literals are rejected by the schema.
 *
 * Rounding rule (the SQL side must do the same): every conversion multiplies
 * exact decimals and rounds ONCE, at the end, to an integer number of milligrams,
 * half away from zero ("half-up" for the non-negative quantities of the ledger),
 * which is PostgreSQL's `round(numeric)` — not `round(float8)`, which rounds half
 * to even.
 * - ore: `round(tonnes × gradeGpt × 1000)` mg
 * - other materials: `round(grams × fineness × 1000)` mg
 * - fineGrams, untrackedFineGrams: `round(grams × 1000)` mg
 * - process output: `round((Σ inputs mg + untracked mg) × recovery)` mg;
 *   loss = inputs + untracked − output, exactly
 * - ore tonnage: `round(tonnes × 1000)` kg
 * Shares of a split or merge are apportioned by {@link apportion}.
 */

/** Integer milligrams of fine gold. */
export type Mg = bigint;

/** The most significant digits a ledger quantity may have. */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** An exact decimal `units × 10^−scale`. */
interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The exact decimal of a finite number, read at its shortest round-trip representation. */
export function decimalOf(value: number): Decimal {
  const match = NUMBER_TEXT.exec(String(value));
  if (!match || !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  const units = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** Significant digits of a number's shortest round-trip decimal (0 for zero). */
export function significantDigits(value: number): number {
  const digits = String(Math.abs(value)).split('e')[0]?.replace('.', '') ?? '';
  return digits.replace(/^0+/, '').replace(/0+$/, '').length;
}

/** `numerator / denominator` rounded half away from zero (`denominator > 0`). */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) return -roundHalfUp(-numerator, denominator);
  return (2n * numerator + denominator) / (2n * denominator);
}

/** `Π factors × multiplier`, computed exactly and rounded half-up once. */
export function roundedProduct(factors: readonly number[], multiplier: bigint): bigint {
  let units = multiplier;
  let scale = 0;
  for (const factor of factors) {
    const decimal = decimalOf(factor);
    units *= decimal.units;
    scale += decimal.scale;
  }
  return roundHalfUp(units, 10n ** BigInt(scale));
}

/** Fine gold of ore: `tonnes × gradeGpt` grams, in mg, half-up. */
export function oreFineMg(tonnes: number, gradeGpt: number): Mg {
  return roundedProduct([tonnes, gradeGpt], 1000n);
}

/** Fine gold of a weighed material: `grams × fineness`, in mg, half-up. */
export function grossFineMg(grams: number, fineness: number): Mg {
  return roundedProduct([grams, fineness], 1000n);
}

/** Grams to mg, half-up. */
export function gramsToMg(grams: number): Mg {
  return roundedProduct([grams], 1000n);
}

/** Tonnes to kg, half-up. */
export function tonnesToKg(tonnes: number): bigint {
  return roundedProduct([tonnes], 1000n);
}

/** What a process recovers: `round(totalMg × recovery)`, half-up. */
export function recoveredMg(totalMg: Mg, recovery: number): Mg {
  const decimal = decimalOf(recovery);
  return roundHalfUp(totalMg * decimal.units, 10n ** BigInt(decimal.scale));
}

/** Milligrams as a JSON number of grams (exact in decimal for |mg| < 2^53). */
export function mgToGrams(mg: Mg): number {
  return Number(mg) / 1000;
}

/** `part / whole` as a number, 0 when whole is 0. */
export function ratio(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number(part) / Number(whole);
}

/** Sum of bigints. */
export function sumMg(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/**
 * Splits `total` among keys in proportion to non-negative integer `weights`, in
 * integers that sum exactly to `total` (largest-remainder method): each key gets
 * `floor(total × w / W)`, and the units still missing go one each to the keys
 * with the largest remainders `total × w mod W`, ties to the smaller key in
 * code-unit order (byte order for ASCII codes: `COLLATE "C"` in PostgreSQL). Keys with weight 0 get 0.
 */
export function apportion(total: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const whole = sumMg(weights.values());
  const result = new Map<string, bigint>();
  if (whole === 0n) {
    if (total !== 0n) throw new RangeError('cannot apportion a non-zero total over zero weights');
    for (const key of weights.keys()) result.set(key, 0n);
    return result;
  }
  const remainders: Array<{ key: string; remainder: bigint }> = [];
  let given = 0n;
  for (const [key, weight] of weights) {
    const share = (total * weight) / whole;
    result.set(key, share);
    given += share;
    remainders.push({ key, remainder: (total * weight) % whole });
  }
  remainders.sort((a, b) => (a.remainder === b.remainder ? compareKeys(a.key, b.key) : a.remainder > b.remainder ? -1 : 1));
  for (const { key } of remainders.slice(0, Number(total - given))) {
    result.set(key, (result.get(key) ?? 0n) + 1n);
  }
  return result;
}

/** Code-unit order of strings (for ASCII, PostgreSQL's `COLLATE "C"`). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
