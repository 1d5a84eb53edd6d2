/**
 * `/datos` for a logged-out visitor: search and filter the catalog, open a spatial
 * dataset (map, preview, dictionary, API call), download its CSV as the page links it,
 * and switch to English; then a non-spatial one (the informal miners' situation, no
 * map) whose download gives seed 004's table for the demo's pilot — every page passing
 * the accessibility check.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { expectAccessible, go, newTab, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the open data catalog', () => {
  it('searches, filters, previews, maps and downloads', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/datos');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Datos abiertos');
    const all = await page.locator('.dataset-list > li').count();
    expect(all).toBeGreaterThanOrEqual(8);
    await shot(page, 'opendata-01-catalog');
    await expectAccessible(page, 'opendata catalog');

    await page.getByLabel('Buscar un conjunto de datos').fill('oro');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.dataset-list > li').length === 1);
    expect(await page.locator('.dataset-list h2').textContent()).toBe('Producción y comercio de oro por región y mes');

    await go(page, '/datos');
    await page.getByLabel('Tema').selectOption('registry');
    await page.waitForFunction(() => document.querySelectorAll('.dataset-list > li').length === 4);
    await page.getByLabel('Región').selectOption('21');
    await page.getByRole('link', { name: /Derechos mineros con su polígono/ }).click();
    await page.locator('.leaflet-interactive').first().waitFor();
    expect(page.url()).toContain('/datos/derechos-mineros?region=21');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Diccionario de datos');
    expect(main).toContain('verification');
    expect(main).toContain('Creative Commons Attribution 4.0');
    expect(await page.locator('pre.api-call').textContent()).toContain('/api/public/datasets/derechos-mineros.csv?region=21');
    await shot(page, 'opendata-02-dataset');
    await expectAccessible(page, 'opendata dataset');

    const link = page.getByRole('link', { name: /en CSV$/ });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/api/public/datasets/derechos-mineros.csv?region=21');
    const csv = await context.request.get(href);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // (trim also drops the BOM, checked above)
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('code,name,hectares,department_code,verification');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(',')[3] === '21')).toBe(true);
    // the preview shows the first rows of the same data
    const firstCode = lines[1]!.split(',')[0]!;
    expect(await page.locator('#od-preview ~ * table, section:has(#od-preview) table').first().textContent()).toContain(firstCode);

    await page.getByRole('button', { name: /EN/ }).click();
    await page.getByRole('heading', { name: 'Data dictionary' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mining rights with their polygon');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a dataset without geometry: no map, the filters it honours, seed 004's table", async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/datos');
    await page.getByLabel('Tema').selectOption('territory');
    await page.waitForFunction(() => document.querySelectorAll('.dataset-list > li').length === 4);
    await page.getByRole('link', { name: /Situación de las áreas donde se ubican los mineros informales/ }).click();
    await page.getByRole('heading', { name: 'Diccionario de datos' }).waitFor();
    await page.getByLabel('Año', { exact: true }).fill('2006');
    await page.getByLabel('Región', { exact: true }).selectOption('13');
    await page.waitForFunction(() => window.location.search.includes('region=13') && window.location.search.includes('year=2006'));
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    expect(await page.locator('pre.api-call').textContent()).toContain('/api/public/datasets/mineros-informales-situacion.csv?region=13&year=2006');
    const formats = await page.locator('.downloads a').allTextContents();
    expect(formats).toEqual(['CSV', 'Excel (XLSX)', 'JSON']);
    await page.locator('section:has(#od-preview) table').getByText('LIBRE').first().waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('SIN_DAC');
    await shot(page, 'opendata-03-situation');
    await expectAccessible(page, 'opendata non-spatial dataset');

    const href = (await page.getByRole('link', { name: /en CSV$/ }).getAttribute('href'))!;
    expect(href).toBe('/api/public/datasets/mineros-informales-situacion.csv?region=13&year=2006');
    const all = await context.request.get('/api/public/datasets/mineros-informales-situacion.json?year=2006');
    expect(all.status()).toBe(200);
    const rows = (await all.json()) as { department_code: string | null; situation: string; cases: number }[];
    // the PERCAN pilot in La Libertad, Pasco and Moquegua: seed 004's cases, situation by situation
    const pilot = ['LIBRE', 'CONSTRUCCION', 'EXPLORACION', 'EXPLOTACION', 'PARALIZADA', 'SIN_ACTIVIDAD', 'SIN_DAC', 'ATIPICA'].map((s) =>
      rows.filter((r) => ['13', '19', '18'].includes(r.department_code ?? '') && r.situation === s).reduce((a, r) => a + r.cases, 0),
    );
    expect(pilot).toEqual([43, 46, 60, 308, 53, 248, 92, 8]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
