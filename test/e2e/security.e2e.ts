/**
 * The built web app runs under the server's Content Security Policy (no violation on the
 * main pages, logged out and in), and another site's page cannot act for a logged-in
 * official: the no-cors upload of issue 19 leaves the audit log's head where it was.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { expectAccessible, go, logIn, newTab } from './pages.ts';
import { freePort } from './server.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let attacker: Server;
let attackerPort: number;

/** The attacker's page of issue 19: a no-cors multipart POST with the victim's cookies. */
const attackPage = (target: string): string => `<!doctype html><html><body><script>
  const form = new FormData();
  form.append('file', new Blob(['RUC,NOMBRE\\n10000000001,X\\n'], { type: 'text/csv' }), 'reinfo.csv');
  fetch(${JSON.stringify(`${target}/api/imports/reinfo`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', body: form })
    .then(() => { document.title = 'sent'; }, () => { document.title = 'failed'; });
</script></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  attackerPort = await freePort();
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackPage(baseUrl));
  });
  await new Promise<void>((resolve) => attacker.listen(attackerPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

/** CSP violations the page reports (the browser fires securitypolicyviolation for each). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...consoleErrors, ...((await page.evaluate('window.__csp')) as string[])];
}

const head = async (): Promise<{ seq: number }> => (await (await fetch(`${baseUrl}/api/public/audit/head`)).json()) as { seq: number };

describe('the Content Security Policy', () => {
  it('lets the public pages and the official pages run without a violation', async () => {
    const { page, errors } = await newTab(browser, baseUrl);
    const violations = await watchCsp(page);
    const res = await page.goto('/');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const path of ['/', '/mapa', '/registro', '/seguimiento']) await go(page, path);
    await logIn(page, 'puno', 'veta-puno');
    await page.waitForURL('**/region');
    for (const path of ['/region', '/expedientes', '/importaciones']) await go(page, path);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    // The watch itself works: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    expect((await violations()).join(' ')).toContain('script-src');
  });
});

describe('another site', () => {
  for (const host of ['127.0.0.1', 'localhost']) {
    it(`(${host}:port, ${host === '127.0.0.1' ? 'same site, other origin' : 'cross site'}) cannot upload as the logged-in official`, async () => {
      const { page, context } = await newTab(browser, baseUrl);
      await logIn(page, 'puno', 'veta-puno');
      const before = await head();
      const evil = await context.newPage();
      const answers: number[] = [];
      evil.on('response', (r) => {
        if (r.url().includes('/api/imports/reinfo')) answers.push(r.status());
      });
      await evil.goto(`http://${host}:${attackerPort}/`);
      await evil.waitForFunction('document.title !== ""', undefined, { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await head()).toEqual(before);
      // An opaque answer shows status 0 to the page; the browser's own record has the real one.
      for (const status of answers) expect([0, 401, 403]).toContain(status);
      await context.close();
    });
  }
});

describe('API tokens', () => {
  it('an official issues a token on /tokens, sees it listed, and revokes it', async () => {
    const { page, errors } = await newTab(browser, baseUrl);
    await logIn(page, 'arequipa', 'veta-arequipa');
    await go(page, '/tokens');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tokens de API');
    const name = `etl-${Date.now()}`;
    await page.getByLabel('Para qué es').fill(name);
    await page.getByRole('button', { name: 'Emitir' }).click();
    const token = (await page.locator('main code').first().textContent())!;
    expect(token).toMatch(/^vt_/);
    const me = async () => (await (await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { username: string };
    expect((await me()).username).toBe('arequipa');
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Vigente').waitFor();
    await expectAccessible(page, 'tokens');
    await row.getByRole('button', { name: 'Revocar' }).click();
    await row.getByText(/Revocado/).waitFor();
    expect((await me()).username).toBe('public');
    expect(errors).toEqual([]);
  });
});
