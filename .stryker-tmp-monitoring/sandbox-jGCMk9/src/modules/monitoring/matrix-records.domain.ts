// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { isIndicatorRow } from './hierarchy.domain.ts';
import type { Measure, PolicyMatrix } from './monitoring.schema.ts';

/**
 * A policy matrix as the rows the database stores (db/migrations/0006_monitoring.sql),
 * and what storing one matrix over another changes. Pure: the service loads the stored
 * matrix, compares, and writes only when something changed (an identical re-import
 * writes nothing, not even an audit entry).
 */

export interface ElementRecord {
  code: string;
  position: number;
  name: string;
}
export interface IndicatorRecord {
  code: string;
  direction: string;
  aggregation: string;
  responsible: string | null;
  indicator_type: string | null;
  justification: string | null;
  limitations: string | null;
  calculation_method: string | null;
  data_source: string | null;
  unit: string | null;
  baseline_year: number | null;
  baseline_value: number | null;
}
export interface TargetRecord {
  code: string;
  year: number;
  value: Measure;
}

/** A value as stored; `status` `nd` is ND (value null). */
export interface ValueRecord {
  code: string;
  year: number;
  status: 'measured' | 'nd';
  value: Measure;
  source: string | null;
  value_date: string | null;
  entered_by: string | null;
}
export interface NoteRecord {
  code: string;
  year: number;
  alert: string | null;
  measures: string | null;
}
export interface PublishedRecord {
  code: string;
  year: number;
  field: 'avance1' | 'avance2';
  value: Measure;
}
export interface MatrixRecords {
  elements: ElementRecord[];
  indicators: IndicatorRecord[];
  targets: TargetRecord[];
  values: ValueRecord[];
  notes: NoteRecord[];
  published: PublishedRecord[];
}

/** Something the file format accepts but the database does not (a row-level error). */
export interface StorageProblem {
  code: string;
  column: string;
  value: string;
  message: string;
}
export interface MatrixChanges {
  elements: {
    added: number;
    changed: number;
    removed: number;
  };
  targets: number;
  /** New rows of the value history (corrections and withdrawals included). */
  values: number;
  notes: number;
  published: number;
}
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** `YYYY-MM-DD` or `DD/MM/YYYY` (as es-PE spreadsheets write dates) → ISO, or null. */
export function isoDate(text: string): string | null {
  if (stryMutAct_9fa48("292")) {
    {}
  } else {
    stryCov_9fa48("292");
    const iso = (stryMutAct_9fa48("300") ? /^(\d{4})-(\d{2})-(\D{2})$/ : stryMutAct_9fa48("299") ? /^(\d{4})-(\d{2})-(\d)$/ : stryMutAct_9fa48("298") ? /^(\d{4})-(\D{2})-(\d{2})$/ : stryMutAct_9fa48("297") ? /^(\d{4})-(\d)-(\d{2})$/ : stryMutAct_9fa48("296") ? /^(\D{4})-(\d{2})-(\d{2})$/ : stryMutAct_9fa48("295") ? /^(\d)-(\d{2})-(\d{2})$/ : stryMutAct_9fa48("294") ? /^(\d{4})-(\d{2})-(\d{2})/ : stryMutAct_9fa48("293") ? /(\d{4})-(\d{2})-(\d{2})$/ : (stryCov_9fa48("293", "294", "295", "296", "297", "298", "299", "300"), /^(\d{4})-(\d{2})-(\d{2})$/)).exec(stryMutAct_9fa48("301") ? text : (stryCov_9fa48("301"), text.trim()));
    const dmy = (stryMutAct_9fa48("309") ? /^(\d{1,2})\/(\d{1,2})\/(\D{4})$/ : stryMutAct_9fa48("308") ? /^(\d{1,2})\/(\d{1,2})\/(\d)$/ : stryMutAct_9fa48("307") ? /^(\d{1,2})\/(\D{1,2})\/(\d{4})$/ : stryMutAct_9fa48("306") ? /^(\d{1,2})\/(\d)\/(\d{4})$/ : stryMutAct_9fa48("305") ? /^(\D{1,2})\/(\d{1,2})\/(\d{4})$/ : stryMutAct_9fa48("304") ? /^(\d)\/(\d{1,2})\/(\d{4})$/ : stryMutAct_9fa48("303") ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})/ : stryMutAct_9fa48("302") ? /(\d{1,2})\/(\d{1,2})\/(\d{4})$/ : (stryCov_9fa48("302", "303", "304", "305", "306", "307", "308", "309"), /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/)).exec(stryMutAct_9fa48("310") ? text : (stryCov_9fa48("310"), text.trim()));
    const [y, m, d] = iso ? stryMutAct_9fa48("311") ? [] : (stryCov_9fa48("311"), [iso[1], iso[2], iso[3]]) : dmy ? stryMutAct_9fa48("312") ? [] : (stryCov_9fa48("312"), [dmy[3], dmy[2], dmy[1]]) : stryMutAct_9fa48("313") ? ["Stryker was here"] : (stryCov_9fa48("313"), []);
    if (stryMutAct_9fa48("316") ? (y === undefined || m === undefined) && d === undefined : stryMutAct_9fa48("315") ? false : stryMutAct_9fa48("314") ? true : (stryCov_9fa48("314", "315", "316"), (stryMutAct_9fa48("318") ? y === undefined && m === undefined : stryMutAct_9fa48("317") ? false : (stryCov_9fa48("317", "318"), (stryMutAct_9fa48("320") ? y !== undefined : stryMutAct_9fa48("319") ? false : (stryCov_9fa48("319", "320"), y === undefined)) || (stryMutAct_9fa48("322") ? m !== undefined : stryMutAct_9fa48("321") ? false : (stryCov_9fa48("321", "322"), m === undefined)))) || (stryMutAct_9fa48("324") ? d !== undefined : stryMutAct_9fa48("323") ? false : (stryCov_9fa48("323", "324"), d === undefined)))) return null;
    const date = new Date(Date.UTC(Number(y), stryMutAct_9fa48("325") ? Number(m) + 1 : (stryCov_9fa48("325"), Number(m) - 1), Number(d)));
    const out = stryMutAct_9fa48("326") ? date.toISOString() : (stryCov_9fa48("326"), date.toISOString().slice(0, 10));
    return (stryMutAct_9fa48("329") ? out !== `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : stryMutAct_9fa48("328") ? false : stryMutAct_9fa48("327") ? true : (stryCov_9fa48("327", "328", "329"), out === (stryMutAct_9fa48("330") ? `` : (stryCov_9fa48("330"), `${y}-${m.padStart(2, stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), '0'))}-${d.padStart(2, stryMutAct_9fa48("332") ? "" : (stryCov_9fa48("332"), '0'))}`)))) ? out : null;
  }
}
const orNull = stryMutAct_9fa48("333") ? () => undefined : (stryCov_9fa48("333"), (() => {
  const orNull = (text: string | undefined): string | null => stryMutAct_9fa48("334") ? text && null : (stryCov_9fa48("334"), text ?? null);
  return orNull;
})());

/** The rows to store for a matrix, and what the database would refuse in it. */
export function toRecords(matrix: PolicyMatrix): {
  records: MatrixRecords;
  problems: StorageProblem[];
} {
  if (stryMutAct_9fa48("335")) {
    {}
  } else {
    stryCov_9fa48("335");
    const records: MatrixRecords = stryMutAct_9fa48("336") ? {} : (stryCov_9fa48("336"), {
      elements: stryMutAct_9fa48("337") ? ["Stryker was here"] : (stryCov_9fa48("337"), []),
      indicators: stryMutAct_9fa48("338") ? ["Stryker was here"] : (stryCov_9fa48("338"), []),
      targets: stryMutAct_9fa48("339") ? ["Stryker was here"] : (stryCov_9fa48("339"), []),
      values: stryMutAct_9fa48("340") ? ["Stryker was here"] : (stryCov_9fa48("340"), []),
      notes: stryMutAct_9fa48("341") ? ["Stryker was here"] : (stryCov_9fa48("341"), []),
      published: stryMutAct_9fa48("342") ? ["Stryker was here"] : (stryCov_9fa48("342"), [])
    });
    const problems: StorageProblem[] = stryMutAct_9fa48("343") ? ["Stryker was here"] : (stryCov_9fa48("343"), []);
    const checkYear = (code: string, column: string, year: number): void => {
      if (stryMutAct_9fa48("344")) {
        {}
      } else {
        stryCov_9fa48("344");
        if (stryMutAct_9fa48("347") ? year < MIN_YEAR && year > MAX_YEAR : stryMutAct_9fa48("346") ? false : stryMutAct_9fa48("345") ? true : (stryCov_9fa48("345", "346", "347"), (stryMutAct_9fa48("350") ? year >= MIN_YEAR : stryMutAct_9fa48("349") ? year <= MIN_YEAR : stryMutAct_9fa48("348") ? false : (stryCov_9fa48("348", "349", "350"), year < MIN_YEAR)) || (stryMutAct_9fa48("353") ? year <= MAX_YEAR : stryMutAct_9fa48("352") ? year >= MAX_YEAR : stryMutAct_9fa48("351") ? false : (stryCov_9fa48("351", "352", "353"), year > MAX_YEAR)))) problems.push(stryMutAct_9fa48("354") ? {} : (stryCov_9fa48("354"), {
          code,
          column,
          value: String(year),
          message: stryMutAct_9fa48("355") ? `` : (stryCov_9fa48("355"), `a year between ${MIN_YEAR} and ${MAX_YEAR} is expected`)
        }));
      }
    };
    matrix.rows.forEach((row, position) => {
      if (stryMutAct_9fa48("356")) {
        {}
      } else {
        stryCov_9fa48("356");
        const {
          code
        } = row;
        records.elements.push(stryMutAct_9fa48("357") ? {} : (stryCov_9fa48("357"), {
          code,
          position,
          name: isIndicatorRow(row) ? row.sheet.name : row.name
        }));
        for (const [year, figures] of Object.entries(row.published)) {
          if (stryMutAct_9fa48("358")) {
            {}
          } else {
            stryCov_9fa48("358");
            checkYear(code, stryMutAct_9fa48("359") ? `` : (stryCov_9fa48("359"), `published_avance1_${year}`), Number(year));
            for (const field of ['avance1', 'avance2'] as const) {
              if (stryMutAct_9fa48("360")) {
                {}
              } else {
                stryCov_9fa48("360");
                const value = figures[field];
                if (stryMutAct_9fa48("363") ? value === undefined : stryMutAct_9fa48("362") ? false : stryMutAct_9fa48("361") ? true : (stryCov_9fa48("361", "362", "363"), value !== undefined)) records.published.push(stryMutAct_9fa48("364") ? {} : (stryCov_9fa48("364"), {
                  code,
                  year: Number(year),
                  field,
                  value
                }));
              }
            }
          }
        }
        if (stryMutAct_9fa48("367") ? false : stryMutAct_9fa48("366") ? true : stryMutAct_9fa48("365") ? isIndicatorRow(row) : (stryCov_9fa48("365", "366", "367"), !isIndicatorRow(row))) return;
        const {
          sheet,
          baseline
        } = row;
        if (stryMutAct_9fa48("370") ? baseline.year === null : stryMutAct_9fa48("369") ? false : stryMutAct_9fa48("368") ? true : (stryCov_9fa48("368", "369", "370"), baseline.year !== null)) checkYear(code, stryMutAct_9fa48("371") ? "" : (stryCov_9fa48("371"), 'baseline_year'), baseline.year);
        records.indicators.push(stryMutAct_9fa48("372") ? {} : (stryCov_9fa48("372"), {
          code,
          direction: sheet.direction,
          aggregation: sheet.aggregation,
          responsible: orNull(sheet.responsible),
          indicator_type: orNull(sheet.indicatorType),
          justification: orNull(sheet.justification),
          limitations: orNull(sheet.limitations),
          calculation_method: orNull(sheet.calculationMethod),
          data_source: orNull(sheet.dataSource),
          unit: orNull(sheet.unit),
          baseline_year: baseline.year,
          baseline_value: baseline.value
        }));
        for (const [year, value] of Object.entries(row.targets)) {
          if (stryMutAct_9fa48("373")) {
            {}
          } else {
            stryCov_9fa48("373");
            checkYear(code, stryMutAct_9fa48("374") ? `` : (stryCov_9fa48("374"), `target_${year}`), Number(year));
            records.targets.push(stryMutAct_9fa48("375") ? {} : (stryCov_9fa48("375"), {
              code,
              year: Number(year),
              value
            }));
          }
        }
        for (const [year, observed] of Object.entries(row.values)) {
          if (stryMutAct_9fa48("376")) {
            {}
          } else {
            stryCov_9fa48("376");
            checkYear(code, stryMutAct_9fa48("377") ? `` : (stryCov_9fa48("377"), `value_${year}`), Number(year));
            let date: string | null = null;
            if (stryMutAct_9fa48("380") ? observed.date === undefined : stryMutAct_9fa48("379") ? false : stryMutAct_9fa48("378") ? true : (stryCov_9fa48("378", "379", "380"), observed.date !== undefined)) {
              if (stryMutAct_9fa48("381")) {
                {}
              } else {
                stryCov_9fa48("381");
                date = isoDate(observed.date);
                if (stryMutAct_9fa48("384") ? date !== null : stryMutAct_9fa48("383") ? false : stryMutAct_9fa48("382") ? true : (stryCov_9fa48("382", "383", "384"), date === null)) {
                  if (stryMutAct_9fa48("385")) {
                    {}
                  } else {
                    stryCov_9fa48("385");
                    problems.push(stryMutAct_9fa48("386") ? {} : (stryCov_9fa48("386"), {
                      code,
                      column: stryMutAct_9fa48("387") ? `` : (stryCov_9fa48("387"), `value_date_${year}`),
                      value: observed.date,
                      message: stryMutAct_9fa48("388") ? "" : (stryCov_9fa48("388"), 'not a date (YYYY-MM-DD or DD/MM/YYYY)')
                    }));
                  }
                }
              }
            }
            records.values.push(stryMutAct_9fa48("389") ? {} : (stryCov_9fa48("389"), {
              code,
              year: Number(year),
              status: (stryMutAct_9fa48("392") ? observed.value !== null : stryMutAct_9fa48("391") ? false : stryMutAct_9fa48("390") ? true : (stryCov_9fa48("390", "391", "392"), observed.value === null)) ? stryMutAct_9fa48("393") ? "" : (stryCov_9fa48("393"), 'nd') : stryMutAct_9fa48("394") ? "" : (stryCov_9fa48("394"), 'measured'),
              value: observed.value,
              source: orNull(observed.source),
              value_date: date,
              entered_by: orNull(observed.enteredBy)
            }));
          }
        }
        for (const [year, note] of Object.entries(row.notes)) {
          if (stryMutAct_9fa48("395")) {
            {}
          } else {
            stryCov_9fa48("395");
            checkYear(code, stryMutAct_9fa48("396") ? `` : (stryCov_9fa48("396"), `alert_${year}`), Number(year));
            records.notes.push(stryMutAct_9fa48("397") ? {} : (stryCov_9fa48("397"), {
              code,
              year: Number(year),
              alert: orNull(note.alert),
              measures: orNull(note.measures)
            }));
          }
        }
      }
    });
    return stryMutAct_9fa48("398") ? {} : (stryCov_9fa48("398"), {
      records,
      problems
    });
  }
}
interface Diff {
  added: number;
  changed: number;
  removed: number;
}
function diff<T>(before: readonly T[], after: readonly T[], key: (r: T) => string): Diff {
  if (stryMutAct_9fa48("399")) {
    {}
  } else {
    stryCov_9fa48("399");
    const old = new Map(before.map(stryMutAct_9fa48("400") ? () => undefined : (stryCov_9fa48("400"), r => stryMutAct_9fa48("401") ? [] : (stryCov_9fa48("401"), [key(r), JSON.stringify(r)]))));
    const out: Diff = stryMutAct_9fa48("402") ? {} : (stryCov_9fa48("402"), {
      added: 0,
      changed: 0,
      removed: 0
    });
    const seen = new Set<string>();
    for (const r of after) {
      if (stryMutAct_9fa48("403")) {
        {}
      } else {
        stryCov_9fa48("403");
        const k = key(r);
        seen.add(k);
        const previous = old.get(k);
        if (stryMutAct_9fa48("406") ? previous !== undefined : stryMutAct_9fa48("405") ? false : stryMutAct_9fa48("404") ? true : (stryCov_9fa48("404", "405", "406"), previous === undefined)) stryMutAct_9fa48("407") ? out.added -= 1 : (stryCov_9fa48("407"), out.added += 1);else if (stryMutAct_9fa48("410") ? previous === JSON.stringify(r) : stryMutAct_9fa48("409") ? false : stryMutAct_9fa48("408") ? true : (stryCov_9fa48("408", "409", "410"), previous !== JSON.stringify(r))) stryMutAct_9fa48("411") ? out.changed -= 1 : (stryCov_9fa48("411"), out.changed += 1);
      }
    }
    for (const k of old.keys()) if (stryMutAct_9fa48("414") ? false : stryMutAct_9fa48("413") ? true : stryMutAct_9fa48("412") ? seen.has(k) : (stryCov_9fa48("412", "413", "414"), !seen.has(k))) stryMutAct_9fa48("415") ? out.removed -= 1 : (stryCov_9fa48("415"), out.removed += 1);
    return out;
  }
}
const total = stryMutAct_9fa48("416") ? () => undefined : (stryCov_9fa48("416"), (() => {
  const total = (d: Diff): number => stryMutAct_9fa48("417") ? d.added + d.changed - d.removed : (stryCov_9fa48("417"), (stryMutAct_9fa48("418") ? d.added - d.changed : (stryCov_9fa48("418"), d.added + d.changed)) + d.removed);
  return total;
})());
const byCode = stryMutAct_9fa48("419") ? () => undefined : (stryCov_9fa48("419"), (() => {
  const byCode = (r: {
    code: string;
  }): string => r.code;
  return byCode;
})());
const byYear = stryMutAct_9fa48("420") ? () => undefined : (stryCov_9fa48("420"), (() => {
  const byYear = (r: {
    code: string;
    year: number;
  }): string => stryMutAct_9fa48("421") ? `` : (stryCov_9fa48("421"), `${r.code}|${r.year}`);
  return byYear;
})());

/**
 * What storing `after` over `before` (null: a new policy) changes, row by row: elements
 * added, changed (name, position or technical sheet) and removed; targets, notes and
 * published figures added, changed or removed; values whose current entry differs
 * (each becomes a new row of the history, a value no longer in the matrix a withdrawal).
 */
export function matrixChanges(before: MatrixRecords | null, after: MatrixRecords): MatrixChanges {
  if (stryMutAct_9fa48("422")) {
    {}
  } else {
    stryCov_9fa48("422");
    const b = stryMutAct_9fa48("423") ? before && {
      elements: [],
      indicators: [],
      targets: [],
      values: [],
      notes: [],
      published: []
    } : (stryCov_9fa48("423"), before ?? (stryMutAct_9fa48("424") ? {} : (stryCov_9fa48("424"), {
      elements: stryMutAct_9fa48("425") ? ["Stryker was here"] : (stryCov_9fa48("425"), []),
      indicators: stryMutAct_9fa48("426") ? ["Stryker was here"] : (stryCov_9fa48("426"), []),
      targets: stryMutAct_9fa48("427") ? ["Stryker was here"] : (stryCov_9fa48("427"), []),
      values: stryMutAct_9fa48("428") ? ["Stryker was here"] : (stryCov_9fa48("428"), []),
      notes: stryMutAct_9fa48("429") ? ["Stryker was here"] : (stryCov_9fa48("429"), []),
      published: stryMutAct_9fa48("430") ? ["Stryker was here"] : (stryCov_9fa48("430"), [])
    })));
    const elements = diff(b.elements, after.elements, byCode);
    // An element changes with its name, its position or its technical sheet (the code fixes
    // the level, so an element has a sheet before and after or neither).
    const oldElements = new Map(b.elements.map(stryMutAct_9fa48("431") ? () => undefined : (stryCov_9fa48("431"), e => stryMutAct_9fa48("432") ? [] : (stryCov_9fa48("432"), [e.code, JSON.stringify(e)]))));
    const oldSheets = new Map(b.indicators.map(stryMutAct_9fa48("433") ? () => undefined : (stryCov_9fa48("433"), i => stryMutAct_9fa48("434") ? [] : (stryCov_9fa48("434"), [i.code, JSON.stringify(i)]))));
    const newSheets = new Map(after.indicators.map(stryMutAct_9fa48("435") ? () => undefined : (stryCov_9fa48("435"), i => stryMutAct_9fa48("436") ? [] : (stryCov_9fa48("436"), [i.code, JSON.stringify(i)]))));
    let changed = 0;
    for (const e of after.elements) {
      if (stryMutAct_9fa48("437")) {
        {}
      } else {
        stryCov_9fa48("437");
        const old = oldElements.get(e.code);
        if (stryMutAct_9fa48("440") ? old !== undefined || old !== JSON.stringify(e) || oldSheets.get(e.code) !== newSheets.get(e.code) : stryMutAct_9fa48("439") ? false : stryMutAct_9fa48("438") ? true : (stryCov_9fa48("438", "439", "440"), (stryMutAct_9fa48("442") ? old === undefined : stryMutAct_9fa48("441") ? true : (stryCov_9fa48("441", "442"), old !== undefined)) && (stryMutAct_9fa48("444") ? old !== JSON.stringify(e) && oldSheets.get(e.code) !== newSheets.get(e.code) : stryMutAct_9fa48("443") ? true : (stryCov_9fa48("443", "444"), (stryMutAct_9fa48("446") ? old === JSON.stringify(e) : stryMutAct_9fa48("445") ? false : (stryCov_9fa48("445", "446"), old !== JSON.stringify(e))) || (stryMutAct_9fa48("448") ? oldSheets.get(e.code) === newSheets.get(e.code) : stryMutAct_9fa48("447") ? false : (stryCov_9fa48("447", "448"), oldSheets.get(e.code) !== newSheets.get(e.code))))))) stryMutAct_9fa48("449") ? changed -= 1 : (stryCov_9fa48("449"), changed += 1);
      }
    }
    // Rows of elements no longer in the matrix stay in the database, unseen: not changes.
    const kept = new Set(after.elements.map(stryMutAct_9fa48("450") ? () => undefined : (stryCov_9fa48("450"), e => e.code)));
    const keep = stryMutAct_9fa48("451") ? () => undefined : (stryCov_9fa48("451"), (() => {
      const keep = <T extends {
        code: string;
      },>(rows: readonly T[]): T[] => stryMutAct_9fa48("452") ? rows : (stryCov_9fa48("452"), rows.filter(stryMutAct_9fa48("453") ? () => undefined : (stryCov_9fa48("453"), r => kept.has(r.code))));
      return keep;
    })());
    return stryMutAct_9fa48("454") ? {} : (stryCov_9fa48("454"), {
      elements: stryMutAct_9fa48("455") ? {} : (stryCov_9fa48("455"), {
        added: elements.added,
        changed,
        removed: elements.removed
      }),
      targets: total(diff(keep(b.targets), after.targets, byYear)),
      values: total(diff(keep(b.values), after.values, byYear)),
      notes: total(diff(keep(b.notes), after.notes, byYear)),
      published: total(diff(keep(b.published), after.published, stryMutAct_9fa48("456") ? () => undefined : (stryCov_9fa48("456"), r => stryMutAct_9fa48("457") ? `` : (stryCov_9fa48("457"), `${r.code}|${r.year}|${r.field}`))))
    });
  }
}

/** Whether storing changes anything. */
export function hasChanges(c: MatrixChanges): boolean {
  if (stryMutAct_9fa48("458")) {
    {}
  } else {
    stryCov_9fa48("458");
    return stryMutAct_9fa48("462") ? c.elements.added + c.elements.changed + c.elements.removed + c.targets + c.values + c.notes + c.published <= 0 : stryMutAct_9fa48("461") ? c.elements.added + c.elements.changed + c.elements.removed + c.targets + c.values + c.notes + c.published >= 0 : stryMutAct_9fa48("460") ? false : stryMutAct_9fa48("459") ? true : (stryCov_9fa48("459", "460", "461", "462"), (stryMutAct_9fa48("463") ? c.elements.added + c.elements.changed + c.elements.removed + c.targets + c.values + c.notes - c.published : (stryCov_9fa48("463"), (stryMutAct_9fa48("464") ? c.elements.added + c.elements.changed + c.elements.removed + c.targets + c.values - c.notes : (stryCov_9fa48("464"), (stryMutAct_9fa48("465") ? c.elements.added + c.elements.changed + c.elements.removed + c.targets - c.values : (stryCov_9fa48("465"), (stryMutAct_9fa48("466") ? c.elements.added + c.elements.changed + c.elements.removed - c.targets : (stryCov_9fa48("466"), (stryMutAct_9fa48("467") ? c.elements.added + c.elements.changed - c.elements.removed : (stryCov_9fa48("467"), (stryMutAct_9fa48("468") ? c.elements.added - c.elements.changed : (stryCov_9fa48("468"), c.elements.added + c.elements.changed)) + c.elements.removed)) + c.targets)) + c.values)) + c.notes)) + c.published)) > 0);
  }
}