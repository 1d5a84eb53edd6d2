/**
 * International cooperation in the browser: the public projects list and map, the gap
 * matrix and the ODA charts show the API's numbers (on the demo's projects and seed 000's
 * ODA table); a `cooperation` user edits a project through the form and the edit is a
 * new version in its history.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { iatiFile } from '../../src/modules/cooperation/iati.fixtures.ts';
import type { GapMatrix, Project, ProjectSummary } from '../../web/src/cooperation/types.ts';
import { launchChromium } from './browser.ts';
import { apiAs, expectAccessible, logIn, newTab, shot } from './pages.ts';

/**
 * pages.ts's settle, with its predicate as a function: a string predicate is compiled in
 * the page (new Function), which the server's Content-Security-Policy (no 'unsafe-eval') forbids.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main h1, main .state').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main [role="status"].state'), undefined, { timeout: 30_000 });
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

const baseUrl = inject('baseUrl');
let browser: Browser;
let api: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  api = await apiAs(browser, baseUrl, 'cooperacion', 'veta-cooperacion');
});

afterAll(async () => {
  await browser?.close();
});

const getJson = async <T>(path: string): Promise<T> => (await (await api.request.get(path)).json()) as T;

describe('the public cooperation pages', () => {
  it('lists the projects with a map by department, and downloads them as CSV and XLSX', async () => {
    const projects = await getJson<ProjectSummary[]>('/api/cooperation/projects');
    expect(projects.length).toBeGreaterThanOrEqual(36);
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/cooperacion');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Proyectos de cooperación en la minería en pequeña escala');
    expect(await page.getByRole('heading', { name: `${projects.length} proyectos` }).count()).toBe(1);
    await page.locator('.leaflet-container').waitFor();
    await page.locator('.leaflet-container path.leaflet-interactive').first().waitFor();
    const first = projects[0]!;
    expect(await page.getByRole('link', { name: first.titleEs! }).count()).toBeGreaterThan(0);

    await page.locator('#coop-region').selectOption('17');
    await settle(page);
    const mdd = await getJson<ProjectSummary[]>('/api/cooperation/projects?region=17');
    expect(await page.getByRole('heading', { name: `${mdd.length} proyectos` }).count()).toBe(1);

    for (const [label, type] of [
      ['Descargar CSV', 'text/csv'],
      ['Descargar Excel (XLSX)', 'spreadsheetml'],
    ] as const) {
      const href = await page.locator('a[href^="/api/cooperation/downloads/projects"]', { hasText: label }).getAttribute('href');
      const res = await context.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }
    const csv = await (await context.request.get('/api/cooperation/downloads/projects.csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(projects.length + 1);
    await shot(page, 'cooperation-01-projects');
    await expectAccessible(page, 'cooperation-projects');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the gap matrix of a year with the API’s cells, empty cells as gaps', async () => {
    const year = 2025;
    const m = await getJson<GapMatrix>(`/api/cooperation/gap-matrix?year=${year}`);
    expect(m.activeProjects).toBeGreaterThan(0);
    expect(m.gaps).toBeGreaterThan(0);
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, `/cooperacion/brechas?year=${year}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Matriz de brechas: estratos × aspectos');
    expect(await page.getByTestId('gap-summary').textContent()).toContain(
      `${m.gaps} de ${m.strata.length * m.aspects.length} celdas sin proyectos · ${m.activeProjects} proyectos activos`,
    );
    expect(await page.locator('td.gap').count()).toBe(m.gaps);
    const covered = m.strata.flatMap((s) => m.aspects.map((a) => [s, a, m.cells[s]![a]!] as const)).find(([, , c]) => c.projects > 0)!;
    const cellText = await page.locator(`td[data-cell="${covered[0]}:${covered[1]}"]`).textContent();
    expect(cellText).toContain(`${covered[2].projects} proy.`);
    const gap = m.strata.flatMap((s) => m.aspects.map((a) => [s, a, m.cells[s]![a]!] as const)).find(([, , c]) => c.projects === 0)!;
    expect(await page.locator(`td[data-cell="${gap[0]}:${gap[1]}"]`).textContent()).toContain('sin proyectos');

    await page.locator('#gap-region').selectOption('21');
    await settle(page);
    const puno = await getJson<GapMatrix>(`/api/cooperation/gap-matrix?year=${year}&region=21`);
    expect(await page.locator('td.gap').count()).toBe(puno.gaps);
    const csv = await context.request.get(`/api/cooperation/downloads/gap-matrix.csv?year=${year}&region=21`);
    expect((await csv.text()).trim().split('\n')).toHaveLength(m.strata.length * m.aspects.length + 1);
    await shot(page, 'cooperation-02-gap-matrix');
    await expectAccessible(page, 'cooperation-gap-matrix');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws ODA by agency and year and seed 000’s net ODA table with ECharts', async () => {
    const { page, errors, context } = await newTab(browser, baseUrl);
    await go(page, '/cooperacion/aod');
    const charts = page.locator('.chart[data-ready="true"]');
    await charts.nth(1).waitFor();
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).locator('svg path').count()).toBeGreaterThan(5);
    const reported = page.getByRole('region', { name: 'AOD neta al Perú por país donante (millones US$, CAD/OCDE)' });
    await reported.getByRole('button', { name: 'Ver los números' }).click();
    const japan = await reported
      .locator('tr', { has: page.locator('td:text-is("Japón")') })
      .locator('td')
      .allTextContents();
    expect(japan).toEqual(['Japón', '2000', '191.7']);
    const total = await reported
      .locator('tr', { has: page.locator('td:text-is("Total CAD")') })
      .locator('td')
      .allTextContents();
    expect(total[2]).toBe('372.7');
    await shot(page, 'cooperation-03-oda');
    await expectAccessible(page, 'cooperation-oda');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a cooperation officer', () => {
  it('logs in, edits a project through the form, and the change is a new version', async () => {
    const projects = await getJson<ProjectSummary[]>('/api/cooperation/projects?agency=cosude');
    const target = await getJson<Project>(`/api/cooperation/projects/${projects[0]!.id}`);
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'cooperacion', 'veta-cooperacion');
    await go(page, `/cooperacion/proyectos/${target.id}`);
    await page.getByRole('link', { name: 'Editar' }).click();
    await settle(page);
    const title = page.getByLabel('Título (español)');
    await title.waitFor();
    expect(await title.inputValue()).toBe(target.titleEs);
    const newTitle = `${target.titleEs} — fase 2`;
    await title.fill(newTitle);
    const aspect = target.aspects.includes('financing') ? 'Gestión empresarial' : 'Financiamiento';
    await page.getByRole('checkbox', { name: aspect, exact: true }).check();
    await shot(page, 'cooperation-04-edit-form');
    await expectAccessible(page, 'cooperation-edit-form');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(`**/cooperacion/proyectos/${target.id}?guardado=*`);
    await settle(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(newTitle);

    const after = await getJson<Project>(`/api/cooperation/projects/${target.id}`);
    expect(after).toMatchObject({ titleEs: newTitle, version: target.version + 1, updatedBy: 'cooperacion' });
    expect(after.aspects).toContain(aspect === 'Financiamiento' ? 'financing' : 'business_management');
    expect(after.flows).toEqual(target.flows);
    const versions = await getJson<{ version: number; recordedBy: string }[]>(`/api/cooperation/projects/${target.id}/versions`);
    expect(versions.at(-1)).toMatchObject({ version: target.version + 1, recordedBy: 'cooperacion' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registers a new project with its regions, strata, aspects and a budget; the gap matrix counts it', async () => {
    const identifier = `PE-VETA-E2E-${Date.now().toString(36)}`;
    const before = (await getJson<GapMatrix>('/api/cooperation/gap-matrix?year=2025&agency=sida&region=21')).cells['pallaqueras']!['legal']!;
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'cooperacion', 'veta-cooperacion');
    await go(page, '/cooperacion');
    await page.getByRole('link', { name: 'Registrar proyecto' }).click();
    await settle(page);
    await page.getByLabel('Identificador (IATI o propio)').fill(identifier);
    await page.getByLabel('Título (español)').fill('Seguridad de pallaqueras en Puno');
    await page.getByLabel('Título (inglés)').fill('Pallaqueras safety in Puno');
    await page.locator('#coop-agency').selectOption('sida');
    await page.locator('#coop-startDate').fill('2025-01-01');
    await page.locator('#coop-endDate').fill('2027-12-31');
    await page.getByLabel('Moneda por defecto').fill('SEK');
    await page.getByRole('checkbox', { name: 'Puno', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Pallaqueras', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Legales', exact: true }).check();
    await page.getByRole('button', { name: 'Agregar monto' }).click();
    await page.getByLabel('Año').last().fill('2025');
    await page.getByLabel('Monto').last().fill('1000000');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL('**/cooperacion/proyectos/*?guardado=1');
    await settle(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Seguridad de pallaqueras en Puno');

    const [summary] = await getJson<ProjectSummary[]>(`/api/cooperation/projects?q=${identifier}`);
    expect(summary).toMatchObject({
      identifier,
      agencyCode: 'sida',
      regions: ['21'],
      strata: ['pallaqueras'],
      aspects: ['legal'],
      version: 1,
      updatedBy: 'cooperacion',
    });
    const sida = await getJson<GapMatrix>('/api/cooperation/gap-matrix?year=2025&agency=sida&region=21');
    expect(sida.cells['pallaqueras']!['legal']!.projects).toBe(before.projects + 1);
    expect(sida.cells['pallaqueras']!['legal']!.budgetUsd).toBeCloseTo(before.budgetUsd + summary!.budgetUsd, 2);
    expect(summary!.budgetUsd).toBeGreaterThan(50000); // 1,000,000 SEK at about 0.09–0.1 USD
    expect(errors).toEqual([]);
    await context.close();
  });

  it('uploads an agency’s IATI file: stored once, unchanged when uploaded again, refused with its lines when invalid', async () => {
    const id = `DE-1-E2E-${Date.now().toString(36)}`;
    const { page, errors, context } = await newTab(browser, baseUrl);
    await logIn(page, 'cooperacion', 'veta-cooperacion');
    await go(page, '/cooperacion');
    await page.getByRole('link', { name: 'Importar IATI' }).click();
    await settle(page);
    const send = async (xml: string) => {
      await page.getByLabel('Archivo XML de actividades IATI').setInputFiles({ name: 'giz.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
      await page.getByRole('button', { name: 'Importar', exact: true }).click();
      await page.getByTestId('iati-result').waitFor();
      const text = (await page.getByTestId('iati-result').textContent()) ?? '';
      await page.getByTestId('iati-result').evaluate((el) => el.remove());
      return text;
    };
    const good = iatiFile([{ id }, { id: `${id}-BO`, country: 'BO' }]);
    expect(await send(good)).toBe('2 actividades en el archivo: 1 nuevas, 0 actualizadas, 0 sin cambios.');
    expect(await send(good)).toBe('2 actividades en el archivo: 0 nuevas, 0 actualizadas, 1 sin cambios.');
    expect(await send(iatiFile([{ id: `${id}-X`, status: '7' }]))).toBe('Archivo rechazado, no se importó nada: 1 errores.');
    expect(await page.locator('td:text-is("activity-status")').count()).toBe(1);
    const [stored] = await getJson<ProjectSummary[]>(`/api/cooperation/projects?q=${id}`);
    expect(stored).toMatchObject({ identifier: id, source: 'iati', agencyCode: 'giz', version: 1 });
    await shot(page, 'cooperation-05-iati-upload');
    await expectAccessible(page, 'cooperation-iati-upload');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is told that a public visitor may not register projects', async () => {
    const { page, context } = await newTab(browser, baseUrl);
    await go(page, '/cooperacion/proyectos/nuevo');
    expect(await page.locator('main').textContent()).toContain('Esta página es para usuarios registrados.');
    await context.close();
  });
});
