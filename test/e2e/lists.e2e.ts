/**
 * Lists that scale, as an official sees them (issue 12): /buscar shows the real total
 * (66 Puno matches, not 50) and pages through them; sorting by name puts CÁRDENAS before
 * CUTIPA; a lot code typed in lower case opens the lot.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { apiAs, expectAccessible, go, logIn, newTab, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Page<T> {
  total: number;
  items: T[];
  next: string | null;
}

describe('lists that scale', () => {
  it('/buscar shows the real total and pages through every match', async () => {
    const api = await apiAs(browser, baseUrl, 'puno', 'veta-puno');
    const all = (await (await api.request.get('/api/registry/search?q=QUISPE&limit=500')).json()) as Page<{ label: string }>;
    expect(all.total).toBeGreaterThan(50);
    expect(all.items.length).toBe(all.total);
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/buscar?q=QUISPE');
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.getByRole('status').textContent()).toContain(`${all.total} resultados`);
    expect(await results.locator('tbody tr').count()).toBe(50);
    await shot(page, 'lists-01-search');
    await expectAccessible(page, 'search-list');
    await results.getByRole('button', { name: 'Siguiente' }).click();
    await expect.poll(() => results.getByRole('status').textContent()).toContain(`51–${all.total} de ${all.total}`);
    expect(await results.locator('tbody tr').count()).toBe(all.total - 50);
    await results.getByRole('button', { name: 'Anterior' }).click();
    await expect.poll(() => results.locator('tbody tr').count()).toBe(50);
    expect(errors).toEqual([]);
    await context.close();
    await api.close();
  });

  it('sorting by name puts CÁRDENAS before CUTIPA', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/buscar?q=JUAN&kind=person');
    const results = page.getByTestId('search-results');
    await results.getByRole('button', { name: /^Nombre/ }).click();
    await expect.poll(() => results.locator('th[aria-sort="ascending"]').textContent()).toContain('Nombre');
    await page.waitForLoadState('networkidle');
    const names = (await results.locator('tbody tr td:nth-child(2)').allTextContents()).map((s) => s.trim());
    const cardenas = names.findIndex((n) => n.startsWith('CÁRDENAS'));
    const cutipa = names.findIndex((n) => n.startsWith('CUTIPA'));
    expect(cardenas).toBeGreaterThanOrEqual(0);
    expect(cutipa).toBeGreaterThan(cardenas);
    // the page's order is the server's Spanish order, accents folded
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, (m, i: number, all: string) => (all[i - 1] === 'N' && m === '\u0303' ? m : ''));
    const sorted = [...names].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
    expect(names.map(fold)).toEqual(sorted.map(fold));
    await shot(page, 'lists-02-sorted');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a lot code in lower case opens the lot', async () => {
    const api = await apiAs(browser, baseUrl, 'nacional', 'veta-nacional');
    const code = 'CECOMIP-2505-01';
    expect((await api.request.get(`/api/public/lots/${code}`)).ok()).toBe(true);
    expect((await api.request.get(`/api/public/lots/${code.toLowerCase()}`)).ok()).toBe(true);
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, `/lotes/${code.toLowerCase()}`);
    await expect.poll(() => page.locator('main').textContent()).toContain(code);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/lotes/${code}`);
    expect(await page.locator('main').textContent()).not.toContain('No hay un lote');
    expect(errors).toEqual([]);
    await context.close();
    await api.close();
  });

  it('the home page says what each number counts; the imports page lists the history with one import number', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/');
    const kpis = (await page.locator('.kpi').allTextContents()).join(' | ');
    expect(kpis).toContain('Inscripciones en el REINFO');
    await expect.poll(async () => (await page.locator('.kpi').allTextContents()).join(' | ')).toContain('Con expediente de formalización');
    expect(await page.locator('main').textContent()).toContain('Cuenta expedientes, no inscripciones');
    await logIn(page, 'nacional', 'veta-nacional');
    await go(page, '/importaciones');
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.getByRole('status').textContent()).toMatch(/\d+ resultados?/);
    const api = await apiAs(browser, baseUrl, 'nacional', 'veta-nacional');
    const first = ((await (await api.request.get('/api/imports?limit=1')).json()) as Page<{ importId: number | null }>).items[0]!;
    if (first.importId !== null) expect(await history.locator('tbody tr').first().textContent()).toContain(`#${first.importId}`);
    await shot(page, 'lists-03-imports');
    await expectAccessible(page, 'imports-history');
    expect(errors).toEqual([]);
    await context.close();
    await api.close();
  });
});
