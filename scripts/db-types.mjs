#!/usr/bin/env node
// Writes src/platform/db/schema.generated.ts, the row types of the migrated database
// (`npm run db:types`): migrates a throwaway PGlite (or the database of DATABASE_URL, which
// must be migrated or empty) and reads its catalogue. `--check` only compares, exiting 1
// when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { openDatabase } = await import('../src/platform/db.ts');
const { migrate } = await import('../src/platform/migrate.ts');
const { generateSchemaTypes } = await import('../src/platform/db/schema-types.ts');

const target = new URL('../src/platform/db/schema.generated.ts', import.meta.url);
const url = process.env['DATABASE_URL'];
const db = await openDatabase(url ? { databaseUrl: url } : { dataDir: 'memory' });
let text;
try {
  await migrate(db);
  text = await generateSchemaTypes(db);
} finally {
  await db.close();
}
const committed = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
})();
if (process.argv.includes('--check')) {
  if (committed !== text) {
    console.error('src/platform/db/schema.generated.ts is stale: run `npm run db:types`');
    process.exit(1);
  }
  console.log('src/platform/db/schema.generated.ts is up to date');
} else if (committed === text) {
  console.log('src/platform/db/schema.generated.ts is up to date');
} else {
  writeFileSync(target, text);
  console.log('wrote src/platform/db/schema.generated.ts');
}
