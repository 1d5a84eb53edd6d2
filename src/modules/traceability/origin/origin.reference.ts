/**
 * Brute-force reference of lot quantities and origins, for property tests of
 * this domain and of the SQL implementation. It shares no code with the ledger
 * reducer beyond reading input decimals: lot milligrams are re-simulated, and
 * origin shares are exact fractions obtained by enumerating every path of the
 * lot DAG (split edges weigh 1, merge edges weigh input mg / merged mg; untracked
 * gold enters as unknown). A reversed event is treated as never having happened.
 */
import { decimalOf } from '../ledger/quantity.domain.ts';
import type { LedgerEvent } from '../ledger/ledger.schema.ts';

/** An exact non-negative fraction. */
interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

export function fraction(n: bigint, d: bigint): Fraction {
  const g = gcd(n < 0n ? -n : n, d) || 1n;
  return { n: n / g, d: d / g };
}

function plus(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.d + b.n * a.d, a.d * b.d);
}

function times(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.n, a.d * b.d);
}

type Node =
  | { kind: 'produce'; site: string }
  | { kind: 'split'; parent: string }
  | { kind: 'merge'; inputs: Array<{ lot: string; mg: bigint }>; untrackedMg: bigint; mergedMg: bigint };

interface ReferenceLot {
  mg: bigint;
  holder: string;
  status: 'open' | 'depleted' | 'consumed' | 'exported';
  /** Upper bound, in mg, of the rounding error of any key of the reducer's integer origin vector. */
  errorBoundMg: bigint;
  readonly node: Node;
}

interface ReferenceLedger {
  readonly lots: Map<string, ReferenceLot>;
  producedMg: bigint;
  untrackedInMg: bigint;
  exportedMg: bigint;
  lossMg: bigint;
}

function decimalMg(values: readonly number[]): bigint {
  let n = 1000n;
  let d = 1n;
  for (const value of values) {
    const decimal = decimalOf(value);
    n *= decimal.units;
    d *= 10n ** BigInt(decimal.scale);
  }
  return (2n * n + d) / (2n * d);
}

function must(lots: Map<string, ReferenceLot>, id: string | undefined): ReferenceLot {
  const lot = id === undefined ? undefined : lots.get(id);
  if (!lot) throw new Error(`reference: unknown lot ${String(id)}`);
  return lot;
}

/** Re-simulates lot quantities of valid events (reversed ones and reversals dropped). */
export function referenceLedger(events: readonly LedgerEvent[]): ReferenceLedger {
  const reversed = new Set(events.flatMap((e) => (e.type === 'reverse' ? [e.reverses, e.id] : [])));
  const ledger: ReferenceLedger = { lots: new Map(), producedMg: 0n, untrackedInMg: 0n, exportedMg: 0n, lossMg: 0n };
  for (const event of events.filter((e) => !reversed.has(e.id))) {
    if (event.type === 'produce') {
      const mg = decimalMg(event.material === 'ore' ? [event.tonnes ?? 0, event.gradeGpt ?? 0] : [event.grams ?? 0, event.fineness ?? 0]);
      const node: Node = { kind: 'produce', site: event.site };
      ledger.lots.set(event.lot, { mg, holder: event.actor, status: 'open', errorBoundMg: 0n, node });
      ledger.producedMg += mg;
    } else if (event.type === 'transfer' && event.lot !== undefined) {
      const source = must(ledger.lots, event.lot);
      const mg = event.fineGrams === undefined ? source.mg : decimalMg([event.fineGrams]);
      if (event.newLot === undefined) {
        source.holder = event.to;
        continue;
      }
      const bound = source.errorBoundMg + 1n;
      const node: Node = { kind: 'split', parent: event.lot };
      ledger.lots.set(event.newLot, { mg, holder: event.to, status: 'open', errorBoundMg: bound, node });
      if (mg === source.mg) source.status = 'depleted';
      else Object.assign(source, { mg: source.mg - mg, errorBoundMg: bound });
    } else if (event.type === 'process') {
      const inputs = event.inputs.map((id) => ({ lot: id, ref: must(ledger.lots, id) }));
      const untrackedMg = decimalMg([event.untrackedFineGrams]);
      const mergedMg = inputs.reduce((sum, input) => sum + input.ref.mg, untrackedMg);
      const recovery = decimalOf(event.recovery);
      const scale = 10n ** BigInt(recovery.scale);
      const outputMg = (2n * mergedMg * recovery.units + scale) / (2n * scale);
      for (const input of inputs) input.ref.status = 'consumed';
      const bound = inputs.reduce((sum, input) => sum + input.ref.errorBoundMg, 1n);
      const node: Node = { kind: 'merge', inputs: inputs.map((i) => ({ lot: i.lot, mg: i.ref.mg })), untrackedMg, mergedMg };
      ledger.lots.set(event.output.lot, { mg: outputMg, holder: event.actor, status: 'open', errorBoundMg: bound, node });
      ledger.untrackedInMg += untrackedMg;
      ledger.lossMg += mergedMg - outputMg;
    } else if (event.type === 'export') {
      const lot = must(ledger.lots, event.lot);
      lot.status = 'exported';
      ledger.exportedMg += lot.mg;
    }
  }
  return ledger;
}

/**
 * Exact origin shares of a lot (key '' = unknown) by enumerating every path
 * back to the productions and untracked inputs that feed it — no memoization,
 * deliberately: each path is walked on its own.
 */
export function referenceShares(ledger: ReferenceLedger, lotId: string): Map<string, Fraction> {
  const shares = new Map<string, Fraction>();
  const credit = (key: string, weight: Fraction) => shares.set(key, plus(shares.get(key) ?? fraction(0n, 1n), weight));
  const walk = (id: string, weight: Fraction): void => {
    const node = must(ledger.lots, id).node;
    if (node.kind === 'produce') {
      credit(node.site, weight);
    } else if (node.kind === 'split') {
      walk(node.parent, weight);
    } else {
      for (const input of node.inputs) walk(input.lot, times(weight, fraction(input.mg, node.mergedMg)));
      if (node.untrackedMg > 0n) credit('', times(weight, fraction(node.untrackedMg, node.mergedMg)));
    }
  };
  walk(lotId, fraction(1n, 1n));
  return shares;
}
