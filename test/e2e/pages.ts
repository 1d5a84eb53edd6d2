/** What every browser test does: contexts, logging in, screenshots, the accessibility check. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO } from './server.ts';

export const RESULTS = join(REPO, 'test-results', 'e2e');

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page's scripts (a test asserts there are none). */
  errors: string[];
}

export async function newTab(browser: Browser, baseUrl: string): Promise<Tab> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'es-PE', timezoneId: 'America/Lima' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Waits until the page has drawn its data: network quiet and no "Cargando…" left. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main h1, main .state').first().waitFor();
  // the function form: the app's CSP forbids eval, which the string form needs
  await page.waitForFunction(() => !document.querySelector('main [role="status"].state'), undefined, { timeout: 30_000 });
}

export async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page (WCAG 2.1 A/AA): serious or critical violations fail the test. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `axe-${name}.json`), JSON.stringify(result.violations, null, 2));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const detail = bad
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join('\n  ')}`,
      )
      .join('\n');
    throw new Error(`accessibility violations on ${name}:\n${detail}`);
  }
}

/** Logs in through the form, as a person would. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/ingresar');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).last().click();
  await page.getByText(`Sesión: ${username}`).waitFor();
}

/** An API session of a demo user (for finding test data and checking the server's answers). */
export async function apiAs(browser: Browser, baseUrl: string, username: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const res = await context.request.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
  return context;
}

/** Spanish labels of the requirements, as the pages show them. */
export const REQUIREMENT_ES: Record<string, string> = {
  igafom: 'IGAFOM',
  mining_right_access: 'Acceso al derecho minero',
  surface_land: 'Terreno superficial',
  technical_file: 'Expediente técnico',
  start_authorization: 'Autorización de inicio/reinicio',
};

/** axe-core's serious and critical violations (WCAG 2.1 A/AA) on the page, one line each with up to three targets. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/**
 * Horizontal overflow at the page's width: the document wider than the window, or an element
 * reaching past the window's right edge without an ancestor that scrolls or clips it (`overflow-x: auto | scroll | hidden | clip`, e.g. `.table-wrap`).
 * An SVG is judged as a whole (its drawing is clipped to its box). One line per element.
 */
export async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = window.innerWidth;
    const doc = document.documentElement.scrollWidth;
    if (doc > width) out.push(`document ${doc} px wide in a ${width} px window`);
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const cls = typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls}`);
      }
      const section = el.closest('section, form, table');
      const heading = section?.querySelector('h1, h2, h3, caption, legend')?.textContent?.trim().slice(0, 50);
      return `${parts.join(' > ')}${heading ? ` (in "${heading}")` : ''}`;
    };
    const reported = new Set<Element>();
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      let contained = false;
      for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
          contained = true;
          break;
        }
      }
      if (contained) continue;
      if (r.right > width + 1 && ![...reported].some((x) => x.contains(el))) {
        reported.add(el);
        out.push(`${describe(el)}: right edge at ${Math.round(r.right)} px, ${Math.round(r.width)} px wide, window ${width} px`);
      }
    }
    return out.slice(0, 12);
  });
}
