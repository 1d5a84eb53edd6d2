/**
 * The read model the database keeps (migration 0027) is the one the report derives from
 * scratch, after any sequence of appended (and deleted) actions, for a national and a
 * regional official (row-level security).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { importInscriptions, inscriptionRowIn } from './formalization-db.fixtures.ts';
import { reportRows } from './formalization-report.fixtures.ts';
import * as sql from './formalization-report.queries.ts';
import { REQUIREMENT_CODES } from './formalization.schema.ts';
import { openExpediente } from './formalization.service.ts';

const db = await testDb();
const AMAZONAS = { DEPARTAMENTO: 'AMAZONAS', PROVINCIA: 'CHACHAPOYAS', DISTRITO: 'CHACHAPOYAS', LATITUD: '-6.2317', LONGITUD: '-77.8690' };
// Lambayeque: a department no other test uses (the report's known dataset counts Pasco's expedientes)
const LAMBAYEQUE = { DEPARTAMENTO: 'LAMBAYEQUE', PROVINCIA: 'CHICLAYO', DISTRITO: 'CHICLAYO', LATITUD: '-6.7669', LONGITUD: '-79.8506' };
const places = [AMAZONAS, AMAZONAS, AMAZONAS, LAMBAYEQUE, LAMBAYEQUE, LAMBAYEQUE];
const inscriptions = await importInscriptions(
  db,
  places.map((p) => inscriptionRowIn(p)),
);
const opened: { id: number; department: string }[] = [];
for (const [k, inscriptionId] of inscriptions.entries()) {
  // the last inscription of each department has no expediente: its actions appear from nothing
  if (k === 2 || k === 5) continue;
  const region = places[k] === LAMBAYEQUE ? '14' : '01';
  const { id } = await openExpediente(db, actor('regional', region), inscriptionId!, new Date('2024-01-05T15:00:00Z'));
  opened.push({ id: Number(id), department: region });
}

const REQUIREMENT_TYPES = ['file', 'start_review', 'observe', 'correct', 'approve', 'reject'] as const;
const EXPEDIENTE_TYPES = ['suspend', 'exclude', 'reinstate', 'amend', 'open'] as const;
const action = fc.record({
  expediente: fc.nat({ max: opened.length - 1 }),
  type: fc.constantFrom(...REQUIREMENT_TYPES, ...REQUIREMENT_TYPES, ...EXPEDIENTE_TYPES),
  requirement: fc.constantFrom(...REQUIREMENT_CODES),
  day: fc.integer({ min: 0, max: 500 }),
  minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  inscribedOn: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
});
const change = fc.oneof(
  { weight: 9, arbitrary: action.map((a) => ({ kind: 'append' as const, ...a })) },
  { weight: 1, arbitrary: fc.nat({ max: 1000 }).map((pick) => ({ kind: 'delete' as const, pick })) },
);

const dayOf = (base: string, days: number): string => new Date(Date.parse(base) + days * 86_400_000).toISOString().slice(0, 10);

/** Appends (or deletes) actions as the tables' owner, in the given transaction. */
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

async function apply(tx: Queryable, changes: Change[]): Promise<void> {
  for (const c of changes) {
    if (c.kind === 'delete') {
      await tx.query(
        `DELETE FROM expediente_actions WHERE id = (
           SELECT id FROM expediente_actions WHERE expediente_id = ANY ($1::bigint[]) AND type <> 'open'
           ORDER BY id OFFSET $2 % greatest(1, (SELECT count(*) FROM expediente_actions WHERE expediente_id = ANY ($1::bigint[]) AND type <> 'open')) LIMIT 1)`,
        [opened.map((e) => e.id), c.pick],
      );
      continue;
    }
    const e = opened[c.expediente]!;
    const at = new Date(Date.parse('2024-01-06T00:00:00Z') + c.day * 86_400_000 + c.minutes * 60_000).toISOString();
    const isRequirement = (REQUIREMENT_TYPES as readonly string[]).includes(c.type);
    const payload =
      c.type === 'amend'
        ? `jsonb_build_object('amendsActionId', (SELECT id::text FROM expediente_actions WHERE expediente_id = $1 AND type = 'open' ORDER BY seq LIMIT 1),
                              'replacement', jsonb_build_object('type', 'open', 'payload', $6::jsonb))`
        : c.type === 'open'
          ? `$6::jsonb`
          : `'{}'::jsonb || jsonb_build_object('x', $6::jsonb)`;
    const inscribed = c.inscribedOn === null ? {} : { inscribedOn: dayOf('2021-01-01', c.inscribedOn) };
    await tx.query(
      `INSERT INTO expediente_actions (expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code)
       SELECT $1, coalesce((SELECT max(seq) FROM expediente_actions WHERE expediente_id = $1), 0) + 1, $2, $3, ${payload},
              $4, 'regional_official', $5, $7`,
      [e.id, c.type, isRequirement ? c.requirement : null, `reviewer-${c.minutes % 3}`, at, JSON.stringify(inscribed), e.department],
    );
  }
}

const everything = async (tx: Queryable, w: sql.ReportWindow, derive: boolean): Promise<Record<string, unknown[]>> => {
  await sql.prepareReportModel(tx, w, { derive });
  return reportRows(tx, w);
};

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rolled back');
  }
}

/** In one rolled-back transaction: the changes as the owner, then the report's rows read as `reader`. */
async function afterChanges(changes: Change[], reader: Actor, w: sql.ReportWindow) {
  return db
    .transaction(async (tx) => {
      await apply(tx, changes);
      await tx.query(
        `SELECT set_config('role', 'veta_app', true), set_config('veta.role', $1, true), set_config('veta.region', $2, true),
                set_config('veta.ruc', '', true), set_config('veta.user', $3, true)`,
        [reader.role, reader.region ?? '', reader.username],
      );
      const kept = await everything(tx, w, false);
      const derived = await everything(tx, w, true);
      const { rows } = await tx.query<{ kept: string }>('SELECT count(*)::text AS kept FROM formalization_kept_expedientes');
      throw new Rollback({ kept, derived, visible: Number(rows[0]!.kept) });
    })
    .catch((e: unknown) => {
      if (e instanceof Rollback) return e.result as { kept: Record<string, unknown[]>; derived: Record<string, unknown[]>; visible: number };
      throw e;
    });
}

describe('the kept read model of the formalization report', () => {
  test('equals the derivation from scratch after random appends and deletions (national and regional officials)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<[Actor, string | null]>(
          [actor('national'), null],
          [actor('national'), '14'],
          [actor('regional', '14'), '14'],
          [actor('regional', '01'), null],
        ),
        fc.constantFrom<[string | null, string | null]>([null, null], ['2024-03-01', '2024-12-31']),
        async (changes, [reader, region], [from, to]) => {
          const w: sql.ReportWindow = { at: '2025-12-31T23:59:59-05:00', region, from, to };
          const { kept, derived, visible } = await afterChanges(changes, reader, w);
          expect(visible).toBeGreaterThan(0);
          expect(kept).toEqual(derived);
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);

  test('a regional official sees only the kept rows of their department', async () => {
    const { rows } = await db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('role', 'veta_app', true), set_config('veta.role', 'regional', true), set_config('veta.region', '14', true)`);
      return tx.query<{ department_code: string }>(
        `SELECT department_code FROM formalization_kept_expedientes UNION SELECT department_code FROM formalization_kept_actions
         UNION SELECT department_code FROM formalization_kept_requirements UNION SELECT department_code FROM formalization_kept_steps
         UNION SELECT department_code FROM formalization_kept_milestones`,
      );
    });
    expect(rows.map((r) => r.department_code)).toEqual(['14']);
  });

  test('the kept model is used only when the cut-off is at or after the last action', async () => {
    const uses = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ last: string }>(
          `SELECT to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last FROM expediente_actions WHERE department_code = '14'`,
        );
        const last = rows[0]!.last;
        await tx.query(`SELECT set_config('role', 'veta_app', true), set_config('veta.role', 'regional', true), set_config('veta.region', '14', true)`);
        const which = async (at: string): Promise<string> => {
          await sql.prepareReportModel(tx, { at, region: null, from: null, to: null });
          const { rows } = await tx.query<{ t: string | null }>(`SELECT to_regclass('pg_temp.fr_actions')::text AS t`);
          return rows[0]!.t === null ? 'kept' : 'derived';
        };
        // kept first: a derivation leaves its tables until the transaction ends
        throw new Rollback([await which(last), await which(new Date(Date.parse(last) - 1).toISOString())]);
      })
      .catch((e: unknown) => (e instanceof Rollback ? e.result : Promise.reject(e)));
    expect(uses).toEqual(['kept', 'derived']);
  });
});
