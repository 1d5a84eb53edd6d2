/**
 * Pairs of similar names, with pg_trgm's `similarity` as PostgreSQL computes it, found
 * without comparing every name with every other.
 *
 * pg_trgm's trigrams: each word (a run of letters and digits) lower-cased and padded with
 * two spaces before and one after, cut into every three consecutive characters, each
 * trigram counted once; similarity = shared / (|A| + |B| − shared), a float4. A
 * self-join on the trigram index asks the index once per name, and with the sector's
 * common surnames (QUISPE, MAMANI, CONDORI…) every probe returns most of the table: the
 * demo's 3,824 persons took a minute on PGlite, the national list would not finish.
 * Here the pairs come from prefix filtering (Bayardo, Ma and Srikant, "Scaling up all
 * pairs similarity search", WWW 2007): each name's trigrams ordered rarest first, a pair
 * with similarity ≥ t must share one of the first |x| − ⌈t·|x|⌉ + 1 trigrams of each, so
 * only names sharing a rare trigram are compared. Exact: the same pairs as the join.
 */

export interface NamedRecord {
  id: number;
  key: string;
}

export interface SimilarPair<T extends NamedRecord> {
  a: T;
  b: T;
  similarity: number;
}

/** pg_trgm's trigrams of a text (generate_trgm with its default options), sorted, each once. */
export function trigrams(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return [...out].sort();
}

/** pg_trgm's similarity of two trigram counts and their overlap, rounded to float4 as PostgreSQL returns it. */
export function trigramSimilarity(shared: number, sizeA: number, sizeB: number): number {
  if (sizeA === 0 || sizeB === 0) return 0;
  return Math.fround(shared / (sizeA + sizeB - shared));
}

/** pg_trgm's similarity(a, b). */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = new Set(trigrams(b));
  return trigramSimilarity(x.filter((t) => y.has(t)).length, x.length, y.size);
}

function overlap(x: Int32Array, y: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! === y[j]!) {
      n++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return n;
}

const byRank = <T extends NamedRecord>(p: SimilarPair<T>, q: SimilarPair<T>): number => q.similarity - p.similarity || p.a.id - q.a.id || p.b.id - q.b.id;

/**
 * Every pair of records (a.id < b.id) whose keys' similarity is at least `min`, the most
 * similar first (then by a's id, then b's), at most `limit` of them.
 */
export function similarPairs<T extends NamedRecord>(records: readonly T[], min: number, limit: number): SimilarPair<T>[] {
  // Trigrams as numbers ordered by how many keys have them, rarest first.
  const sets = records.map((r) => trigrams(r.key));
  const frequency = new Map<string, number>();
  for (const s of sets) for (const t of s) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(order.map((t, i) => [t, i]));
  const items = records
    .map((record, k) => ({ record, tokens: Int32Array.from(sets[k]!, (t) => rank.get(t)!).sort() }))
    .filter((x) => x.tokens.length > 0)
    .sort((p, q) => p.tokens.length - q.tokens.length);
  // The most similar pairs first: a pass at a higher threshold compares far fewer names,
  // and once it finds `limit` pairs they are the answer (every pair it did not find is
  // less similar than all of them). A list of many namesakes (the same name under
  // different DNIs) is answered by the first pass.
  // The first pass needs no comparison at all: similarity 1 is the same set of trigrams.
  const same = samePairs(items, limit);
  if (same.length >= limit || Math.fround(min) >= 1) return same;
  const ladder = [0.95, 0.9, 0.85, 0.8].filter((t) => t > min);
  for (const threshold of [...ladder, min]) {
    const found = pairsAtLeast(items, threshold, limit);
    if (found.length >= limit || threshold === min) return found;
  }
  return [];
}

/** The first `limit` pairs of `items` with the same trigrams (similarity 1), in the order of similarPairs. */
function samePairs<T extends NamedRecord>(items: readonly { record: T; tokens: Int32Array }[], limit: number): SimilarPair<T>[] {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const key = x.tokens.join(',');
    const g = groups.get(key);
    if (g) g.push(x.record);
    else groups.set(key, [x.record]);
  }
  const found: SimilarPair<T>[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((p, q) => p.id - q.id);
    // a group's own first `limit` pairs, by (a, b): no later pair of it can be among the first `limit` overall
    let taken = 0;
    for (let i = 0; i < g.length && taken < limit; i++)
      for (let j = i + 1; j < g.length && taken < limit; j++, taken++) found.push({ a: g[i]!, b: g[j]!, similarity: 1 });
  }
  return found.sort(byRank).slice(0, limit);
}

/** The first `limit` pairs of `items` (sorted by size) whose similarity is at least `min`. */
function pairsAtLeast<T extends NamedRecord>(items: readonly { record: T; tokens: Int32Array }[], min: number, limit: number): SimilarPair<T>[] {
  // A little below `min` when choosing candidates: a float4 similarity can round up to it.
  const t = Math.max(0, min - 1e-6);
  const minimum = Math.fround(min);
  const prefix = (n: number): number => Math.min(n, n - Math.ceil(t * n - 1e-9) + 1);
  const index = new Map<number, number[]>();
  const seen = new Int32Array(items.length).fill(-1);
  let found: SimilarPair<T>[] = [];
  items.forEach((x, k) => {
    const n = x.tokens.length;
    for (let p = 0; p < prefix(n); p++) {
      const posting = index.get(x.tokens[p]!);
      if (!posting) continue;
      for (const j of posting) {
        if (seen[j] === k) continue;
        seen[j] = k;
        const y = items[j]!;
        // sizes only grow along `items`: y has at most n trigrams, and below t·n it cannot reach t
        if (y.tokens.length < t * n - 1e-9) continue;
        const s = trigramSimilarity(overlap(x.tokens, y.tokens), n, y.tokens.length);
        // PostgreSQL compares float4 to float4: `min` rounded as `similarity(…) >= $1` rounds it
        if (s < minimum) continue;
        const [a, b] = x.record.id < y.record.id ? [x.record, y.record] : [y.record, x.record];
        found.push({ a, b, similarity: s });
      }
    }
    if (found.length > 4 * limit + 10_000) found = found.sort(byRank).slice(0, limit);
    for (let p = 0; p < prefix(n); p++) {
      const posting = index.get(x.tokens[p]!);
      if (posting) posting.push(k);
      else index.set(x.tokens[p]!, [k]);
    }
  });
  return found.sort(byRank).slice(0, limit);
}
