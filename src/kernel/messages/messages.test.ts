import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FLAG_CODES } from '../../modules/traceability/flags/flag-model.domain.ts';
import { REJECTION_CODES } from '../../modules/formalization/formalization-rules.domain.ts';
import { ACTION_TYPES } from '../../modules/formalization/formalization.schema.ts';
import { discrepancyKindSchema } from '../../modules/monitoring/monitoring.schema.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { INEI_DEPARTMENT_NAMES } from './department-names.ts';
import { errorText, isMessageCode, labelOf, langFromEnv, messageOrGeneric, parseLang, renderMessage, rowErrorText } from './index.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts') && !/\.(test|fixtures|factories|arbitraries)\.ts$/.test(path)) out.push(path);
  }
  return out;
}

const C = '[a-z][a-zA-Z0-9_]*';
const CODE = `${C}(?:\\.${C})*`;
const DOTTED = `${C}(?:\\.${C})+`;

/**
 * Every message code the server's sources use, read from the sources: the codes given to
 * domain errors, `code: '…'` of problems and row errors, a code literal followed by its
 * English message (`p('password.common', 'The password …')`), and the codes of the
 * validators that prefix their own (`code: \`reinfo.${code}\`` with `fail(column, 'ruc.check_digit', …)`).
 */
function codesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.includes('/kernel/messages/')) continue;
    const s = readFileSync(file, 'utf8');
    const at = relative(SRC, file);
    const add = (code: string | undefined): void => void (code && !found.has(code) && found.set(code, at));
    for (const m of s.matchAll(new RegExp(`(?:NotFound|Conflict|Validation|Forbidden)Error\\(\\s*'(${CODE})'`, 'g'))) add(m[1]);
    for (const m of s.matchAll(new RegExp(`NotFoundError\\.of\\(\\s*(?:\`[^\`]*\`|'[^']*')\\s*,\\s*'(${CODE})'`, 'g'))) add(m[1]);
    for (const m of s.matchAll(new RegExp(`\\bcode:\\s*'(${DOTTED})'`, 'g'))) add(m[1]);
    for (const m of s.matchAll(new RegExp(`\\bcode:[^,\\n]*\\?\\s*'(${DOTTED})'\\s*:\\s*'(${DOTTED})'`, 'g'))) {
      add(m[1]);
      add(m[2]);
    }
    for (const m of s.matchAll(new RegExp(`\\bsay\\(\\s*'(${CODE})'`, 'g'))) add(m[1]);
    const prefix = /code: `(\w+)\.\$\{code\}`/.exec(s)?.[1];
    if (prefix) for (const m of s.matchAll(new RegExp(`\\bfail\\(\\s*[^,()]+,\\s*'(${CODE})'`, 'g'))) add(`${prefix}.${m[1]}`);
    else for (const m of s.matchAll(new RegExp(`'(${DOTTED})',\\s*(?:'[^']* [^']*'|\`)`, 'g'))) add(m[1]);
  }
  return found;
}

/** The audit actions written with a literal name (`action: 'person.merge'`). */
function auditActionsInSources(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) for (const m of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z][\w.]*)'/g)) found.add(m[1]!);
  return found;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the message catalog', () => {
  const used = codesInSources();

  it('reads the codes from the sources (the reader finds the known ones)', () => {
    expect(used.size).toBeGreaterThan(150);
    for (const code of [
      'reinfo.ruc.check_digit',
      'reinfo.department.outside_region',
      'inscription_not_found',
      'coop.version_conflict',
      'csrf.token',
      'file.column.missing',
    ])
      expect(used.has(code), code).toBe(true);
  });

  it('has Spanish and English words for every code the server uses', () => {
    const missing = [...used].filter(([code]) => !isMessageCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has words for every refusal of the formalization workflow, alert type, observation kind and expediente action', () => {
    const keys = [
      ...REJECTION_CODES,
      ...FLAG_CODES.flatMap((c) => [`alert:${c}`, `alertInfo:${c}`]),
      ...discrepancyKindSchema.options.map((k) => `observation:${k}`),
      ...ACTION_TYPES.map((a) => `audit:expediente.${a}`),
    ];
    expect(keys.filter((k) => !isMessageCode(k))).toEqual([]);
  });

  it('names every audit action written with a literal name', () => {
    const actions = auditActionsInSources();
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !isMessageCode(`audit:${a}`))).toEqual([]);
  });

  it('has the same keys and the same parameters in both languages, and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const [key, text] of Object.entries(es)) {
      const english = en[key as keyof typeof es];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });
});

describe('rendering', () => {
  it('interpolates parameters, numbers as in Peru', () => {
    expect(renderMessage('es', 'reinfo.district.unknown', { province: 'PUNO' })).toBe('No existe ese distrito en la provincia PUNO.');
    expect(renderMessage('en', 'reinfo.district.unknown', { province: 'PUNO' })).toBe('No such district in the province PUNO.');
    expect(renderMessage('es', 'cadastre.hectares.mismatch', { declared: 1200.5, computed: 13660.975 })).toBe(
      'Las hectáreas declaradas (1,200.5) no coinciden con las calculadas (13,660.975).',
    );
    expect(renderMessage('es', 'reinfo.ubigeo.mismatch')).toBe('No coincide con el distrito indicado ({district}).');
  });

  it('answers null for an unknown code, and a generic sentence with the code (never English) when asked for one', () => {
    expect(renderMessage('es', 'no.such.code')).toBeNull();
    expect(messageOrGeneric('es', 'no.such.code')).toBe('No se pudo completar la operación. (no.such.code)');
    expect(messageOrGeneric('es', undefined)).toBe('No se pudo completar la operación.');
    expect(messageOrGeneric('en', 'auth.wrong')).toBe('Wrong username or password.');
  });

  it('labels codes exactly, then by the nearest wildcard', () => {
    expect(labelOf('es', 'alert', 'BUYER_NOT_REGISTERED')).toBe('Comprador no inscrito en el RECPO');
    expect(labelOf('es', 'audit', 'expediente.observe')).toBe('Observación');
    expect(labelOf('en', 'audit', 'expediente.observe')).toBe('Observation');
    expect(labelOf('es', 'audit', 'import.cadastre')).toBe('Importación: cadastre');
    expect(labelOf('es', 'audit', 'services.credit.record')).toBe('Servicios: credit.record');
    expect(labelOf('es', 'audit', 'brand_new')).toBe('Acción: brand_new');
    expect(labelOf('es', 'observation', 'NOT_A_KIND')).toBeNull();
    expect(labelOf('es', 'sex', 'M')).toBe('Hombre');
  });

  it('writes a row error in the reader language, the English message when the code is unknown', () => {
    const e = { row: 3, column: 'RUC', value: '20123456789', message: 'RUC check digit is wrong', code: 'reinfo.ruc.check_digit' };
    expect(rowErrorText(e, 'es')).toBe('fila 3, RUC: El dígito verificador del RUC es incorrecto. (valor: 20123456789)');
    expect(rowErrorText(e, 'en')).toBe('row 3, RUC: RUC check digit is wrong. (value: 20123456789)');
    expect(rowErrorText({ row: 1, column: '', value: '', message: 'something new', code: 'x.new' }, 'es')).toBe('fila 1, archivo: something new');
  });

  it('writes a domain error by its code, its English message when the code is unknown', () => {
    expect(errorText({ code: 'policy.not_found', message: 'Policy X not found', params: { code: 'X' } }, 'es')).toBe('No hay una política X.');
    expect(errorText({ code: 'policy.not_found', message: 'Policy X not found', params: { code: 'X' } }, 'en')).toBe('No policy X.');
    expect(errorText({ code: 'brand.new', message: 'Something new' }, 'es')).toBe('Something new');
  });

  it('takes the language from --lang or the environment, Spanish by default', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('es-PE')).toBe('es');
    expect(parseLang('fr')).toBeNull();
    expect(langFromEnv({})).toBe('es');
    expect(langFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('es');
    expect(langFromEnv({ LANG: 'en_GB.UTF-8', LC_ALL: 'es_PE.UTF-8' })).toBe('es');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe('en');
  });
});

describe('department names', () => {
  it('are the 25 departments as INEI writes them, accents included', () => {
    expect(Object.keys(INEI_DEPARTMENT_NAMES)).toHaveLength(25);
    expect(INEI_DEPARTMENT_NAMES['03']).toBe('Apurímac');
    expect(INEI_DEPARTMENT_NAMES['10']).toBe('Huánuco');
    expect(INEI_DEPARTMENT_NAMES['12']).toBe('Junín');
    expect(INEI_DEPARTMENT_NAMES['22']).toBe('San Martín');
  });

  it('agree with the migration that renames the departments of existing databases', () => {
    const sql = readFileSync(fileURLToPath(new URL('../../../db/migrations/0024_department-display-names.sql', import.meta.url)), 'utf8');
    const pairs = Object.fromEntries([...sql.matchAll(/\('(\d{2})', '([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]));
    expect(pairs).toEqual(INEI_DEPARTMENT_NAMES);
  });
});
