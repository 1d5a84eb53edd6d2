/**
 * Every main page as each role, at a phone's width (390 px) and a laptop's (1366 px): no
 * horizontal overflow, no serious or critical axe-core violation, no untranslated code.
 * Each role also sees only what its API lets it do: the navigation and the pages follow
 * GET /api/auth/permissions (the server's route table), and the administrator manages
 * users in the app.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { expectNoUntranslatedCodes } from './i18n.ts';
import { accessibilityProblems, apiAs, go, overflowProblems, settle } from './pages.ts';

const baseUrl = inject('baseUrl');
const WIDTHS = [390, 1366] as const;

interface RoleDef {
  name: string;
  login?: { username: string; password: string };
  /** Pages of this role (the public's are checked once, as the public). */
  pages: (ids: Ids) => string[];
}

interface Ids {
  expediente: number;
  person: number;
  lot: string;
  form: string;
  user: number;
}

const PUBLIC_PAGES = [
  '/',
  '/mapa',
  '/territorio/situacion',
  '/registro',
  '/lotes',
  '/seguimiento',
  '/datos',
  '/cooperacion',
  '/cooperacion/brechas',
  '/cooperacion/aod',
  '/ingresar',
];
const OFFICIAL_PAGES = (ids: Ids): string[] => [
  '/',
  '/region',
  '/buscar?q=mamani',
  '/expedientes',
  `/expedientes/${ids.expediente}`,
  `/personas/${ids.person}`,
  '/importaciones',
  '/trazabilidad',
  `/trazabilidad/${ids.lot}`,
  '/servicios',
  '/encuestas',
  '/tokens',
];

const ROLES: RoleDef[] = [
  { name: 'public', pages: (ids) => [...PUBLIC_PAGES, `/lotes/${ids.lot}`] },
  { name: 'puno', login: { username: 'puno', password: 'veta-puno' }, pages: OFFICIAL_PAGES },
  { name: 'nacional', login: { username: 'nacional', password: 'veta-nacional' }, pages: (ids) => [...OFFICIAL_PAGES(ids), '/region?region=01'] },
  { name: 'auditor', login: { username: 'auditor', password: 'veta-auditor' }, pages: OFFICIAL_PAGES },
  { name: 'cecomip', login: { username: 'cecomip', password: 'veta-minero' }, pages: () => ['/', '/mis-tramites', '/tokens'] },
  {
    name: 'admin',
    login: { username: 'admin', password: 'veta-admin' },
    pages: (ids) => [...OFFICIAL_PAGES(ids), '/usuarios', '/usuarios/nuevo', `/usuarios/${ids.user}`],
  },
  { name: 'encuestador', login: { username: 'encuestador', password: 'veta-encuestador' }, pages: (ids) => ['/', '/encuestas', `/encuestas/${ids.form}`] },
  {
    name: 'cooperacion',
    login: { username: 'cooperacion', password: 'veta-cooperacion' },
    pages: () => ['/cooperacion', '/cooperacion/proyectos/nuevo', '/cooperacion/iati', '/tokens'],
  },
];

let browser: Browser;
let ids: Ids;

async function json<T>(api: BrowserContext, path: string): Promise<T> {
  const res = await api.request.get(path);
  if (!res.ok()) throw new Error(`${path}: ${res.status()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  const puno = await apiAs(browser, baseUrl, 'puno', 'veta-puno');
  const admin = await apiAs(browser, baseUrl, 'admin', 'veta-admin');
  const expedientes = await json<{ items: { id: number }[] }>(puno, '/api/formalization/expedientes?limit=1');
  const hits = await json<{ items: { kind: string; id: number }[] }>(puno, '/api/registry/search?q=mamani&limit=20');
  const forms = await json<{ formId: string }[]>(puno, '/api/surveys/forms');
  const users = await json<{ items: { id: number; username: string }[] }>(admin, '/api/admin/users?q=puno');
  ids = {
    expediente: expedientes.items[0]!.id,
    person: hits.items.find((h) => h.kind === 'person')!.id,
    lot: 'CECOMIP-2505-01',
    form: forms[0]!.formId,
    user: users.items.find((u) => u.username === 'puno')!.id,
  };
  await puno.close();
  await admin.close();
});

afterAll(async () => {
  await browser?.close();
});

/** What is wrong with the page as it stands: overflow, accessibility and untranslated codes. */
async function problemsOf(page: Page, label: string): Promise<string[]> {
  const problems = [...(await overflowProblems(page)), ...(await accessibilityProblems(page))];
  await expectNoUntranslatedCodes(page, label).catch((e: unknown) => problems.push(e instanceof Error ? e.message : String(e)));
  return problems.map((p) => `${label}: ${p}`);
}

for (const role of ROLES) {
  describe(`as ${role.name}`, () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 900 }, locale: 'es-PE', timezoneId: 'America/Lima' });
      if (role.login) {
        const res = await context.request.post('/api/auth/login', { data: role.login });
        if (!res.ok()) throw new Error(`login ${role.name}: ${res.status()}`);
      }
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    it('every main page at 390 px and 1366 px: no overflow, no axe violation, no untranslated code', async () => {
      const problems: string[] = [];
      let at = '';
      page.on('pageerror', (e) => problems.push(`${at}: uncaught error ${e.message}`));
      for (const path of role.pages(ids)) {
        for (const width of WIDTHS) {
          at = `${role.name} ${path} @${width}`;
          await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
          try {
            await go(page, path);
          } catch (e) {
            problems.push(`${role.name} ${path} @${width}: the page did not finish drawing (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
            continue;
          }
          // a page may draw its charts after its data: let layout settle before measuring
          await page.waitForTimeout(300);
          problems.push(...(await problemsOf(page, `${role.name} ${path} @${width}`)));
        }
      }
      expect(problems).toEqual([]);
    }, 900_000);
  });
}

describe('what a role may do', () => {
  async function asRole(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 900 }, locale: 'es-PE' });
    const res = await context.request.post('/api/auth/login', { data: { username, password } });
    if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
    return context.newPage();
  }
  const navLinks = async (page: Page): Promise<string[]> => (await page.locator('nav.nav a').allTextContents()).map((s) => s.trim());

  it('the auditor gets no upload form, no event form and no users page; the administrator gets users', async () => {
    const auditor = await asRole('auditor', 'veta-auditor');
    await go(auditor, '/region');
    expect(await navLinks(auditor)).not.toContain('Usuarios');
    for (const path of ['/servicios/carga', '/servicios/evento', '/usuarios']) {
      await go(auditor, path);
      expect(await auditor.locator('main').textContent(), path).toContain('Su perfil no tiene acceso a esta página.');
      expect(await auditor.locator('main input[type="file"], main form button[type="submit"]').count(), path).toBe(0);
    }
    await auditor.context().close();
    const admin = await asRole('admin', 'veta-admin');
    await go(admin, '/region');
    expect(await navLinks(admin)).toContain('Usuarios');
    await admin.context().close();
  });

  it('the administrator creates a user with a one-time password, deactivates it, and it cannot log in', async () => {
    const admin = await asRole('admin', 'veta-admin');
    const username = `e2e-${Date.now().toString(36)}`;
    await go(admin, '/usuarios/nuevo');
    await admin.locator('#un-username').fill(username);
    await admin.locator('#un-role').selectOption('auditor');
    await admin.getByRole('button', { name: 'Crear usuario' }).click();
    const secret = admin.locator('code.secret');
    await secret.waitFor();
    const password = (await secret.textContent())!.trim();
    expect(password).toHaveLength(20);
    const fresh = await browser.newContext({ baseURL: baseUrl });
    expect((await fresh.request.post('/api/auth/login', { data: { username, password } })).status()).toBe(200);

    await admin.getByRole('link', { name: username }).click();
    await settle(admin);
    await admin.getByLabel('Motivo (queda en la auditoría)').fill('prueba de desactivación');
    await admin.getByRole('button', { name: 'Desactivar' }).click();
    await admin.getByText('Cuenta desactivada.').waitFor();
    // the session opened before is dead too, and a new login is refused
    expect(((await (await fresh.request.get('/api/auth/me')).json()) as { role: string }).role).toBe('public');
    expect((await fresh.request.post('/api/auth/login', { data: { username, password } })).status()).toBe(401);
    await fresh.close();
    const audit = await admin.context().request.get(`/api/audit?entity=user&limit=500`);
    const actions = ((await audit.json()) as { action: string; after: { username?: string } }[])
      .filter((a) => a.after?.username === username)
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.add', 'user.deactivate']));
    await admin.context().close();
  });
});
