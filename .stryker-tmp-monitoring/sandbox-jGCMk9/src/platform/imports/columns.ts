/** Header matching for a declaration: canonical columns, aliases, required columns, extra header rules. */
// @ts-nocheck

import { nameKey } from '../text.ts';
import type { ImportSource } from './sources.ts';
import type { AnyImportDeclaration, RowError } from './types.ts';

export interface ColumnMatch {
  /** canonical column → index in the source's headers */
  index: Map<string, number>;
  present: Set<string>;
  errors: RowError[];
}

/** Case- and accent-insensitive: "Código Único" = "CODIGO UNICO". The first header matching a column wins. */
export function matchColumns(source: Pick<ImportSource, 'headers' | 'format'>, decl: Pick<AnyImportDeclaration, 'columns' | 'checkHeaders'>): ColumnMatch {
  const index = new Map<string, number>();
  const columns = decl.columns ?? {};
  if (source.format === 'jsonl') return { index, present: new Set(), errors: [] };
  const byKey = new Map<string, string>();
  for (const [canonical, spec] of Object.entries(columns)) {
    for (const a of [canonical, ...(spec.aliases ?? [])]) if (!byKey.has(nameKey(a))) byKey.set(nameKey(a), canonical);
  }
  source.headers.forEach((h, i) => {
    const c = byKey.get(nameKey(h));
    if (c !== undefined && !index.has(c)) index.set(c, i);
  });
  const present = new Set(index.keys());
  const errors: RowError[] = Object.entries(columns)
    .filter(([c, spec]) => spec.required && !present.has(c))
    .map(([c]) => ({ row: 1, column: c, value: '', message: `missing column ${c}`, code: 'file.column.missing', params: { column: c } }));
  if (decl.checkHeaders) errors.push(...decl.checkHeaders(present));
  return { index, present, errors };
}
