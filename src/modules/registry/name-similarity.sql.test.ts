/**
 * The possible-duplicates search finds exactly the pairs pg_trgm's similarity finds, with
 * the same similarity: random lists of names shaped like the sector's (few surnames, typos,
 * repeated names, digits, one-letter words) are compared pair by pair in PostgreSQL and
 * through prefix filtering here.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { similarPairs, similarity, trigrams } from './name-similarity.domain.ts';

const db = await testDb();

const SURNAMES = ['QUISPE', 'MAMANI', 'CONDORI', 'HUAMAN', 'TICONA', 'CCAHUANA', 'APAZA', 'FLORES', 'MENDOZA', 'CHOQUE'];
const NAMES = ['JUAN', 'JOSE', 'MARIA', 'ROSA', 'TEODORO', 'HILARIO', 'YOLANDA', 'FELIX', 'A', 'E', 'DE', 'LA'];

const base = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...SURNAMES), fc.constantFrom(...NAMES), fc.option(fc.constantFrom(...NAMES), { nil: undefined }))
  .map((parts) => parts.filter(Boolean).join(' '));

/** A name of a few families (two surnames, one or two given names), maybe with a typo (a letter dropped, doubled or changed) or a digit. */
const names = fc.array(base, { minLength: 1, maxLength: 6 }).chain((pool) => fc.array(name(pool), { minLength: 2, maxLength: 60 }));

const name = (pool: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...pool), fc.nat(40), fc.nat(30), fc.constantFrom('drop', 'double', 'change', 'digit', 'none', 'none'))
    .map(([text, at, by, typo]) => {
      const i = at % text.length;
      if (typo === 'drop') return text.slice(0, i) + text.slice(i + 1);
      if (typo === 'double') return text.slice(0, i) + text[i] + text.slice(i);
      if (typo === 'change') return text.slice(0, i) + String.fromCharCode(65 + (by % 26)) + text.slice(i + 1);
      if (typo === 'digit') return `${text} ${by % 10}`;
      return text;
    });

interface SqlPair {
  a: number;
  b: number;
  sim: number;
}

async function pairsInSql(keys: string[], min: number): Promise<SqlPair[]> {
  const { rows } = await db.query<SqlPair>(
    `SELECT x.i::int AS a, y.i::int AS b, similarity(x.k, y.k)::float8 AS sim
     FROM unnest($1::text[]) WITH ORDINALITY x(k, i) JOIN unnest($1::text[]) WITH ORDINALITY y(k, i) ON x.i < y.i
     WHERE similarity(x.k, y.k) >= $2
     ORDER BY sim DESC, a, b`,
    [keys, min],
  );
  return rows;
}

describe('similar names', () => {
  test('trigrams and similarity are pg_trgm’s', async () => {
    const samples = ['QUISPE MAMANI JUAN', 'A', 'DE LA CRUZ 3', '', '  ', 'quispe  mamani'];
    const { rows } = await db.query<{ t: string[]; s: number }>(
      'SELECT show_trgm(k) AS t, similarity(k, $2)::float8 AS s FROM unnest($1::text[]) WITH ORDINALITY u(k, i) ORDER BY i',
      [samples, 'QUISPE MAMANI JUANA'],
    );
    rows.forEach((r, i) => {
      expect(trigrams(samples[i]!)).toEqual([...r.t].sort());
      expect(similarity(samples[i]!, 'QUISPE MAMANI JUANA')).toBe(r.s);
    });
  });

  test('prefix filtering finds every pair PostgreSQL finds, with its similarity and in its order', async () => {
    await fc.assert(
      fc.asyncProperty(names, fc.constantFrom(0.3, 0.5, 0.6, 0.75, 0.9, 1), async (keys, min) => {
        const records = keys.map((key, i) => ({ id: i + 1, key }));
        const expected = await pairsInSql(keys, min);
        const got = similarPairs(records, min, 10_000).map((p) => ({ a: p.a.id, b: p.b.id, sim: p.similarity }));
        expect(got).toEqual(expected);
        // the limit keeps the first pairs of the same order
        expect(similarPairs(records, min, 5).map((p) => [p.a.id, p.b.id])).toEqual(expected.slice(0, 5).map((p) => [p.a, p.b]));
      }),
      { numRuns: 60 },
    );
  });
});
