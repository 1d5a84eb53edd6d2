/**
 * The services pages in the browser: a regional official sees a service's deliveries by
 * region, sex and month as the API counts them, records an event with participants, and
 * uploads an attendance list whose row errors come back in Spanish.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { expectAccessible, go, logIn, newTab, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('services', () => {
  it("shows a service's deliveries as the API counts them, and records an event", async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    const api = (await (await context.request.get('/api/services/summary?service=SS.01.03.01&year=2024')).json()) as {
      byRegion: { key: string; participants: number; passed: number }[];
    };
    expect(api.byRegion.map((r) => r.key)).toEqual(['21']); // a regional official sees their region only
    await go(page, '/servicios?service=SS.01.03.01&year=2024');
    const row = await page
      .locator('table')
      .first()
      .locator('tr', { has: page.locator('td:text-is("21")') })
      .locator('td')
      .allTextContents();
    expect(row.slice(2).map((c) => Number(c.replace(/\D/g, '')))).toEqual([api.byRegion[0]!.participants, api.byRegion[0]!.passed]);
    await expectAccessible(page, 'services');
    await shot(page, 'services-01-service');

    await go(page, '/servicios/evento');
    const code = `E2E-${Date.now()}`;
    await page.getByLabel('Código del evento').fill(code);
    await page.getByLabel('Tema').fill('Gravimetría');
    await page.getByLabel('Fecha').fill('2024-08-10');
    await page.getByLabel(/^Participantes/).fill('40999001; ANA PRUEBA; F; SI\n40999002; LUIS PRUEBA; M; NO');
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByRole('status').filter({ hasText: code }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: code }).textContent()).toContain('2 participantes, 1 con capacidades');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('uploads an attendance list and shows the row errors in Spanish', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/servicios/carga');
    const file = join(tmpdir(), `lista-${Date.now()}.csv`);
    writeFileSync(file, 'CODIGO EVENTO,SERVICIO,TEMA,FECHA,UBIGEO,DNI,NOMBRES,SEXO,APROBO\nE2E-L,SS.01.03.01,Tema,10/08/2024,210101,40999003,ANA,F,QUIZAS\n');
    await page.getByLabel('Archivo').setInputFiles(file);
    await page.getByRole('button', { name: 'Cargar' }).click();
    await page.getByText('Rechazado: no se importó nada').waitFor({ timeout: 30_000 });
    expect(await page.locator('table').first().textContent()).toContain('no es SI ni NO');
    await shot(page, 'services-02-upload-errors');
    await context.close();
  });
});
