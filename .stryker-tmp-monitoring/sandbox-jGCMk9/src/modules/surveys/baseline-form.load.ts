/**
 * The shipped baseline form, loaded as reference data when a database opens: one query
 * when its version is stored already; otherwise the workbook is read and stored.
 */
// @ts-nocheck

import { readFile } from 'node:fs/promises';
import type { Queryable } from '../../platform/db.ts';
import { BASELINE_FILE } from './baseline-form.build.ts';
import { BASELINE_VERSION } from './baseline-form.rows.ts';
import { BASELINE_FORM_ID } from './baseline.indicators.ts';
import { formVersion, insertForm } from './surveys.queries.ts';
import { readXlsForm } from './xlsform.read.ts';

export async function loadBaselineForm(tx: Queryable): Promise<void> {
  if (await formVersion(tx, BASELINE_FORM_ID, BASELINE_VERSION)) return;
  const buf = await readFile(BASELINE_FILE);
  const parsed = await readXlsForm(buf, 'mpe-linea-base.xlsx');
  if (!parsed.ok) throw new Error(`The shipped baseline form is refused: ${JSON.stringify(parsed.errors)}`);
  await insertForm(tx, { definition: parsed.form, sourceName: 'mpe-linea-base.xlsx', source: buf, importedBy: 'system:reference' });
}
