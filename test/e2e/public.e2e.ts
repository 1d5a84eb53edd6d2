/**
 * A logged-out visitor: the public pages work, pass the accessibility check, switch
 * language, and show no personal data (DNI, phone, address, a natural person's RUC).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FlagsResult, Person, SearchHit } from '../../web/src/api/types.ts';
import { launchChromium } from './browser.ts';
import { apiAs, expectAccessible, go, newTab, shot } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let official: BrowserContext;
/** A natural person with their personal data, as an official sees it. */
let person: Person;
let personRuc: string;

beforeAll(async () => {
  browser = await launchChromium();
  official = await apiAs(browser, baseUrl, 'puno', 'veta-puno');
  const hits = ((await (await official.request.get('/api/registry/search?q=MAMANI&limit=20')).json()) as { items: SearchHit[] }).items;
  const hit = hits.find((h) => h.kind === 'person');
  if (!hit) throw new Error('no demo person named MAMANI in Puno');
  person = (await (await official.request.get(`/api/registry/persons/${hit.id}`)).json()) as Person;
  personRuc = ((await (await official.request.get(`/api/registry/inscriptions/${person.inscriptions[0]!.id}`)).json()) as { ruc: string }).ruc;
});

afterAll(async () => {
  await browser?.close();
});

describe('a logged-out visitor', () => {
  it('sees the national dashboard, the map and the policy light', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('La pequeña minería y minería artesanal, de un vistazo');
    expect(await page.locator('.kpi').first().textContent()).toContain('Inscripciones en el REINFO');
    await page.getByRole('button', { name: 'Ver los números' }).first().click();
    expect(await page.locator('main table').first().textContent()).toContain('Puno');
    await shot(page, 'public-01-dashboard');
    await expectAccessible(page, 'dashboard');

    await go(page, '/mapa');
    await page.locator('.leaflet-interactive').first().waitFor();
    await shot(page, 'public-02-map');
    await expectAccessible(page, 'map');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches the public registry and sees no personal data', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, `/registro?q=${encodeURIComponent(person.fullName)}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(person.fullName);
    expect(text).not.toContain(person.dni);
    expect(text).not.toContain(personRuc);
    if (person.phone) expect(text).not.toContain(person.phone);
    if (person.address) expect(text).not.toContain(person.address);
    await shot(page, 'public-03-registry-search');
    await expectAccessible(page, 'registry-search');

    for (const path of [`/personas/${person.id}`, `/inscripciones/${person.inscriptions[0]!.id}`, '/region']) {
      await go(page, path);
      const guarded = (await page.locator('main').textContent()) ?? '';
      expect(guarded).toContain('Esta página es para usuarios registrados.');
      expect(guarded).not.toContain(person.dni);
    }
    expect((await context.request.get(`/api/registry/persons/${person.id}`)).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('verifies a lot passport', async () => {
    const nacional = await apiAs(browser, baseUrl, 'nacional', 'veta-nacional');
    const flags = (await (await nacional.request.get('/api/ledger/flags?from=2000-01-01&to=2100-12-31')).json()) as FlagsResult;
    await nacional.close();
    const lot = flags.flags.find((f) => f.lot)?.lot;
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, lot ? `/lotes/${encodeURIComponent(lot)}` : '/lotes/NO-EXISTE');
    const text = (await page.locator('main').textContent()) ?? '';
    if (lot) {
      expect(text).toContain('Cadena de custodia');
      expect(text).toContain(lot);
    } else expect(text).toContain('No hay un lote con el código NO-EXISTE.');
    await shot(page, 'public-04-lot-passport');
    await expectAccessible(page, 'lot-passport');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English and keeps the choice', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await go(page, '/');
    await page.getByRole('button', { name: 'EN English' }).click();
    await page.getByRole('heading', { name: 'Artisanal and small-scale mining at a glance' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Artisanal and small-scale mining at a glance' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await shot(page, 'public-05-english');
    await context.close();
  });
});
