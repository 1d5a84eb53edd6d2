/** Region scoping is enforced by PostgreSQL itself, whatever SQL the application runs. */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { readCsv } from '../../src/platform/files/tabular.ts';
import { withActor } from '../../src/platform/context.ts';
import { importReinfo } from '../../src/modules/registry/reinfo.import.ts';
import { testDb } from '../db.ts';
import { actor, buildReinfoRow, companyRuc, toCsv } from '../factories.ts';

const db = await testDb();
const orgRuc = companyRuc();
await importReinfo(
  db,
  actor('national'),
  readCsv(
    Buffer.from(
      toCsv([
        buildReinfoRow(),
        buildReinfoRow({}, 'arequipa'),
        buildReinfoRow({}, 'madreDeDios'),
        buildReinfoRow({ RUC: orgRuc, NOMBRE: 'COOPERATIVA MINERA RLS' }, 'laLibertad'),
        buildReinfoRow({ RUC: companyRuc(), NOMBRE: 'ASOCIACION RLS PUNO' }),
      ]),
    ),
  ),
  { fileName: 'rls.csv', sha256: 'r'.repeat(64), asOf: '2024-01-01' },
);
const puno = actor('regional', '21');

describe('row-level security', () => {
  test('a request runs as the non-owner application role, and only for its transaction', async () => {
    const inside = await withActor(db, puno, (tx) =>
      tx.query<{ user: string; bypass: boolean; role: string; region: string }>(
        `SELECT current_user AS user, (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user) AS bypass,
                current_setting('veta.role') AS role, current_setting('veta.region') AS region`,
      ),
    );
    expect(inside.rows[0]).toEqual({ user: 'veta_app', bypass: false, role: 'regional', region: '21' });
    const after = await db.query<{ user: string }>('SELECT current_user AS user');
    expect(after.rows[0]!.user).not.toBe('veta_app');
  });

  test.each(['reinfo_inscriptions', 'mining_rights', 'inscription_status_history'])(
    'raw SELECT on %s as a Puno official returns Puno rows only',
    async (table) => {
      const { rows } = await withActor(db, puno, (tx) => tx.query<{ d: string }>(`SELECT DISTINCT department_code AS d FROM ${table}`));
      expect(rows.map((r) => r.d)).toEqual(['21']);
    },
  );

  test.each(['persons', 'organizations'])('raw SELECT on %s as a Puno official returns Puno rows only', async (table) => {
    const { rows } = await withActor(db, puno, (tx) => tx.query<{ d: string }>(`SELECT DISTINCT region_code AS d FROM ${table}`));
    expect(rows.map((r) => r.d)).toEqual(['21']);
  });

  test('the audit log as a Puno official shows only Puno entries', async () => {
    const { rows } = await withActor(db, puno, (tx) => tx.query<{ r: string | null }>('SELECT DISTINCT region_code AS r FROM audit_log'));
    for (const r of rows) expect(r.r).toBe('21');
  });

  test('a national official sees every region', async () => {
    const { rows } = await withActor(db, actor('national'), (tx) => tx.query<{ d: string }>('SELECT DISTINCT department_code AS d FROM reinfo_inscriptions'));
    expect(rows.map((r) => r.d)).toEqual(expect.arrayContaining(['04', '13', '17', '21']));
  });

  test('a miner sees only their own inscriptions', async () => {
    const { rows } = await withActor(db, actor('miner', null, orgRuc), (tx) => tx.query<{ ruc: string }>('SELECT DISTINCT ruc FROM reinfo_inscriptions'));
    expect(rows.map((r) => r.ruc)).toEqual([orgRuc]);
  });

  test('a Puno official cannot update another region: zero rows, and cannot insert there', async () => {
    const updated = await withActor(db, puno, (tx) =>
      tx.query<{ id: number }>(`UPDATE reinfo_inscriptions SET status = 'excluido' WHERE department_code = '04' RETURNING id`),
    );
    expect(updated.rows).toHaveLength(0);
    await expect(
      withActor(db, puno, (tx) => tx.query(`INSERT INTO persons (dni, full_name, search_key, region_code) VALUES ('99999998', 'X', 'X', '04')`)),
    ).rejects.toThrow(/row-level security/);
  });

  test('the auditor reads everything and writes nothing', async () => {
    const { rows } = await withActor(db, actor('auditor'), (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM reinfo_inscriptions'));
    expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
    const updated = await withActor(db, actor('auditor'), (tx) => tx.query<{ id: number }>(`UPDATE reinfo_inscriptions SET status = status RETURNING id`));
    expect(updated.rows).toHaveLength(0);
  });

  test('the application role cannot rewrite history', async () => {
    await expect(withActor(db, actor('admin'), (tx) => tx.query('DELETE FROM audit_log'))).rejects.toThrow(/permission denied/);
    await expect(withActor(db, actor('admin'), (tx) => tx.query(`UPDATE inscription_status_history SET status = 'vigente'`))).rejects.toThrow(
      /permission denied/,
    );
  });
});
