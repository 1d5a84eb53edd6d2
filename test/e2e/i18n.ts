/**
 * The browser check that no code reaches a page untranslated: SCREAMING_SNAKE codes
 * (BUYER_NOT_REGISTERED, AGGREGATE_OF_PUBLISHED) and dotted codes of the server's message
 * catalog (expediente.observe, reinfo.ruc.check_digit) in the visible text. Legal acronyms
 * are words, not codes, and pass; so do usernames, file names and addresses, and a code the
 * page marks itself as shown on purpose (`data-i18n-code`, the small print beside a generic
 * message).
 */
import type { Page } from 'playwright-core';
import { MESSAGE_CODES } from '../../src/kernel/messages/index.ts';

/** Words in capitals that are Peruvian legal names or acronyms, never codes to translate. */
export const LEGAL_ACRONYMS: readonly string[] = [
  'REINFO',
  'IGAFOM',
  'IGAC',
  'DAC',
  'RECPO',
  'UBIGEO',
  'RUC',
  'DNI',
  'MAPE',
  'MINEM',
  'INGEMMET',
  'GEOCATMIN',
  'SERNANP',
  'ANP',
  'SUNAT',
  'RENIEC',
  'INEI',
  'DREM',
  'GREM',
  'DGFM',
  'OEFA',
  'SUCAMEC',
  'IATI',
  'ODS',
  'AOD',
  'PMA',
  'PPM',
  'UTM',
  'WGS84',
  'PSAD56',
  'FAIRMINED',
  'ND',
];

const SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const DOTTED = /\b[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+\b/g;
const FILE_EXTENSIONS = /\.(csv|xlsx|xls|json|geojson|pdf|zip|shp|dbf|prj|xml|png|svg|txt|html|js|gz|mvt|pbf|ttl|jsonld)$/i;

/** The first segments of the catalog's dotted codes (`expediente`, `reinfo`, `auth`…): a dotted word starting otherwise is not a code. */
const NAMESPACES: ReadonlySet<string> = new Set(
  MESSAGE_CODES.map((k) => k.replace(/^[a-zA-Z]+:/, ''))
    .filter((k) => k.includes('.'))
    .map((k) => k.split('.')[0]!),
);

/** The codes in a text that look untranslated (pure; exported for its unit test). */
export function untranslatedCodesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SNAKE)) {
    const parts = m[0].split('_');
    if (!parts.every((p) => LEGAL_ACRONYMS.includes(p) || /^\d+$/.test(p))) out.push(m[0]);
  }
  for (const m of text.matchAll(DOTTED)) {
    const word = m[0];
    const before = text[(m.index ?? 0) - 1] ?? '';
    const after = text[(m.index ?? 0) + word.length] ?? '';
    if (before === '/' || before === '@' || after === '@' || after === '/' || FILE_EXTENSIONS.test(word)) continue;
    if (/^\d/.test(word.split('.')[1] ?? '')) continue;
    if (NAMESPACES.has(word.split('.')[0]!)) out.push(word);
  }
  return out;
}

/** The visible text of the page, without what a page marks as a code shown on purpose. */
export async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text) continue;
      if (el.closest('script, style, noscript, template, [data-i18n-code]')) continue;
      const visible = typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
      if (visible) texts.push(text);
    }
    return texts;
  });
}

/** Fails when the page's visible text holds a code the reader was meant to see translated. */
export async function expectNoUntranslatedCodes(page: Page, name = page.url()): Promise<void> {
  const found = new Map<string, string>();
  for (const text of await visibleText(page)) for (const code of untranslatedCodesIn(text)) if (!found.has(code)) found.set(code, text.slice(0, 120));
  if (found.size > 0) {
    const detail = [...found].map(([code, text]) => `  ${code}  in "${text}"`).join('\n');
    throw new Error(`untranslated codes on ${name}:\n${detail}`);
  }
}
