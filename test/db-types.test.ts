/** The committed row types are what the migrations produce (regenerate: npm run db:types). */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { generateSchemaTypes, readCatalog, renderSchemaTypes, tsType } from '../src/platform/db/schema-types.ts';
import { testDb } from './db.ts';

test('src/platform/db/schema.generated.ts is up to date with the migrations', async () => {
  const db = await testDb();
  const committed = readFileSync(new URL('../src/platform/db/schema.generated.ts', import.meta.url), 'utf8');
  expect(await generateSchemaTypes(db), 'schema.generated.ts is stale: run `npm run db:types` and commit it').toBe(committed);
});

test('a column added by a migration changes the generated types', async () => {
  const db = await testDb();
  await db
    .transaction(async (tx) => {
      const before = renderSchemaTypes(await readCatalog(tx));
      await tx.exec('ALTER TABLE schema_migrations ADD COLUMN probe_amount numeric(12, 2) NOT NULL DEFAULT 0');
      const after = renderSchemaTypes(await readCatalog(tx));
      expect(before).not.toContain('probe_amount');
      expect(after).toContain('    probe_amount: string;\n');
      // A view column is NOT NULL only where it plainly copies a NOT NULL column, without outer joins.
      await tx.exec(`CREATE VIEW probe_plain AS SELECT version, name, upper(name) AS shout, applied_at FROM schema_migrations;
                     CREATE VIEW probe_outer AS SELECT m.version, o.name FROM schema_migrations m LEFT JOIN schema_migrations o ON o.version = m.name`);
      const views = renderSchemaTypes(await readCatalog(tx));
      const view = (name: string) => views.slice(views.indexOf(`  ${name}: {`), views.indexOf('  };', views.indexOf(`  ${name}: {`)));
      expect(view('probe_plain')).toBe('  probe_plain: {\n    version: string;\n    name: string;\n    shout: string | null;\n    applied_at: Date;\n');
      expect(view('probe_outer')).toBe('  probe_outer: {\n    version: string | null;\n    name: string | null;\n');
      throw new Error('rollback');
    })
    .catch((err: unknown) => {
      if (!(err instanceof Error) || err.message !== 'rollback') throw err;
    });
});

test('each declared type is what the engine returns for a value of that column type', async () => {
  const db = await testDb();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT 1::int2 AS int2, 1::int4 AS int4, 1::int8 AS int8, 1.5::float8 AS float8, 1.50::numeric AS numeric, true AS bool,
            'a'::text AS text, 'a'::char(2) AS bpchar, '2026-01-31'::date AS date, now() AS timestamptz, '{"a":1}'::jsonb AS jsonb,
            '\\x01'::bytea AS bytea, ST_GeomFromText('POINT(1 2)', 4326) AS geometry, ARRAY['a']::text[] AS text_array`,
  );
  const row = rows[0]!;
  const kindOf = (v: unknown): string =>
    v instanceof Date ? 'Date' : v instanceof Uint8Array ? 'Uint8Array' : Array.isArray(v) ? `${kindOf(v[0])}[]` : typeof v === 'object' ? 'Json' : typeof v;
  for (const name of Object.keys(row)) {
    const array = name.endsWith('_array');
    expect(kindOf(row[name]), name).toBe(tsType({ type: array ? name.slice(0, -6) : name, array }));
  }
  expect(row['date']).toBe('2026-01-31');
  expect(row['numeric']).toBe('1.50');
});
