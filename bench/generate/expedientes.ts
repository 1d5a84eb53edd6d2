/**
 * Formalization expedientes for the benchmarks: one for most REINFO inscriptions of a
 * database that already holds the import, with histories shaped as the demo's
 * (src/modules/demo/demo-formalization.ts: regions with their own pace, files in every
 * stage, suspensions and exclusions following the inscription's REINFO status), fast
 * enough for the national list (100,000 inscriptions → ~58,000 expedientes, ~800,000
 * actions).
 *
 * Every action goes through the domain's rules before it is kept: the same checks as
 * `applyAction` (order, role, `checkAllowed`, the open observation a correction answers)
 * and the same `transition`, applied in place on a private state instead of on a copy
 * per action (the demo's `applyAction` per action clones the whole state: O(history²),
 * 270 s at national size). A sample of the stored expedientes is then replayed through
 * the real `reduce` from the database and its stage compared with the SQL analysis.
 *
 * `node --import tsx bench/generate/expedientes.ts [DATABASE_URL]` fills the database at
 * DATABASE_URL (native PostgreSQL) and prints what it wrote.
 *
 * Written set-based in chunks: COPY on native PostgreSQL (`loadExpedientes`), the
 * module's own set-based inserts on any Veta database, PGlite included
 * (`loadExpedientesInto`). Deterministic: each expediente's history depends only on
 * the seed and its inscription's natural key (RUC, mining right, activity), so both
 * engines get the same expedientes from the same REINFO file.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { history, replayHistory, stamp, type Draft, type TrackPace } from '../../src/modules/demo/demo-formalization.ts';
import { rng, type Rng } from '../../src/modules/demo/random.ts';
import { reduce } from '../../src/modules/formalization/formalization.domain.ts';
import { ACTION_ROLES, checkAllowed } from '../../src/modules/formalization/formalization-rules.domain.ts';
import { initialState, openObservation, transition, type WorkflowAction } from '../../src/modules/formalization/formalization-transitions.domain.ts';
import { insertActions, insertDocuments, loadActions, type NewAction, type NewDocument } from '../../src/modules/formalization/formalization.queries.ts';
import type { Action, ActorRole, DocumentRef } from '../../src/modules/formalization/formalization.schema.ts';
import type { ExpedienteState, Stage } from '../../src/modules/formalization/formalization-state.schema.ts';
import { openDatabase, type Database, type Queryable } from '../../src/platform/db.ts';

const DAY = 86_400_000;

export interface ExpedienteOptions {
  seed?: number;
  /** Share of the inscriptions that get an expediente (the demo: 0.58). */
  share?: number;
  /** The data's "today" (YYYY-MM-DD): nothing happens after it. */
  end?: string;
  /** Inscriptions per chunk written. */
  chunk?: number;
  /** Expedientes replayed through `reduce` from the database afterwards. */
  verify?: number;
}

export interface ExpedienteLoad {
  inscriptions: number;
  expedientes: number;
  actions: number;
  documents: number;
  seconds: number;
  /** Expedientes replayed from the database through the domain's `reduce`, stage equal to the SQL's. */
  verified: number;
}

interface Pace extends TrackPace {
  reviewers: number;
}

// As the demo: Arequipa and Moquegua fast, Madre de Dios observes a lot and stalls on
// land, Puno a long queue for few reviewers. National scale: more reviewers per office.
const PACE: Record<string, Pace> = {
  '21': { reviewers: 4, file: [20, 300], queue: [20, 160], review: [10, 80], observe: 0.45, reject: 0.08 },
  '17': { reviewers: 3, file: [30, 420], queue: [30, 200], review: [15, 120], observe: 0.6, reject: 0.12 },
  '04': { reviewers: 5, file: [10, 200], queue: [5, 60], review: [5, 45], observe: 0.3, reject: 0.05 },
  '05': { reviewers: 3, file: [20, 260], queue: [15, 120], review: [10, 70], observe: 0.4, reject: 0.07 },
  '13': { reviewers: 3, file: [15, 240], queue: [10, 100], review: [10, 60], observe: 0.35, reject: 0.06 },
  '19': { reviewers: 1, file: [20, 280], queue: [20, 140], review: [10, 90], observe: 0.4, reject: 0.1 },
  '18': { reviewers: 1, file: [10, 180], queue: [5, 45], review: [5, 40], observe: 0.25, reject: 0.04 },
  '20': { reviewers: 2, file: [20, 300], queue: [15, 150], review: [10, 80], observe: 0.45, reject: 0.1 },
};
const DEFAULT_PACE: Pace = { ...PACE['13']!, reviewers: 2 };
interface Inscription {
  id: number;
  ruc: string;
  department_code: string;
  inscription_date: string;
  status: string;
  activity: string;
  mining_right_code: string;
}

/** FNV-1a of the inscription's natural key: ids differ between engines (the import's insert order is the plan's). */
const keyHash = (i: Inscription): number => {
  let h = 0x811c9dc5;
  for (const ch of `${i.ruc}|${i.mining_right_code}|${i.activity}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
};

const reviewer = (r: Rng, dept: string, pace: Pace): string => `drem.${dept}.revisor${r.int(1, pace.reviewers)}`;

/** `applyAction`'s checks, then the domain's `transition` on the state itself (no copy). */
function accept(state: ExpedienteState, action: WorkflowAction): boolean {
  if (state.lastActionAt !== undefined && action.at < state.lastActionAt) return false;
  if (!(ACTION_ROLES[action.type] as readonly ActorRole[]).includes(action.actor.role)) return false;
  if (checkAllowed(state, action.type, 'requirement' in action ? action.requirement : undefined)) return false;
  if (action.type === 'correct' && openObservation(state.requirements[action.requirement])?.actionId !== action.payload.observationActionId) return false;
  transition(state, action, {});
  return true;
}

/** The accepted actions and documents of one expediente; `nextId` is the first action id to use. */
function expediente(
  ins: Inscription,
  expedienteId: number,
  openedAt: number,
  opened: string,
  nextId: number,
  seed: number,
  end: number,
): { actions: NewAction[]; documents: NewDocument[] } {
  const r = rng((seed ^ keyHash(ins)) >>> 0);
  const dept = ins.department_code;
  const pace = PACE[dept] ?? DEFAULT_PACE;
  const miner = { userId: `ruc:${ins.ruc}`, role: 'miner' as const };
  const state = initialState();
  const actions: NewAction[] = [];
  const documents: NewDocument[] = [];
  const tryAction = (draft: Draft, files: { name: string; text: string }[] = []): boolean => {
    const docs = files.map((f) => ({ name: f.name, content: Buffer.from(f.text, 'utf8') }));
    const refs: DocumentRef[] = docs.map((d) => ({ name: d.name, sha256: createHash('sha256').update(d.content).digest('hex'), size: d.content.length }));
    const action = { ...draft, id: String(nextId), expedienteId: String(expedienteId), documents: refs } as WorkflowAction;
    if (!accept(state, action)) return false;
    nextId++;
    actions.push({ action: action as Action, seq: actions.length + 1, departmentCode: dept });
    docs.forEach((d, position) =>
      documents.push({
        actionId: action.id,
        expedienteId: action.expedienteId,
        departmentCode: dept,
        position,
        name: d.name,
        mediaType: 'application/pdf',
        sha256: refs[position]!.sha256,
        content: d.content,
      }),
    );
    return true;
  };
  tryAction({
    type: 'open',
    at: opened,
    actor: { userId: 'system:bench', role: 'system' },
    payload: { inscriptionId: String(ins.id), inscribedOn: ins.inscription_date },
  });
  replayHistory(
    r,
    history(r, openedAt, ins.status, pace, (rr) => reviewer(rr, dept, pace), end),
    opened,
    {
      ins,
      miner,
      fallbackOfficial: (rr) => reviewer(rr, dept, pace),
      docText: (name, at) => `Documento ficticio (benchmark): ${name}, derecho minero ${ins.mining_right_code}, ${at.slice(0, 10)}`,
      state: () => state,
      tryAction,
    },
  );
  return { actions, documents };
}

/** Where the rows go: COPY on native PostgreSQL, the module's inserts elsewhere. */
interface Target {
  query: Queryable['query'];
  write(actions: NewAction[], documents: NewDocument[]): Promise<void>;
}

async function load(target: Target, o: ExpedienteOptions): Promise<Omit<ExpedienteLoad, 'verified' | 'seconds'>> {
  const seed = o.seed ?? 2031;
  const share = o.share ?? 0.58;
  const end = Date.parse(`${o.end ?? '2025-06-30'}T23:00:00Z`);
  const earliest = Date.parse('2019-01-02T15:00:00Z');
  const { rows: inscriptions } = await target.query<Inscription>(
    `SELECT id, ruc, department_code::text AS department_code, to_char(inscription_date, 'YYYY-MM-DD') AS inscription_date, status, activity, mining_right_code
     FROM reinfo_inscriptions i WHERE NOT EXISTS (SELECT 1 FROM expedientes e WHERE e.inscription_id = i.id)
     ORDER BY ruc COLLATE "C", mining_right_code COLLATE "C", activity COLLATE "C"`,
  );
  const pick = rng(seed);
  const chosen = inscriptions.map((i) => ({ ...i, id: Number(i.id) })).filter(() => pick.next() < share);
  const { rows: seqRows } = await target.query<{ base: string }>(`SELECT nextval(pg_get_serial_sequence('expediente_actions', 'id')) AS base`);
  let nextId = Number(seqRows[0]!.base);
  let actions = 0;
  let documents = 0;
  const size = o.chunk ?? 5000;
  for (let k = 0; k < chosen.length; k += size) {
    const part = chosen.slice(k, k + size);
    const openedAt = part.map((i) => {
      const r = rng((seed * 31 + keyHash(i)) >>> 0);
      const t = Math.max(Date.parse(`${i.inscription_date}T15:00:00Z`) + r.int(5, 150) * DAY, earliest + r.int(0, 200) * DAY);
      const at = Math.min(t, end - r.int(20, 120) * DAY);
      return { at, stamp: stamp(r, at) };
    });
    const { rows: created } = await target.query<{ id: string; inscription_id: string }>(
      `INSERT INTO expedientes (inscription_id, ruc, department_code, opened_at, opened_by)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) RETURNING id, inscription_id`,
      [part.map((i) => i.id), part.map((i) => i.ruc), part.map((i) => i.department_code), openedAt.map((o) => o.stamp), part.map(() => 'system:bench')],
    );
    const expedienteOf = new Map(created.map((c) => [Number(c.inscription_id), Number(c.id)]));
    const chunkActions: NewAction[] = [];
    const chunkDocuments: NewDocument[] = [];
    part.forEach((ins, j) => {
      const x = expediente(ins, expedienteOf.get(ins.id)!, openedAt[j]!.at, openedAt[j]!.stamp, nextId, seed, end);
      nextId += x.actions.length;
      chunkActions.push(...x.actions);
      chunkDocuments.push(...x.documents);
    });
    await target.write(chunkActions, chunkDocuments);
    actions += chunkActions.length;
    documents += chunkDocuments.length;
  }
  await target.query(`SELECT setval(pg_get_serial_sequence('expediente_actions', 'id'), $1)`, [nextId]);
  return { inscriptions: inscriptions.length, expedientes: chosen.length, actions, documents };
}

/** Replays `n` expedientes (spread over the ids) through `reduce` from what was stored; their stage must be the SQL analysis's. */
export async function verifyExpedientes(db: Queryable, n: number): Promise<number> {
  if (n <= 0) return 0;
  const { rows: all } = await db.query<{ id: string }>('SELECT id FROM expedientes ORDER BY id');
  const step = Math.max(1, Math.floor(all.length / n));
  const ids = all
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((r) => Number(r.id));
  const { rows } = await db.query<{ id: string; stage: Stage }>(
    `SELECT expediente_id AS id, stage FROM formalization_expedientes('infinity') WHERE expediente_id = ANY($1::bigint[])`,
    [ids],
  );
  if (rows.length !== ids.length) throw new Error(`the SQL analysis sees ${rows.length} of ${ids.length} sampled expedientes`);
  const stored = await loadActions(db, ids);
  for (const row of rows) {
    const state = reduce((stored.get(Number(row.id)) ?? []).map((a) => a.action));
    if (state.stage !== row.stage) throw new Error(`expediente ${row.id}: reduce says ${state.stage}, the SQL analysis ${row.stage}`);
  }
  return rows.length;
}

const csv = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`;

async function copyRows(client: pg.Client, sql: string, lines: string[]): Promise<void> {
  async function* chunks() {
    for (let i = 0; i < lines.length; i += 2000) yield `${lines.slice(i, i + 2000).join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

/**
 * The tables the load wrote, the read model its triggers kept (migration 0027) included:
 * a database that lived on would have them analyzed by autovacuum after such a load (PGlite
 * has none); unanalyzed, the report's time-in-step statement planned for an empty table
 * and took 1.3 s instead of 0.4 s at national size.
 */
const ANALYZE_LOADED = `ANALYZE expedientes, expediente_actions, expediente_documents, formalization_kept_actions, formalization_kept_expedientes,
  formalization_kept_requirements, formalization_kept_steps, formalization_kept_milestones`;

/** Fills a native PostgreSQL database that holds a REINFO import (one transaction, COPY per chunk). */
export async function loadExpedientes(databaseUrl: string, o: ExpedienteOptions = {}): Promise<ExpedienteLoad> {
  const t = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let counts: Omit<ExpedienteLoad, 'verified' | 'seconds'>;
  try {
    await client.query('BEGIN');
    counts = await load(
      {
        query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
        write: async (actions, documents) => {
          await copyRows(
            client,
            'COPY expediente_actions (id, expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code) FROM STDIN WITH (FORMAT csv)',
            actions.map(({ action: a, seq, departmentCode }) =>
              [
                a.id,
                a.expedienteId,
                seq,
                csv(a.type),
                csv('requirement' in a ? a.requirement : null),
                csv(JSON.stringify(a.payload)),
                csv(a.actor.userId),
                csv(a.actor.role),
                csv(a.at),
                csv(departmentCode),
              ].join(','),
            ),
          );
          await copyRows(
            client,
            'COPY expediente_documents (action_id, expediente_id, department_code, position, name, media_type, sha256, size, content) FROM STDIN WITH (FORMAT csv)',
            documents.map((d) =>
              [
                d.actionId,
                d.expedienteId,
                csv(d.departmentCode),
                d.position,
                csv(d.name),
                csv(d.mediaType),
                d.sha256,
                d.content.length,
                `\\x${d.content.toString('hex')}`,
              ].join(','),
            ),
          );
        },
      },
      o,
    );
    await client.query('COMMIT');
    await client.query(ANALYZE_LOADED);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - t) / 1000;
  const db = await openDatabase({ databaseUrl });
  try {
    return { ...counts, seconds, verified: await verifyExpedientes(db, o.verify ?? 300) };
  } finally {
    await db.close();
  }
}

/** The same expedientes through the formalization module's set-based inserts, on any open Veta database (PGlite too). */
export async function loadExpedientesInto(db: Database, o: ExpedienteOptions = {}): Promise<ExpedienteLoad> {
  const t = performance.now();
  const counts = await db.transaction((tx) =>
    load(
      {
        query: (sql, params) => tx.query(sql, params),
        write: async (actions, documents) => {
          await insertActions(tx, actions);
          await insertDocuments(tx, documents);
        },
      },
      o,
    ),
  );
  await db.exec(ANALYZE_LOADED);
  const seconds = (performance.now() - t) / 1000;
  return { ...counts, seconds, verified: await verifyExpedientes(db, o.verify ?? 300) };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const url = process.argv[2] ?? process.env['DATABASE_URL'];
  if (!url?.startsWith('postgres')) throw new Error('usage: expedientes.ts postgres://… (a database holding a REINFO import)');
  process.stdout.write(`${JSON.stringify(await loadExpedientes(url))}\n`);
}
