/**
 * Spanish everywhere: the main pages as the public, a regional official (Puno), the national
 * official, the auditor and a miner show no untranslated code (alert types, audit actions,
 * observation kinds, message codes), department names keep their accents, and the English
 * switch gives the same codes in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { labelOf } from '../../src/kernel/messages/index.ts';
import type { ExpedienteList, FlagsResult, MinerExpediente } from '../../web/src/api/types.ts';
import { launchChromium } from './browser.ts';
import { expectNoUntranslatedCodes, untranslatedCodesIn } from './i18n.ts';
import { apiAs, go, logIn, newTab } from './pages.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let punoExpediente: number;
let punoRecord: { inscription: number; right: string };
/** The period of the demo's ledger flags (the page's default period may hold none). */
let flagPeriod = '';
let minerExpediente: number | undefined;

const PUBLIC_PAGES = [
  '/',
  '/mapa',
  '/territorio/situacion',
  '/registro',
  '/lotes/CECOMIP-2505-01',
  '/seguimiento',
  '/datos',
  '/cooperacion',
  '/cooperacion/brechas',
  '/cooperacion/aod',
];
const OFFICIAL_PAGES = ['/region', '/buscar', '/expedientes', '/importaciones', '/trazabilidad', '/servicios', '/encuestas/mpe_linea_base/resultados?por=sex'];

beforeAll(async () => {
  browser = await launchChromium();
  const puno: BrowserContext = await apiAs(browser, baseUrl, 'puno', 'veta-puno');
  const list = (await (await puno.request.get('/api/formalization/expedientes?stage=in_progress&limit=20')).json()) as ExpedienteList;
  punoExpediente = list.items[0]!.id;
  punoRecord = { inscription: list.items[0]!.inscriptionId, right: list.items[0]!.miningRightCode };
  const { flags } = (await (await puno.request.get('/api/ledger/flags?from=2000-01-01&to=2100-12-31')).json()) as FlagsResult;
  const dates = flags.map((f) => f.date).sort();
  flagPeriod = dates.length > 0 ? `?from=${dates[0]}&to=${dates.at(-1)}` : '';
  await puno.close();
  const miner = await apiAs(browser, baseUrl, 'cecomip', 'veta-minero');
  minerExpediente = ((await (await miner.request.get('/api/me/expedientes')).json()) as MinerExpediente[])[0]?.id;
  await miner.close();
});

/** Opens a page and checks it; a page that does not settle says which one it was. */
async function check(page: Page, path: string, who: string): Promise<void> {
  try {
    await go(page, path);
  } catch (err) {
    throw new Error(`${who} ${path} did not settle: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  await expectNoUntranslatedCodes(page, `${who} ${path}`);
}

afterAll(async () => {
  await browser?.close();
});

describe('the untranslated-code check', () => {
  it('finds codes and lets legal acronyms, names, files and addresses pass', () => {
    expect(untranslatedCodesIn('Comprador BUYER_NOT_REGISTERED · expediente.observe · reinfo.ruc.check_digit')).toEqual([
      'BUYER_NOT_REGISTERED',
      'expediente.observe',
      'reinfo.ruc.check_digit',
    ]);
    expect(untranslatedCodesIn('Inscritos en el REINFO · IGAFOM · RUC 20600001010 · QUISPE MAMANI · CECOMIP-2505-01')).toEqual([]);
    expect(untranslatedCodesIn('drem.puno.evilca · reinfo.csv · https://veta.gob.pe/api/datos · 13,660.975 g · e.g. 0.5')).toEqual([]);
  });
});

describe('every main page, in Spanish', () => {
  it('as the public', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    for (const path of PUBLIC_PAGES) {
      await check(page, path, 'public');
    }
    await context.close();
  });

  for (const [user, password] of [
    ['puno', 'veta-puno'],
    ['nacional', 'veta-nacional'],
    ['auditor', 'veta-auditor'],
  ] as const) {
    it(`as ${user}`, async () => {
      const { page, context } = await newTab(browser, baseUrl);
      await logIn(page, user, password);
      const records = [`/expedientes/${punoExpediente}`, `/inscripciones/${punoRecord.inscription}`, `/derechos/${encodeURIComponent(punoRecord.right)}`];
      for (const path of [...OFFICIAL_PAGES, `/trazabilidad${flagPeriod}`, ...records, '/seguimiento']) {
        await check(page, path, user);
      }
      await context.close();
    });
  }

  it('as a miner', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'cecomip', 'veta-minero');
    for (const path of ['/mis-tramites', ...(minerExpediente ? [`/expedientes/${minerExpediente}`] : []), '/lotes/CECOMIP-2505-01']) {
      await check(page, path, 'miner');
    }
    await context.close();
  });
});

describe('names and languages', () => {
  it('writes department names with their accents, as INEI does', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'nacional', 'veta-nacional');
    await go(page, '/region');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const unaccented of ['Apurimac', 'Huanuco', 'Junin', 'San Martin ']) expect(text).not.toContain(unaccented);
    expect(await page.locator('main select option').allTextContents()).toEqual(expect.arrayContaining(['Apurímac', 'Huánuco', 'Junín', 'San Martín']));
    await context.close();
  });

  it('shows the survey figures by sex in Spanish', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/encuestas/mpe_linea_base/resultados?por=sex');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/Hombre|Mujer/);
    expect(text).not.toMatch(/\b(Man|Woman|Sex)\b/);
    await context.close();
  });

  it("shows an alert type in the reader's language", async () => {
    // the period of the demo's flags, as the API gives them to the national official
    const api = await apiAs(browser, baseUrl, 'nacional', 'veta-nacional');
    const { flags } = (await (await api.request.get('/api/ledger/flags?from=2000-01-01&to=2100-12-31')).json()) as FlagsResult;
    await api.close();
    expect(flags.length).toBeGreaterThan(0);
    const dates = flags.map((f) => f.date).sort();
    const code = flags[0]!.code;
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'nacional', 'veta-nacional');
    await go(page, `/trazabilidad?from=${dates[0]}&to=${dates.at(-1)}`);
    expect(await page.locator('main').textContent()).toContain(labelOf('es', 'alert', code));
    await expectNoUntranslatedCodes(page, 'nacional /trazabilidad (es)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('main').textContent()).toContain(labelOf('en', 'alert', code));
    await expectNoUntranslatedCodes(page, 'nacional /trazabilidad (en)');
    await context.close();
  });
});
