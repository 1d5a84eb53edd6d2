/**
 * Server messages in the reader's language, shared by the CLI and the web app (pure: no
 * I/O). A message is a stable code and its parameters; the tables in es.ts and en.ts
 * give its words, with `{name}` for a parameter. Numbers are written as in Peru (es-PE)
 * whatever the language, as the web app writes them.
 */
import { en } from './en.ts';
import { es, type MessageCode } from './es.ts';

export type { MessageCode } from './es.ts';
export type MessageLang = 'es' | 'en';
export type MessageParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

const TABLES: Record<MessageLang, Record<MessageCode, string>> = { es, en };

/** Every code and label key of the catalog (the registry the tests check the server against). */
export const MESSAGE_CODES: readonly MessageCode[] = Object.keys(es) as MessageCode[];

export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(es, code);
}

// Built at the first number written: loading ICU's es-PE data costs every command and
// server start some 20 ms, and most never format a number in a message.
let numbers: Intl.NumberFormat | undefined;
const formatNumber = (value: number): string => (numbers ??= new Intl.NumberFormat('es-PE', { maximumFractionDigits: 3 })).format(value);

/** A parameter as text: numbers in es-PE, booleans as sí/no (yes/no), null as a dash. */
export function formatParam(value: string | number | boolean | null | undefined, lang: MessageLang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : String(value);
  if (typeof value === 'boolean') return value ? (lang === 'es' ? 'sí' : 'yes') : 'no';
  return value;
}

/** `{name}` replaced by its parameter; a placeholder without a parameter stays as written. */
export function interpolateMessage(text: string, params: MessageParams | undefined, lang: MessageLang): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? formatParam(params[name], lang) : whole));
}

/** The message of `code` in `lang`, or null when the catalog does not know the code. */
export function renderMessage(lang: MessageLang, code: string, params?: MessageParams): string | null {
  if (!isMessageCode(code)) return null;
  return interpolateMessage(TABLES[lang][code], params, lang);
}

/** The message of `code`, or a generic sentence naming the code when the catalog does not know it (never the server's English). */
export function messageOrGeneric(lang: MessageLang, code: string | undefined, params?: MessageParams): string {
  const known = code === undefined ? null : renderMessage(lang, code, params);
  if (known !== null) return known;
  const generic = TABLES[lang]['error.generic'];
  return code ? `${generic} (${code})` : generic;
}

/**
 * The label of a code of some kind (`alert`, `audit`, `observation`, `sex`): the exact
 * entry `kind:value`, else the nearest wildcard (`audit:import.*` for `import.cadastre`,
 * with `{rest}` the part after it), else `kind:*`, else null.
 */
export function labelOf(lang: MessageLang, kind: string, value: string): string | null {
  const exact = renderMessage(lang, `${kind}:${value}`);
  if (exact !== null) return exact;
  const parts = value.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const key = `${kind}:${[...parts.slice(0, i), '*'].join('.')}`;
    const found = renderMessage(lang, key, { rest: parts.slice(i).join('.') });
    if (found !== null) return found;
  }
  return null;
}

/** The language asked for with `--lang` (es, en, es-PE, en_GB…), or null when it is neither. */
export function parseLang(value: string | undefined | null): MessageLang | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (/^es([-_.@]|$)/.test(v)) return 'es';
  if (/^en([-_.@]|$)/.test(v)) return 'en';
  return null;
}

/** The language of the environment, POSIX order (LC_ALL, LC_MESSAGES, LANG); Spanish unless it says English. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): MessageLang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v && v !== 'C' && v !== 'POSIX') return parseLang(v) ?? 'es';
  }
  return 'es';
}

let current: MessageLang = 'es';

/** The language the CLI writes its human-readable messages in (set once at start from `--lang` or the environment). */
export function messageLang(): MessageLang {
  return current;
}

export function setMessageLang(lang: MessageLang): void {
  current = lang;
}

/** A coded error (a domain error) as a person reads it in `lang` (the CLI's by default); its English message when the code is unknown. */
export function errorText(e: { code: string; message: string; params?: MessageParams }, lang: MessageLang = current): string {
  return renderMessage(lang, e.code, e.params) ?? e.message;
}

/** What an import row error says to a person, in `lang`: its code's message, or the English message when the code is unknown. */
export function rowErrorText(
  e: { row: number; column: string; value: string; message: string; code?: string; params?: MessageParams },
  lang: MessageLang,
): string {
  const why = (e.code !== undefined ? renderMessage(lang, e.code, e.params) : null) ?? e.message;
  const where = lang === 'es' ? `fila ${e.row}, ${e.column || 'archivo'}` : `row ${e.row}, ${e.column || 'file'}`;
  const value = e.value ? (lang === 'es' ? ` (valor: ${e.value})` : ` (value: ${e.value})`) : '';
  return `${where}: ${why}${value}`;
}
