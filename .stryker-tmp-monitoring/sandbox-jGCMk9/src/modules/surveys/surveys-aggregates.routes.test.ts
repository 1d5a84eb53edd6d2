/** The baseline's figures through HTTP on the demo's submissions: officials by region, the public suppressed. */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { authHeaders } from '../../../test/http.ts';
import { buildApp } from '../../platform/http/app.ts';
import { MIN_CELL } from './aggregates.domain.ts';
import { DEMO_SURVEY_REGIONS, surveysDemo } from './surveys.demo.ts';
import { surveysRoutes } from './surveys.routes.ts';

const db = await testDb();
const app = await buildApp({ db }, [surveysRoutes]);
const demo = await db.transaction((tx) => surveysDemo(tx));
type Out = {
  indicators: {
    code: string;
    cells: { group: string; respondents: number | null; value: number | null; suppressed: boolean }[];
    total: { respondents: number | null; value: number | null };
  }[];
};
const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Out>();
};

describe('baseline figures', () => {
  test('the demo stored a few hundred submissions in the pilot regions (once, however often it runs)', async () => {
    const total = DEMO_SURVEY_REGIONS.reduce((s, [, n]) => s + n, 0);
    const { rows } = await db.query<{ d: string; n: number }>(
      `SELECT department_code AS d, count(*)::int AS n FROM survey_submissions WHERE source = 'demo' GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.d, r.n]))).toEqual(Object.fromEntries(DEMO_SURVEY_REGIONS.map(([d, n]) => [d, n])));
    expect(demo.submissions === total || demo.submissions === 0).toBe(true);
    expect((await db.transaction((tx) => surveysDemo(tx))).submissions).toBe(0);
  });

  test('officials see the figures of the submissions they may see; the values are those of the answers', async () => {
    const all = await get('/api/surveys/forms/mpe_linea_base/aggregates?by=region', await authHeaders('national'));
    const mercury = all.indicators.find((i) => i.code === 'mercury_use')!;
    const { rows } = await db.query<{ d: string; n: number; yes: number }>(
      `SELECT department_code AS d, count(*)::int AS n, count(*) FILTER (WHERE answers->>'uses_mercury' = 'yes')::int AS yes
       FROM survey_submissions s JOIN survey_forms f ON f.id = s.form_pk WHERE f.form_id = 'mpe_linea_base' GROUP BY 1 ORDER BY 1`,
    );
    expect(mercury.cells.map((c) => [c.group, c.respondents, c.value])).toEqual(rows.map((r) => [r.d, r.n, r.yes / r.n]));
    const puno = await get('/api/surveys/forms/mpe_linea_base/aggregates?by=sex', await authHeaders('regional', { region: '21' }));
    const punoTotal = rows.find((r) => r.d === '21')!.n;
    expect(puno.indicators.find((i) => i.code === 'mercury_use')!.total.respondents).toBe(punoTotal);
  });

  test('the public figures never show a cell under five respondents', async () => {
    const pub = await get('/api/public/surveys/mpe_linea_base/aggregates?by=age_band');
    for (const ind of pub.indicators) {
      for (const c of ind.cells) if (!c.suppressed) expect(c.respondents!).toBeGreaterThanOrEqual(MIN_CELL);
      expect(ind.cells.filter((c) => c.suppressed).length).not.toBe(1);
    }
    const child = pub.indicators.find((i) => i.code === 'child_labour')!;
    expect(child.total.respondents).toBeGreaterThanOrEqual(350);
    expect(JSON.stringify(pub)).not.toMatch(/Ananea|district|instance/i);
    expect((await app.inject({ method: 'GET', url: '/api/public/surveys/other_form/aggregates' })).statusCode).toBe(404);
  });
});
