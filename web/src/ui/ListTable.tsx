/**
 * The table of every list that scales (search, registry, expedientes, lots, imports): it
 * reads the server's list contract (`?limit&after&sort&dir&filters…` → `{total, items,
 * next}`), shows the real total, pages forward by the keyset cursor and back by the
 * cursors it came through, sorts by its column headers (the server orders, in Spanish
 * collation) and exports what is filtered (`format=csv|xlsx`, every row, not only the page).
 */
import { useState, type ReactNode } from 'react';
import './list-table.css';
import { qs, useApi } from '../api/client.ts';
import { fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { listMessages } from './list-messages.ts';
import { Async } from './states.tsx';

export interface ListPage<R> {
  total: number;
  items: R[];
  next: string | null;
}

export interface ListColumn<R> {
  key: string;
  label: string;
  /** The server's sort name of the column; not sortable when absent. */
  sort?: string;
  value: (row: R) => string | number | null | undefined;
  render?: (row: R) => ReactNode;
  format?: (v: number) => string;
  numeric?: boolean;
}

export type Params = Record<string, string | number | boolean | null | undefined>;

interface Props<R> {
  /** The list's API path, e.g. `/api/registry/search`. */
  path: string;
  /** The filters, as the API takes them (empty values are left out). */
  params: Params;
  columns: readonly ListColumn<R>[];
  rowKey: (row: R) => string;
  sort: string;
  dir: 'asc' | 'desc';
  pageSize?: number;
  /** File name of the exports (no extension is added by the server's answer); no export buttons when absent. */
  exportName?: string;
  caption?: string;
  empty?: string;
  /** The filter bar, drawn above the count. */
  filters?: ReactNode;
  /** Where the total goes (default: "66 resultados"). */
  countText?: (total: number) => string;
  /** Null to fetch nothing yet (e.g. a search without its text). */
  enabled?: boolean;
  testId?: string;
}

/** The header's words for the direction a column is sorted in. */
const ariaSort = (active: boolean, dir: 'asc' | 'desc'): 'ascending' | 'descending' | 'none' => (!active ? 'none' : dir === 'asc' ? 'ascending' : 'descending');

export function ListTable<R>(props: Props<R>) {
  const t = useT(listMessages);
  const { path, params, columns, rowKey, pageSize = 50, exportName, caption, empty, filters, countText, enabled = true, testId } = props;
  const [order, setOrder] = useState<{ sort: string; dir: 'asc' | 'desc' }>({ sort: props.sort, dir: props.dir });
  const key = JSON.stringify([path, params, order]);
  // the cursors of the pages before this one (the first page has none): "previous" pops one
  const [trail, setTrail] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = trail.key === key ? trail.cursors : [null];
  const after = cursors.at(-1) ?? null;
  const query = { ...params, sort: order.sort, dir: order.dir };
  const page = useApi<ListPage<R>>(enabled ? `${path}${qs({ ...query, limit: pageSize, after })}` : null);
  const sortBy = (sort: string): void =>
    setOrder((o) => (o.sort === sort ? { sort, dir: o.dir === 'asc' ? 'desc' : 'asc' } : { sort, dir: numericSort(columns, sort) ? 'desc' : 'asc' }));
  const count = (n: number): string => countText?.(n) ?? (n === 0 ? t('list.count.none') : n === 1 ? t('list.count.one') : t('list.count', { n: fmtInt(n) }));
  const cell = (c: ListColumn<R>, r: R): ReactNode => {
    if (c.render) return c.render(r);
    const v = c.value(r);
    if (typeof v === 'number' && c.format) return c.format(v);
    return v ?? '—';
  };
  return (
    <div className="list-table" data-testid={testId}>
      {filters && (
        <div className="list-filters" role="group" aria-label={t('list.filters')}>
          {filters}
        </div>
      )}
      {enabled && (
        <Async state={page}>
          {(p) => {
            const first = (cursors.length - 1) * pageSize;
            return (
              <>
                <div className="list-head">
                  <p role="status" className="list-count">
                    <strong>{count(p.total)}</strong>
                    {p.total > 0 && (
                      <span className="note">
                        {' '}
                        · {t('list.range', { from: fmtInt(first + 1), to: fmtInt(first + p.items.length), total: fmtInt(p.total) })}
                      </span>
                    )}
                  </p>
                  {exportName && p.total > 0 && (
                    <div className="list-export" role="group" aria-label={t('list.export')}>
                      <span className="note">{t('list.export')}:</span>{' '}
                      <a className="button secondary" href={`${path}${qs({ ...query, format: 'csv' })}`} download={`${exportName}.csv`}>
                        {t('list.csv')}
                      </a>{' '}
                      <a className="button secondary" href={`${path}${qs({ ...query, format: 'xlsx' })}`} download={`${exportName}.xlsx`}>
                        {t('list.xlsx')}
                      </a>
                    </div>
                  )}
                </div>
                <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
                  <table>
                    {caption && <caption>{caption}</caption>}
                    <thead>
                      <tr>
                        {columns.map((c) => (
                          <th
                            key={c.key}
                            scope="col"
                            className={c.numeric ? 'num' : undefined}
                            aria-sort={c.sort ? ariaSort(order.sort === c.sort, order.dir) : undefined}
                          >
                            {c.sort ? (
                              <button
                                type="button"
                                className="th-sort"
                                title={t('list.sortBy', { column: c.label })}
                                onClick={() => sortBy(c.sort!)}
                                data-sort={c.sort}
                              >
                                {c.label}
                                <span aria-hidden="true" className="th-arrow">
                                  {order.sort === c.sort ? (order.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                                </span>
                              </button>
                            ) : (
                              c.label
                            )}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {p.items.length === 0 && (
                        <tr>
                          <td colSpan={columns.length}>{empty ?? t('list.count.none')}</td>
                        </tr>
                      )}
                      {p.items.map((r) => (
                        <tr key={rowKey(r)}>
                          {columns.map((c) => (
                            <td key={c.key} className={c.numeric ? 'num' : undefined}>
                              {cell(c, r)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {(cursors.length > 1 || p.next !== null) && (
                  <nav className="row list-pages" aria-label={t('list.pages')}>
                    <button type="button" className="secondary" disabled={cursors.length <= 1} onClick={() => setTrail({ key, cursors: cursors.slice(0, -1) })}>
                      {t('list.prev')}
                    </button>
                    <button type="button" className="secondary" disabled={p.next === null} onClick={() => setTrail({ key, cursors: [...cursors, p.next] })}>
                      {t('list.next')}
                    </button>
                  </nav>
                )}
              </>
            );
          }}
        </Async>
      )}
    </div>
  );
}

/** A numeric or date column starts descending (largest, newest first); text ascending. */
function numericSort<R>(columns: readonly ListColumn<R>[], sort: string): boolean {
  return columns.some((c) => c.sort === sort && c.numeric === true);
}
