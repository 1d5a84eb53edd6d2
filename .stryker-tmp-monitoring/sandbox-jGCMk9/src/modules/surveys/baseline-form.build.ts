/** Writes reference/forms/mpe-linea-base.xlsx from baseline-form.rows.ts: `npx tsx src/modules/surveys/baseline-form.build.ts`. */
// @ts-nocheck

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { baselineSheets } from './baseline-form.rows.ts';
import { writeSheets } from './xlsform.read.ts';

export const BASELINE_FILE = fileURLToPath(new URL('../../../reference/forms/mpe-linea-base.xlsx', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(BASELINE_FILE, await writeSheets(baselineSheets()));
  process.stderr.write(`Wrote ${BASELINE_FILE}\n`);
}
