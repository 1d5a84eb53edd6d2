/** The policy follow-up page shows the CLI's numbers (`veta policy evaluate --json`). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Evaluation } from '../../web/src/api/types.ts';
import { launchChromium } from './browser.ts';
import { expectAccessible, go, newTab, shot } from './pages.ts';
import { REPO } from './server.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let cli: Evaluation;

/** The page prints avances as the CLI does (one decimal, ND), as percentages (as the home page), with es-PE digit grouping. */
const asCli = (v: number | null): string => (v === null ? 'ND' : `${v.toFixed(1)} %`);
const fromPage = (s: string | null): string => (s ?? '').trim().replace(/,/g, '');

beforeAll(async () => {
  const file = join(REPO, 'reference', 'policy', 'pnmpmma-seguimiento-2024.csv');
  const run = spawnSync(process.execPath, [join(REPO, 'bin', 'veta.js'), 'policy', 'evaluate', file, '--year', '2024', '--target-year', '2023', '--json'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, VETA_DATA_DIR: 'memory', DATABASE_URL: '' },
  });
  if (run.status !== 0) throw new Error(`veta policy evaluate failed: ${run.stderr}`);
  cli = JSON.parse(run.stdout) as Evaluation;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the policy follow-up report page', () => {
  it('shows the management index, the traffic light and every avance of the CLI, with the names of objectives and indicators', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    // the matrix's values (the page shows the values measured from the records by default)
    await go(page, '/seguimiento?year=2024&targetYear=2023&values=matrix');
    expect(fromPage(await page.getByTestId('management-index').textContent())).toBe(asCli(cli.managementIndex));

    const bands = page.getByRole('region', { name: 'Elementos por color del semáforo (Avance Tipo 1)' });
    await bands.getByRole('button', { name: 'Ver los números' }).click();
    const levels = [
      ['Objetivos prioritarios', cli.bands.objectives],
      ['Indicadores de objetivos prioritarios', cli.bands.objectiveIndicators],
      ['Indicadores de servicios', cli.bands.serviceIndicators],
    ] as const;
    for (const [name, counts] of levels) {
      const cells = await bands
        .locator('table tr', { has: page.locator(`td:text-is("${name}")`) })
        .locator('td')
        .allTextContents();
      expect(cells.slice(1).map(Number)).toEqual([counts.green, counts.yellow, counts.red, counts.nd]);
    }

    for (const o of cli.objectives) {
      const cells = await page
        .locator('table')
        .nth(1)
        .locator('tr', { has: page.locator(`td:text-is("${o.code}")`) })
        .locator('td')
        .allTextContents();
      expect(cells[1]).toBe(o.name);
      expect([fromPage(cells[2] ?? null), fromPage(cells[3] ?? null)]).toEqual([asCli(o.avance1), asCli(o.avance2)]);
    }
    for (const i of cli.indicators) {
      const row = page.locator('tr', { has: page.locator(`td:text-is("${i.code}")`) }).first();
      const cells = await row.locator('td').allTextContents();
      expect(cells[1]).toBe(i.name);
      expect([fromPage(cells[3] ?? null), fromPage(cells[4] ?? null)]).toEqual([asCli(i.avance1), asCli(i.avance2)]);
    }
    expect(await page.locator('main').textContent()).toContain(`Observaciones a las cifras publicadas (${cli.discrepancies.length})`);

    for (const [label, type] of [
      ['PDF', 'application/pdf'],
      ['Excel (XLSX)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const href = await page.getByRole('link', { name: label }).getAttribute('href');
      const res = await context.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }
    await shot(page, 'report-01-policy-follow-up');
    await expectAccessible(page, 'policy-report');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows by default the report built from the records, as the API measures it', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    const api = (await (
      await context.request.get('/api/public/policies/PNMPMMA-2030/evaluation?year=2024&targetYear=2023&values=measured')
    ).json()) as Evaluation;
    await go(page, '/seguimiento?year=2024&targetYear=2023');
    expect(await page.getByLabel('Valores obtenidos', { exact: true }).inputValue()).toBe('measured');
    expect(fromPage(await page.getByTestId('management-index').textContent())).toBe(asCli(api.managementIndex));
    const clean = api.indicators.find((i) => i.code === 'ISS.01.03.01.01')!;
    const cells = await page
      .locator('tr', { has: page.locator('td:text-is("ISS.01.03.01.01")') })
      .first()
      .locator('td')
      .allTextContents();
    expect(fromPage(cells[3] ?? null)).toBe(asCli(clean.avance1));
    const html = await context.request.get('/api/public/policies/PNMPMMA-2030/report.html?year=2024&targetYear=2023&values=measured');
    const text = await html.text();
    expect(text).toContain('Anexo: fichas técnicas de los indicadores');
    expect(text).toContain('class="comparisons"');
    await shot(page, 'report-02-from-records');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labels each bar with its real avance (cut at 200 % but labelled 290), no label without data, and one format with the home page', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/seguimiento?year=2024&targetYear=2023&values=matrix');
    const chart = page.getByTestId('avance-bars');
    await chart.waitFor();
    const bars = chart.locator('g[data-code]');
    expect(await bars.count()).toBe(cli.indicators.length);
    let capped = 0;
    for (const i of cli.indicators) {
      const label = bars.locator(`xpath=self::*[@data-code="${i.code}"]`).locator('text.bar-label');
      if (i.avance1 === null) {
        expect(await label.count(), i.code).toBe(0);
        expect(await bars.locator(`xpath=self::*[@data-code="${i.code}"]`).locator('rect').count(), i.code).toBe(0);
        continue;
      }
      const text = fromPage(await label.textContent());
      expect(text.replace(' ▸', ''), i.code).toBe(asCli(i.avance1));
      if (i.avance1 > 200) {
        capped += 1;
        expect(text, i.code).toContain('▸');
      }
    }
    expect(capped).toBeGreaterThan(0); // the seed has avances above 200 % (290, 436.6)
    const index = fromPage(await page.getByTestId('management-index').textContent());
    expect(index).toMatch(/^\d+\.\d %$/);
    await go(page, '/');
    const home = page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: /^Índice de gestión/ }) }).locator('.kpi-value');
    await home.waitFor();
    expect(fromPage(await home.textContent())).toMatch(/^\d+\.\d %$/); // the same format on both pages
    expect(errors).toEqual([]);
    await context.close();
  });
});
