// @ts-nocheck
import { expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/context.ts';
import { withActor } from '../../platform/context.ts';
import type { DatasetRecord } from '../../platform/datasets.ts';
import { ensureTestPolicy, projectBody } from './cooperation-db.fixtures.ts';
import { cooperationDatasets } from './cooperation.datasets.ts';
import { projectInput } from './cooperation.schema.ts';
import { createProject } from './cooperation.service.ts';

const AUDITOR: Actor = { username: 'auditor-test', role: 'auditor', region: null, ruc: null, userId: null };
const COOP: Actor = { username: 'coop-dataset-test', role: 'cooperation', region: null, ruc: null, userId: null };

async function all(filter: { region: string | null; year: number | null }): Promise<DatasetRecord[]> {
  const db = await testDb();
  return withActor(db, AUDITOR, async (tx) => {
    const out: DatasetRecord[] = [];
    for await (const batch of cooperationDatasets[0]!.rows(tx, filter)) out.push(...batch);
    return out;
  });
}

test('the projects dataset: one row per project and department, the dictionary’s fields in order, region and year filters', async () => {
  const db = await testDb();
  await ensureTestPolicy(db);
  const body = projectBody({ regions: ['21', '17', '170101'], startDate: '2021-01-01', endDate: '2022-12-31', status: 'closed' });
  await createProject(db, COOP, projectInput.parse(body));
  const fields = cooperationDatasets[0]!.fields.map((f) => f.name);
  const rows = (await all({ region: null, year: null })).filter((r) => r.values['identifier'] === body.identifier);
  expect(rows.map((r) => r.values['department_code']).sort()).toEqual(['17', '21']);
  for (const r of rows) expect(Object.keys(r.values)).toEqual(fields);
  expect(rows[0]!.values['budget_usd']).toBeGreaterThan(300000);
  const puno = (await all({ region: '21', year: null })).filter((r) => r.values['identifier'] === body.identifier);
  expect(puno).toHaveLength(1);
  expect((await all({ region: null, year: 2022 })).some((r) => r.values['identifier'] === body.identifier)).toBe(true);
  expect((await all({ region: null, year: 2024 })).some((r) => r.values['identifier'] === body.identifier)).toBe(false);
});
