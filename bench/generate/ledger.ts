/**
 * Synthetic gold ledger: chains of 2–6 hops from mining sites to export, with splits
 * and merges whose fan-in is fixed per run (2–6 inputs, cycling) so trace figures
 * compare across runs, and a share of flagged patterns (untracked gold mixed into a
 * certified claim, sellers not vigente, buyers without RECPO). Streams JSONL.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rng } from '../../src/modules/demo/random.ts';

export interface LedgerActors {
  /** Producer RUC → its mining right code. */
  producers: { ruc: string; site: string; vigente: boolean }[];
  traders: string[];
  plants: string[];
  refineries: string[];
  exporters: string[];
  /** RUCs that buy without a RECPO registration (flag pattern). */
  unregistered: string[];
}

export interface DeepLot {
  lot: string;
  /** Events written up to and including the lot's last event (it is traceable in any prefix this long). */
  at: number;
}

export interface LedgerStats {
  events: number;
  groups: number;
  /** Refined lots 5+ hops from their mines, spread over the whole file. */
  deepLots: DeepLot[];
  /** The files written: one, or one per part when the file is cut (`cuts`). */
  files: string[];
}

const day = (base: number, offset: number): string => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Writes `targetEvents` (a few more: the last chain is completed) as JSONL to `file`;
 * with `cuts` (ascending event counts) the stream is cut into consecutive parts,
 * `file` with `.1`, `.2`… before its extension, each ending exactly at a cut, so a
 * ledger can be imported in growing steps (chains continue across parts).
 */
export async function writeLedger(file: string, actors: LedgerActors, targetEvents: number, seed = 7, cuts: number[] = []): Promise<LedgerStats> {
  const r = rng(seed);
  const files = cuts.length === 0 ? [file] : [...cuts, Infinity].map((_c, i) => file.replace(/(\.\w+)?$/, `.${i + 1}$1`));
  let part = 0;
  let out = createWriteStream(files[0]!);
  let buffer: string[] = [];
  let events = 0;
  let lotSeq = 0;
  let groups = 0;
  const deepLots: DeepLot[] = [];
  const flush = async (): Promise<void> => {
    if (buffer.length > 0 && !out.write(`${buffer.join('\n')}\n`)) await once(out, 'drain');
    buffer = [];
  };
  const emit = async (e: Record<string, unknown>): Promise<void> => {
    events++;
    buffer.push(JSON.stringify({ id: `e${events}`, ...e }));
    if (events === cuts[part]) {
      await flush();
      out.end();
      await once(out, 'finish');
      out = createWriteStream(files[++part]!);
    } else if (buffer.length >= 5000) await flush();
  };
  const newLot = (): string => `L${++lotSeq}`;
  const start = Date.UTC(2024, 0, 1);

  while (events < targetEvents) {
    groups++;
    const fanIn = 2 + (groups % 5); // 2..6, cycling: the same shape every run
    const t0 = r.int(0, 300);
    const trader = r.pick(actors.traders);
    const flagged = r.next() < 0.02;
    const buyer = flagged && actors.unregistered.length > 0 ? r.pick(actors.unregistered) : trader;
    const inputs: string[] = [];
    for (let i = 0; i < fanIn; i++) {
      const p = r.pick(actors.producers);
      const lot = newLot();
      if (r.next() < 0.7) {
        await emit({ type: 'produce', date: day(start, t0), actor: p.ruc, site: p.site, lot, material: 'ore', tonnes: r.int(2, 20), gradeGpt: r.int(3, 15) });
      } else {
        await emit({ type: 'produce', date: day(start, t0), actor: p.ruc, site: p.site, lot, material: 'dore', grams: r.int(50, 400), fineness: 0.8 });
      }
      // a split: part of the lot is sold, the rest stays with the producer
      if (r.next() < 0.3) {
        const part = newLot();
        await emit({ type: 'transfer', date: day(start, t0 + 1), from: p.ruc, to: buyer, lot, fineGrams: 1, newLot: part, priceUsd: 80 });
        inputs.push(part);
      } else {
        await emit({ type: 'transfer', date: day(start, t0 + 1), from: p.ruc, to: buyer, lot, priceUsd: 1000 });
        inputs.push(lot);
      }
    }
    // merge at the trader (recovery 1), possibly with untracked gold
    const merged = newLot();
    await emit({
      type: 'process',
      date: day(start, t0 + 3),
      actor: buyer,
      inputs,
      untrackedFineGrams: flagged ? r.int(10, 200) : 0,
      recovery: 1,
      output: { lot: merged, material: 'dore', fineness: 0.8 },
    });
    // hops onwards: plant → refinery → exporter → export (2–6 hops in all)
    const plant = r.pick(actors.plants);
    await emit({ type: 'transfer', date: day(start, t0 + 5), from: buyer, to: plant, lot: merged, priceUsd: 5000, ...(flagged ? { claim: 'FAIRMINED' } : {}) });
    const refined = newLot();
    await emit({
      type: 'process',
      date: day(start, t0 + 7),
      actor: plant,
      inputs: [merged],
      untrackedFineGrams: 0,
      recovery: 0.95,
      output: { lot: refined, material: 'fine_gold', fineness: 0.999 },
    });
    const refinery = r.pick(actors.refineries);
    await emit({ type: 'transfer', date: day(start, t0 + 9), from: plant, to: refinery, lot: refined, priceUsd: 6000 });
    const exporter = r.pick(actors.exporters);
    await emit({ type: 'transfer', date: day(start, t0 + 11), from: refinery, to: exporter, lot: refined, priceUsd: 6500 });
    // deep lots (not exported): many early ones, then a thin sample over the whole file
    if (groups % 7 === 0 && (deepLots.length < 2000 || groups % 343 === 0)) deepLots.push({ lot: refined, at: events });
    else await emit({ type: 'export', date: day(start, t0 + 13), from: exporter, lot: refined, country: 'CH', customsRef: `DUA-${groups}` });
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { events, groups, deepLots, files: files.slice(0, part + 1) };
}
