/**
 * `npm run bench:web`: the public pages' initial JavaScript (gzip, from Vite's manifest)
 * and the cold load of public pages in Debian's Chromium under DevTools' 3G throttling
 * (CDP Network.emulateNetworkConditions, cache disabled), against the real server
 * with the demo. `webBench()` returns the markdown section for BENCHMARKS.md.
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.ts';
import { buildWebIfStale, startServer } from '../test/e2e/server.ts';
import { publicBundles, type PageBundle } from './web-bundle.ts';

export const BUDGET_KB = 250;

interface Profile {
  name: string;
  latency: number;
  /** Bytes per second; -1 is no throttling. */
  down: number;
  up: number;
}

/** Chrome DevTools' presets: throughput in bytes per second, latency in ms. */
const PROFILES: readonly Profile[] = [
  { name: 'Fast 3G', latency: 562.5, down: (1.6 * 1024 * 1024 * 0.9) / 8, up: (750 * 1024 * 0.9) / 8 },
  { name: 'Slow 3G', latency: 2000, down: (500 * 1024 * 0.8) / 8, up: (500 * 1024 * 0.8) / 8 },
];
const UNTHROTTLED: Profile = { name: 'warm-up', latency: 0, down: -1, up: -1 };

/** A public page and what "drawn with its data" means on it. */
const LOADS = [
  {
    page: 'Panorama (/)',
    path: '/',
    ready: [
      ['.kpi', 4],
      ['.svg-chart', 2],
    ],
  },
  { page: 'Mapa (/mapa)', path: '/mapa', ready: [['.leaflet-interactive', 25]] },
] as const satisfies readonly { page: string; path: string; ready: readonly (readonly [string, number])[] }[];

/**
 * In the page: every selector matches at least its count. A function, not a string: the
 * app's Content-Security-Policy (script-src 'self') refuses a string evaluated as code.
 */
const drawn = (ready: readonly (readonly [string, number])[]): boolean =>
  ready.every(
    ([selector, min]) =>
      (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(selector).length >= min,
  );

export interface LoadFigure {
  profile: string;
  page: string;
  fcpMs: number;
  readyMs: number;
  jsBytes: number;
  totalBytes: number;
  requests: number;
}

export interface WebBench {
  bundles: PageBundle[];
  loads: LoadFigure[];
}

async function measure(browser: Browser, baseUrl: string, profile: Profile, load: (typeof LOADS)[number]): Promise<LoadFigure> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 412, height: 915 }, locale: 'es-PE' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.down,
    uploadThroughput: profile.up,
  });
  const types = new Map<string, string>();
  let jsBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    requests++;
    totalBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength;
  });
  const start = Date.now();
  await page.goto(load.path, { waitUntil: 'commit' });
  await page.waitForFunction(drawn, load.ready, { timeout: 180_000, polling: 50 });
  const readyMs = Date.now() - start;
  const fcpMs = Number(await page.evaluate('performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1'));
  await context.close();
  return { profile: profile.name, page: load.page, fcpMs, readyMs, jsBytes, totalBytes, requests };
}

export async function benchWeb(log: (m: string) => void = () => undefined): Promise<WebBench> {
  buildWebIfStale();
  const bundles = publicBundles();
  log('web: starting the server with the demo…');
  const server = await startServer();
  const browser = await launchChromium();
  const loads: LoadFigure[] = [];
  try {
    // One unthrottled visit first, so the server's caches are warm as in use.
    for (const load of LOADS) await measure(browser, server.url, UNTHROTTLED, load);
    for (const profile of PROFILES) {
      for (const load of LOADS) {
        log(`web: ${load.page} on ${profile.name}…`);
        loads.push(await measure(browser, server.url, profile, load));
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return { bundles, loads };
}

const kb = (n: number): string => (n / 1024).toFixed(1);
const s = (ms: number): string => (ms < 0 ? '—' : (ms / 1000).toFixed(1));

export function webSection(b: WebBench): string {
  const worst = Math.max(...b.bundles.map((x) => x.jsGzip));
  return [
    '## Web app on a slow link',
    '',
    `Initial JavaScript of each public page (gzip, as served; entry + the page's area chunk and their static imports, from Vite's manifest). Budget: ${BUDGET_KB} KB; largest: ${kb(worst)} KB — ${worst / 1024 <= BUDGET_KB ? 'within' : 'OVER'} budget.`,
    '',
    '| public page | chunks | JS (KB gzip) | CSS (KB gzip) |',
    '| --- | ---: | ---: | ---: |',
    ...b.bundles.map((x) => `| ${x.page} | ${x.files} | ${kb(x.jsGzip)} | ${kb(x.cssGzip)} |`),
    '',
    'Cold load in Chromium (phone viewport, cache disabled) under DevTools network throttling, demo data, server on loopback.',
    '"Ready" is when the page shows its data (dashboard: figures and charts; map: the shaded departments). Bytes are as transferred (compressed), API answers and boundaries included.',
    '',
    '| network | page | first paint (s) | ready (s) | JS transferred (KB) | all transferred (KB) | requests |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...b.loads.map((l) => `| ${l.profile} | ${l.page} | ${s(l.fcpMs)} | ${s(l.readyMs)} | ${kb(l.jsBytes)} | ${kb(l.totalBytes)} | ${l.requests} |`),
    '',
  ].join('\n');
}

/** The markdown section, measured now. */
export async function webBench(log?: (m: string) => void): Promise<string> {
  return webSection(await benchWeb(log));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await webBench((m) => process.stderr.write(`${m}\n`))}\n`);
}
