/** Debian's Chromium driven by playwright-core (Playwright's own browser download is not used). */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['VETA_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Launches Chromium headless. Playwright gives every launch a fresh temporary profile
 * (it refuses --user-data-dir in `launch`), and every context is isolated from the others.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
