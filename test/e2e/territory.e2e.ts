/**
 * The territory in the browser: the public map draws its four vector-tile layers (protected
 * areas, rights, fronts, situation classes) from `/api/public/tiles/…pbf`, and the situation
 * page shows seed 004's table computed from the demo's geometry; an inscription whose front
 * lies in a protected area carries the warning on its page.
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

describe('the national map and the situation of informal miners’ areas', () => {
  it('draws protected areas, rights, fronts and situation classes from vector tiles', async () => {
    const { page, errors } = await newTab(browser, baseUrl);
    const tiles: Record<string, number[]> = {};
    page.on('response', (r) => {
      const m = /\/api\/public\/tiles\/(\w+)\/\d+\/\d+\/\d+\.pbf/.exec(r.url());
      if (m) (tiles[m[1]!] ??= []).push(r.status());
    });
    await go(page, '/mapa');
    for (const layer of ['areas', 'rights', 'fronts', 'situation']) {
      await page.waitForFunction(
        (l) => Array.from(document.querySelectorAll(`canvas[data-layer="${l}"]`)).some((c) => Number((c as HTMLElement).dataset['features']) > 0),
        layer,
        { timeout: 60_000 },
      );
      expect(tiles[layer]?.length ?? 0).toBeGreaterThan(0);
      // tiles carry an ETag of the data version: a tile asked for again is revalidated (304)
      expect(tiles[layer]!.every((s) => s === 200 || s === 304)).toBe(true);
    }
    // the canvases really carry paint: some pixel of the situation layer is not transparent
    const painted = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas[data-layer="situation"]')).some((c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
        return false;
      }),
    );
    expect(painted).toBe(true);
    await shot(page, 'territory-01-map');
    await expectAccessible(page, 'territory-map');
    expect(errors).toEqual([]);
  });

  it('shows seed 004’s table for 2006 in La Libertad, Pasco and Moquegua, from the records', async () => {
    const { page, errors } = await newTab(browser, baseUrl);
    await go(page, '/territorio/situacion?year=2006');
    const first = page.locator('main table').first();
    expect(await first.locator('caption').textContent()).toContain('858');
    const cases = await first.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(cases.map((c) => Number(c.replace(/\D/g, '')))).toEqual([43, 46, 60, 308, 53, 248, 92, 8]);
    const percents = await first.locator('tbody tr td:nth-child(3)').allTextContents();
    // es-PE writes the decimal point (0.9), as Intl.NumberFormat('es-PE') does: 8 of 858 cases, recomputed (seed 004 prints 0.1)
    expect(percents.at(-1)).toBe(new Intl.NumberFormat('es-PE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(0.9));
    await shot(page, 'territory-02-situation');
    await expectAccessible(page, 'territory-situation');
    expect(errors).toEqual([]);
  });
  it('warns on the inscription page of the areas its front and right overlap (a finding, not a refusal)', async () => {
    const api = await apiAs(browser, baseUrl, 'nacional', 'veta-nacional');
    const overlaps = (await (await api.request.get('/api/territory/overlaps')).json()) as { entity: string; id: number; areaName: string }[];
    const hit = overlaps.find((o) => o.entity === 'inscription');
    expect(hit, 'the demo has a front inside a protected area').toBeDefined();
    await api.close();
    const { page, errors } = await newTab(browser, baseUrl);
    await logIn(page, 'nacional', 'veta-nacional');
    await go(page, `/inscripciones/${hit!.id}`);
    const region = page.getByRole('region', { name: 'Superposición con áreas protegidas o de exclusión' });
    await region.waitFor();
    expect(await region.textContent()).toContain(hit!.areaName);
    expect(await region.textContent()).toContain('Frente minero');
    expect(await region.textContent()).toContain('Advertencia, no un rechazo');
    await shot(page, 'territory-03-inscription-overlap');
    await expectAccessible(page, 'territory-inscription-overlap');
    expect(errors).toEqual([]);
  });
});
