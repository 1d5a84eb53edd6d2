/**
 * A regional official logs in, finds a miner, answers an observation step (reviews and
 * approves the miner's correction), sees it in the timeline and the audit; an official
 * of another region cannot open the file.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExpedienteDetail, ExpedienteList } from '../../web/src/api/types.ts';
import { launchChromium } from './browser.ts';
import { apiAs, expectAccessible, go, logIn, newTab, REQUIREMENT_ES, settle, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let puno: BrowserContext;
/** A Puno expediente whose miner has answered an observation that nobody has reviewed yet. */
let target: { id: number; requirement: string; ruc: string; declarant: string; dni: string };

async function findCorrected(api: BrowserContext): Promise<typeof target> {
  const list = (await (await api.request.get('/api/formalization/expedientes?stage=in_progress&limit=200')).json()) as ExpedienteList;
  for (const item of list.items) {
    const d = (await (await api.request.get(`/api/formalization/expedientes/${item.id}`)).json()) as ExpedienteDetail;
    const corrected = Object.values(d.state.requirements).find((r) => r.status === 'corrected');
    if (corrected && d.allowedActions.some((a) => a.type === 'start_review' && a.requirement === corrected.code) && d.inscription.ruc.startsWith('10')) {
      return { id: d.id, requirement: corrected.code, ruc: d.inscription.ruc, declarant: d.inscription.declarantName, dni: d.inscription.ruc.slice(2, 10) };
    }
  }
  throw new Error('the demo has no Puno expediente with a corrected requirement');
}

beforeAll(async () => {
  browser = await launchChromium();
  puno = await apiAs(browser, baseUrl, 'puno', 'veta-puno');
  target = await findCorrected(puno);
});

afterAll(async () => {
  await browser?.close();
});

describe('a regional official', () => {
  it('logs in, finds the miner, reviews and approves the correction, and sees it in the timeline and the audit', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await page.waitForURL('**/region');
    await settle(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Formalización en Puno');
    await shot(page, 'official-01-regional-dashboard');
    await expectAccessible(page, 'regional-dashboard');

    await page.getByRole('link', { name: 'Buscar', exact: true }).click();
    await page.getByLabel('Nombre, DNI, RUC o código').fill(target.dni);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.getByRole('link', { name: target.declarant }).click();
    await settle(page);
    expect(await page.locator('main').textContent()).toContain(target.dni);
    await shot(page, 'official-02-miner-profile');
    await expectAccessible(page, 'miner-profile');

    await page.getByRole('link', { name: `Ver #${target.id}` }).click();
    await settle(page);
    const label = REQUIREMENT_ES[target.requirement]!;
    await page.getByRole('button', { name: `Iniciar evaluación · ${label}`, exact: true }).click();
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByText(`Registrado: Inicio de evaluación · ${label}.`).waitFor();

    await page.getByRole('button', { name: `Aprobar · ${label}`, exact: true }).click();
    await page.getByLabel('N.º de resolución directoral (opcional)').fill('RD-E2E-0001-2026-21');
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByText(`Registrado: Aprobación · ${label}.`).waitFor();

    const latest = page.getByTestId('timeline').locator(':scope > li').first();
    expect(await latest.textContent()).toContain('Aprobación');
    expect(await latest.textContent()).toContain('RD-E2E-0001-2026-21');
    expect(await latest.textContent()).toContain('por puno');
    const checklistItem = page.locator(`[data-requirement="${target.requirement}"]`);
    expect(await checklistItem.textContent()).toContain('Aprobado');

    const audit = page.getByTestId('audit');
    await audit.getByText('Aprobación').first().waitFor();
    expect(await audit.textContent()).toContain('Inicio de evaluación');
    expect(await audit.textContent()).toContain('puno (regional)');
    await shot(page, 'official-03-expediente-after-approval');
    await expectAccessible(page, 'expediente');

    // The server agrees with the page.
    const entries = (await (await puno.request.get(`/api/audit?entity=expediente&entityId=${target.id}`)).json()) as { action: string; actor: string }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['expediente.start_review', 'expediente.approve']));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sees an organization's lots on its profile and jumps to its expedientes", async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await page.waitForURL('**/region');
    await go(page, `/buscar?q=${encodeURIComponent('CECOMIP')}`);
    await page.getByRole('link', { name: 'CENTRAL DE COOPERATIVAS MINERAS DE PUNO - CECOMIP' }).first().click();
    await settle(page);
    const lots = page.getByTestId('actor-lots');
    await lots.getByRole('link', { name: 'CECOMIP-2505-01' }).waitFor();
    const row = lots.locator('tr', { has: page.getByRole('link', { name: 'CECOMIP-2505-01' }) });
    expect(await row.textContent()).toContain('Produjo, Vendió');
    await shot(page, 'official-05-organization-lots');
    await expectAccessible(page, 'organization-profile');

    await page.getByRole('link', { name: /^Ver sus expedientes en la lista/ }).click();
    await settle(page);
    const ruc = new URL(page.url()).searchParams.get('ruc')!;
    expect(ruc).toMatch(/^2060000101\d$/);
    const first = page.locator('main table tbody tr').first();
    expect(await first.textContent()).toContain(ruc);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('of another region cannot open the file nor the miner', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'arequipa', 'veta-arequipa');
    await go(page, `/expedientes/${target.id}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('No encontrado, o no tiene acceso a este registro.');
    expect(text).not.toContain(target.declarant);
    expect(text).not.toContain(target.ruc);
    await shot(page, 'official-04-other-region-refused');
    const res = await context.request.get(`/api/formalization/expedientes/${target.id}`);
    expect(res.status()).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});
