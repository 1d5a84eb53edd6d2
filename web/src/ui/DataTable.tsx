import { useState, type ReactNode } from 'react';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/i18n.tsx';
import { downloadText, toCsv } from './csv.ts';

export interface Column<R> {
  key: string;
  label: string;
  /** The raw value: what the CSV gets and what `format` turns into text. */
  value: (row: R) => string | number | null | undefined;
  format?: (v: number) => string;
  render?: (row: R) => ReactNode;
  numeric?: boolean;
}

interface Props<R> {
  columns: readonly Column<R>[];
  rows: readonly R[];
  caption?: string;
  /** File name for the CSV download (without extension); no button when absent. */
  csvName?: string;
  pageSize?: number;
  rowKey?: (row: R, index: number) => string;
  empty?: string;
}

export function csvOf<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  return toCsv(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
}

export function DataTable<R>({ columns, rows, caption, csvName, pageSize = 50, rowKey, empty }: Props<R>) {
  const t = useT(common);
  const [shown, setShown] = useState(pageSize);
  const cell = (c: Column<R>, r: R): ReactNode => {
    if (c.render) return c.render(r);
    const v = c.value(r);
    if (typeof v === 'number' && c.format) return c.format(v);
    return v ?? '—';
  };
  return (
    // focusable: a table wider than a phone scrolls sideways, and a keyboard must be able to scroll it
    <div className="table-wrap" tabIndex={0} {...(caption ? { role: 'region', 'aria-label': caption } : {})}>
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty ?? t('state.empty')}</td>
            </tr>
          )}
          {rows.slice(0, shown).map((r, i) => (
            <tr key={rowKey ? rowKey(r, i) : i}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {cell(c, r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-tools">
        {rows.length > shown && (
          <button type="button" onClick={() => setShown((s) => s + pageSize)}>
            {t('table.more', { n: Math.min(pageSize, rows.length - shown) })}
          </button>
        )}
        {csvName && rows.length > 0 && (
          <button type="button" className="link-button" onClick={() => downloadText(`${csvName}.csv`, csvOf(columns, rows))}>
            {t('chart.csv')}
          </button>
        )}
      </div>
    </div>
  );
}
