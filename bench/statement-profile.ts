/**
 * Where an in-process figure spends its time, statement by statement: a Database whose
 * statements (queries, exec, COPY, inside transactions too) are timed and grouped by
 * their text. The bench prints it beside a target the run misses, so the page says why
 * from the run itself, at the run's size (a trace at 10M events, the report nationally).
 */
import type { Database, Queryable } from '../src/platform/db.ts';

export interface StatementCost {
  /** The statement's text, blanks collapsed, cut to 110 characters. */
  sql: string;
  calls: number;
  ms: number;
}

export interface StatementProfile {
  /** How many runs of the figure the costs are summed over. */
  runs: number;
  /** Wall time of those runs, statements and JavaScript together. */
  wallMs: number;
  statements: StatementCost[];
}

const key = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 110);

/** `db` with every statement timed into `costs`; nothing else changes. */
export function timedDatabase(db: Database, costs: Map<string, StatementCost>): Database {
  const add = (sql: string, ms: number): void => {
    const k = key(sql);
    const c = costs.get(k) ?? { sql: k, calls: 0, ms: 0 };
    c.calls += 1;
    c.ms += ms;
    costs.set(k, c);
  };
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await run();
    } finally {
      add(sql, performance.now() - t);
    }
  };
  const wrap = (q: Queryable): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) => timed(sql, () => q.query<T>(sql, params)),
    exec: (sql: string) => timed(sql, () => q.exec(sql)),
    ...(q.copyFrom ? { copyFrom: (sql: string, data: string | readonly string[]) => timed(sql, () => q.copyFrom!(sql, data)) } : {}),
  });
  return Object.assign(Object.create(db) as Database, wrap(db), {
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
  });
}

/** Runs `fn` `runs` times on a timed copy of `db`: the statements by time spent, largest first. */
export async function profileStatements(db: Database, runs: number, fn: (db: Database) => Promise<unknown>): Promise<StatementProfile> {
  const costs = new Map<string, StatementCost>();
  const timed = timedDatabase(db, costs);
  const t = performance.now();
  for (let i = 0; i < runs; i++) await fn(timed);
  const wallMs = performance.now() - t;
  return { runs, wallMs, statements: [...costs.values()].sort((a, b) => b.ms - a.ms) };
}

/** The profile as a Markdown table: the `top` statements per run, with the rest and the JavaScript between them. */
export function profileTable(p: StatementProfile, top = 10): string {
  const per = (ms: number): string => (ms / p.runs).toFixed(ms / p.runs < 10 ? 2 : 1);
  const share = (ms: number): string => `${((100 * ms) / Math.max(1e-9, p.wallMs)).toFixed(0)} %`;
  const shown = p.statements.slice(0, top);
  const rest = p.statements.slice(top);
  const inStatements = p.statements.reduce((s, c) => s + c.ms, 0);
  const restMs = rest.reduce((s, c) => s + c.ms, 0);
  const cell = (sql: string): string => `\`${sql.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  return [
    '| statement | calls per run | ms per run | share of the run |',
    '| --- | ---: | ---: | ---: |',
    ...shown.map((c) => `| ${cell(c.sql)} | ${+(c.calls / p.runs).toFixed(1)} | ${per(c.ms)} | ${share(c.ms)} |`),
    ...(rest.length
      ? [`| ${rest.length} other statements | ${+(rest.reduce((s, c) => s + c.calls, 0) / p.runs).toFixed(1)} | ${per(restMs)} | ${share(restMs)} |`]
      : []),
    `| JavaScript between the statements (and waiting for them) | — | ${per(Math.max(0, p.wallMs - inStatements))} | ${share(Math.max(0, p.wallMs - inStatements))} |`,
    `| **whole run** | — | **${per(p.wallMs)}** | 100 % |`,
  ].join('\n');
}
