/**
 * The services pages in the browser: a regional official sees a service's deliveries by
 * region, sex and month as the API counts them, records an event with participants, and
 * uploads an attendance list whose row errors come back in Spanish (and, from an XLSX, its
 * rejected rows as XLSX); records a laboratory analysis (the form checks the server's rules,
 * a refusal is shown by its code), draws an IGAFOM review whose seed is shown, and opens the
 * records behind an indicator's numerator and denominator.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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

  it('uploads an XLSX with --skip-invalid and gives its rejected rows back as XLSX', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/servicios/carga');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Lista');
    const stamp = Date.now();
    sheet.addRow(['CODIGO EVENTO', 'SERVICIO', 'TEMA', 'FECHA', 'UBIGEO', 'DNI', 'NOMBRES', 'SEXO', 'APROBO']);
    sheet.addRow([`E2E-X-${stamp}`, 'SS.01.03.01', 'Retortas', '11/08/2024', '210101', '40998001', 'ANA XLSX', 'F', 'SI']);
    sheet.addRow([`E2E-X-${stamp}`, 'SS.01.03.01', 'Retortas', '11/08/2024', '210101', '40998002', 'LUIS XLSX', 'M', 'TAL VEZ']);
    const file = join(tmpdir(), `lista-${stamp}.xlsx`);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByLabel('Archivo').setInputFiles(file);
    await page.getByLabel(/Importar las filas válidas/).check();
    await page.getByRole('button', { name: 'Cargar' }).click();
    await page.getByText('Importado').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('table').first().textContent()).toContain('no es SI ni NO');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /filas rechazadas \(XLSX\)/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.rechazadas\.xlsx$/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile((await download.path())!);
    const rows: string[] = [];
    back.worksheets[0]!.eachRow((r) => rows.push(String(r.getCell(7).value)));
    expect(rows).toContain('LUIS XLSX');
    expect(rows).not.toContain('ANA XLSX');
    await context.close();
  });

  it('records a laboratory analysis through the web app: the rules of the server, a refusal by its code, the list', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    await go(page, '/servicios/registros/analisis');
    await page.getByRole('heading', { name: 'Análisis de laboratorio' }).waitFor();
    const reference = `LAB-E2E-${Date.now()}`;
    await page.getByLabel('DNI o RUC del beneficiario').fill('4099');
    await page.getByLabel('Nombres o razón social').fill('ROSA LABORATORIO');
    await page.getByLabel(/^Referencia/).fill(reference);
    await page.getByLabel('Fecha de solicitud').fill('2024-05-02');
    await page.getByLabel(/^Fecha de entrega/).fill('2024-05-20');
    await page.getByLabel(/^Estándar del servicio/).fill('30');
    await page.getByRole('button', { name: 'Registrar' }).click();
    // the server's zod rule, in Spanish, before anything is sent
    expect(await page.locator('#rec-analisis-id-err').textContent()).toBe('Escriba un DNI (8 dígitos) o un RUC (11 dígitos), no ambos.');
    await page.getByLabel('DNI o RUC del beneficiario').fill('40997001');
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByRole('status').filter({ hasText: 'Registrado.' }).waitFor();
    const row = page.locator('table tr', { has: page.locator(`td:text-is("${reference}")`) });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toContain('Sí'); // oportuno: 18 days within a 30-day standard
    // the same reference again: refused by the server, shown by its code in Spanish
    await page.getByLabel('DNI o RUC del beneficiario').fill('40997001');
    await page.getByLabel('Nombres o razón social').fill('ROSA LABORATORIO');
    await page.getByLabel(/^Referencia/).fill(reference);
    await page.getByLabel('Fecha de solicitud').fill('2024-05-02');
    await page.getByLabel(/^Estándar del servicio/).fill('30');
    await page.getByRole('button', { name: 'Registrar' }).click();
    expect(await page.getByTestId('server-error').textContent()).toBe('Ya está registrada una entrega de este tipo con esa referencia.');
    await expectAccessible(page, 'services-records');
    await shot(page, 'services-03-lab-analysis');
    // every other kind has its page, with its form and its list
    for (const [slug, title] of [
      ['fondo-minero', 'Fondo Minero'],
      ['credito', 'Crédito formal'],
      ['certificaciones', 'Certificación de funcionarios'],
      ['capacidades', 'Capacidades regionales (ZEE / POT)'],
      ['salud', 'Distritos con acceso a salud'],
      ['fuerza-laboral', 'Trabajadores y horas trabajadas'],
      ['accidentes', 'Accidentes mineros'],
      ['mercurio', 'Mercurio por organización y año'],
      ['transiciones', 'Transiciones a procesos sin mercurio'],
    ]) {
      await go(page, `/servicios/registros/${slug}`);
      await page.getByRole('heading', { name: title }).waitFor();
      await page.getByRole('heading', { name: 'Registrados' }).waitFor();
    }
    for (const [path, title] of [
      ['/servicios/mesas', 'Mesas de diálogo'],
      ['/servicios/revisiones', 'Revisión aleatoria de IGAFOM'],
      ['/servicios/mercurio?year=2024', 'Mercurio: razones Hg:Au y organizaciones sin mercurio'],
      ['/servicios/eventos?service=SS.01.05.01', 'Capacitaciones, asistencia técnica y asesorías'],
    ]) {
      await go(page, path!);
      await page.getByRole('heading', { name: title }).waitFor();
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an IGAFOM review's seed and method, and the records behind an indicator's numerator and denominator", async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await logIn(page, 'puno', 'veta-puno');
    const reviews = (await (await context.request.get('/api/services/igafom-reviews')).json()) as { seed: number; method: string }[];
    await go(page, '/servicios/revisiones');
    if (reviews.length > 0) {
      await page.getByTestId('review-seed').first().waitFor();
      expect(await page.getByTestId('review-seed').allTextContents()).toContain(String(reviews[0]!.seed));
      expect(await page.locator('main').textContent()).toContain('Muestra aleatoria simple sin reemplazo'); // the method, in Spanish
    }
    const api = (await (await context.request.get('/api/policies/PNMPMMA-2030/indicators/ISS.01.03.01.01/records?year=2024&side=denominator')).json()) as {
      numerator: number;
      denominator: number;
      scope: { numerator: number; denominator: number };
      records: { counted: boolean }[];
    };
    expect(api.records).toHaveLength(api.scope.denominator);
    expect(api.records.filter((r) => r.counted)).toHaveLength(api.scope.numerator);
    await go(page, '/servicios?service=SS.01.03.01&year=2024');
    await page.getByRole('link', { name: 'ISS.01.03.01.01' }).click();
    await page.getByTestId('drill-figures').waitFor();
    await page.getByLabel('Registro', { exact: true }).selectOption('denominator');
    await page.locator('table').first().waitFor();
    expect(await page.locator('main').textContent()).toContain('Denominador: la población');
    await shot(page, 'services-04-drill-down');
    await context.close();
  });
});
