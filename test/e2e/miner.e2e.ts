/** A miner sees their own files, what is missing and the deadlines, and files a requirement with a document. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MinerExpediente } from '../../web/src/api/types.ts';
import { launchChromium } from './browser.ts';
import { apiAs, expectAccessible, go, logIn, newTab, REQUIREMENT_ES, settle, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let files: MinerExpediente[];

beforeAll(async () => {
  browser = await launchChromium();
  const api = await apiAs(browser, baseUrl, 'cecomip', 'veta-minero');
  files = (await (await api.request.get('/api/me/expedientes')).json()) as MinerExpediente[];
  await api.close();
});

afterAll(async () => {
  await browser?.close();
});

describe('a miner', () => {
  it('sees their files and files a requirement with a document', async () => {
    const target = files.find((f) => f.allowedActions.some((a) => a.type === 'file'));
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'cecomip', 'veta-minero');
    await page.waitForURL('**/mis-tramites');
    await settle(page);
    expect(await page.locator('main').textContent()).toContain(`${files.length}Expedientes`);
    await shot(page, 'miner-01-my-files');
    await expectAccessible(page, 'miner-home');
    if (!target) return;

    const action = target.allowedActions.find((a) => a.type === 'file')!;
    const label = REQUIREMENT_ES[action.requirement!]!;
    await go(page, `/expedientes/${target.id}`);
    await page.getByRole('button', { name: `Presentar · ${label}` }).click();
    await page
      .getByLabel('Documentos (PDF, imágenes; opcional)')
      .setInputFiles({ name: 'igafom-e2e.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e\n') });
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByText(`Registrado: Presentación · ${label}.`).waitFor();
    const latest = page.getByTestId('timeline').locator(':scope > li').first();
    expect(await latest.textContent()).toContain('Presentación');
    expect(await latest.textContent()).toContain('igafom-e2e.pdf');
    expect(await page.getByTestId('audit').count()).toBe(0);
    await shot(page, 'miner-02-filed');
    await expectAccessible(page, 'miner-expediente');
    expect(errors).toEqual([]);
    await context.close();
  });
});
