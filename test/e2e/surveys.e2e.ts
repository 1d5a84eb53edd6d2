/**
 * A surveyor in the field: the app and the baseline form installed (service worker,
 * IndexedDB), the connection gone, two surveys filled and finished — checked as they are
 * typed — the page reloaded with no connection, the connection back: the server holds
 * exactly those two submissions.
 */
import type { Browser, Page } from 'playwright-core';
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

const group = (page: Page, name: string) => page.getByRole('group', { name: new RegExp(`^${name}`) });

/** Fills the MPE baseline for a small Puno unit with no mercury, children or accidents. */
async function fillBaseline(page: Page, v: { district: string; age: string; men: string; women: string }) {
  await page.getByLabel(/^Departamento/).selectOption({ label: 'Puno' });
  await page.getByLabel(/^Distrito/).fill(v.district);
  await group(page, 'Sexo').getByLabel('Mujer', { exact: true }).check();
  // checked as it is typed: an under-age respondent is refused on the spot
  await page.getByLabel(/^Edad \(años cumplidos\)/).fill('15');
  await expect.poll(() => page.getByText('La persona entrevistada debe tener entre 18 y 100 años').count()).toBe(1);
  await page.getByLabel(/^Edad \(años cumplidos\)/).fill(v.age);
  await expect.poll(() => page.getByText('La persona entrevistada debe tener entre 18 y 100 años').count()).toBe(0);
  await group(page, 'Rol en la unidad minera').getByLabel('Pallaquera', { exact: true }).check();
  await page.getByLabel(/^Personas en el hogar/).fill('4');
  await group(page, 'Estrato').getByLabel('Productor minero artesanal (PMA)').check();
  await group(page, '¿La unidad está inscrita en el REINFO\\?').getByLabel('No', { exact: true }).check();
  await group(page, 'Organización a la que pertenece').getByLabel('Asociación').check();
  await group(page, 'Método principal de beneficio').getByLabel('Gravimétrico (sin mercurio)').check();
  await group(page, '¿Usa mercurio\\?').getByLabel('No', { exact: true }).check();
  await group(page, '¿Vierte efluentes').getByLabel('No', { exact: true }).check();
  await group(page, '¿Ha desboscado').getByLabel('No', { exact: true }).check();
  await page.getByLabel(/^Hombres que trabajan/).fill(v.men);
  await page.getByLabel(/^Mujeres que trabajan/).fill(v.women);
  if (v.women !== '0') {
    await page.getByLabel(/^De ellas, pallaqueras/).fill(v.women);
    await group(page, 'Roles de las mujeres').getByLabel('Pallaqueo').check();
  }
  await group(page, '¿Trabajan menores de 18 años').getByLabel('No', { exact: true }).check();
  await group(page, '¿Hubo accidentes').getByLabel('No', { exact: true }).check();
}

describe('a surveyor offline', () => {
  it('fills and finishes two surveys without a connection; they reach the server once each when it returns', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'encuestador', 'veta-encuestador');
    await go(page, '/encuestas');
    await page.getByText('Línea de base de la pequeña minería y minería artesanal').waitFor();
    // the service worker installed and in control; the session and the forms pass through it once
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await go(page, '/encuestas');
    await page.getByText('Línea de base de la pequeña minería y minería artesanal').waitFor();
    await expectAccessible(page, 'surveys-home');
    const webSubmissions = async () => {
      const res = await page.request.get('/api/surveys/forms/mpe_linea_base/submissions?region=21&limit=1000');
      return ((await res.json()) as { rows: { instanceId: string; source: string; answers: Record<string, string> }[] }).rows.filter((r) => r.source === 'web');
    };
    const before = await webSubmissions();

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Nueva encuesta' }).first().click();
    await page.getByRole('heading', { name: 'Línea de base de la pequeña minería y minería artesanal' }).waitFor();
    // finishing with answers missing is refused, field by field
    await page.getByRole('button', { name: 'Terminar y enviar' }).click();
    await page.getByText(/^Revise \d+ respuesta\(s\) antes de terminar\.$/).waitFor();
    await fillBaseline(page, { district: 'Ananea', age: '34', men: '6', women: '3' });
    await shot(page, 'surveys-01-filled-offline');
    await expectAccessible(page, 'surveys-fill');
    await page.getByRole('button', { name: 'Terminar y enviar' }).click();
    await page.getByText('Encuesta terminada. Se enviará al servidor cuando haya conexión.').waitFor();

    await page.getByRole('button', { name: 'Otra encuesta' }).click();
    await page.getByRole('button', { name: 'Terminar y enviar' }).waitFor();
    await fillBaseline(page, { district: 'Cuyocuyo', age: '51', men: '9', women: '0' });
    await page.getByRole('button', { name: 'Terminar y enviar' }).click();
    await page.getByText('Encuesta terminada. Se enviará al servidor cuando haya conexión.').waitFor();

    // a reload with no connection: the app, the session and the two surveys are still there
    await page.goto('/encuestas');
    await page.getByRole('heading', { name: 'Encuestas de campo' }).waitFor();
    await expect.poll(() => page.locator('tr[data-status="queued"]').count()).toBe(2);
    await shot(page, 'surveys-02-queued-offline');

    await context.setOffline(false);
    await expect.poll(() => page.locator('tr[data-status="sent"]').count(), { timeout: 30_000 }).toBe(2);
    await shot(page, 'surveys-03-sent');

    // the device's two instanceIDs, from its IndexedDB
    const onDevice = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('veta-surveys');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('records').objectStore('records').getAll();
            all.onsuccess = () => resolve((all.result as { instanceId: string }[]).map((r) => r.instanceId).sort());
          };
        }),
    );
    expect(onDevice).toHaveLength(2);
    const after = await webSubmissions();
    const added = after.filter((r) => !before.some((b) => b.instanceId === r.instanceId));
    expect(added.map((r) => r.instanceId).sort()).toEqual(onDevice);
    expect(added.map((r) => r.answers['district']).sort()).toEqual(['Ananea', 'Cuyocuyo']);
    // the second unit has no women: the questions about them were not asked, nothing kept
    expect(added.find((r) => r.answers['district'] === 'Cuyocuyo')?.answers).not.toHaveProperty('pallaqueras');
    expect(errors).toEqual([]);
    await context.close();
  });
});
