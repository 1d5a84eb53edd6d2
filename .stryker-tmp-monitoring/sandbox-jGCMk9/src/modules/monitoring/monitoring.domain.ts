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
import { auditPublished } from './audit.domain.ts';
import { avanceTipo1, avanceTipo2, ceplanMethod, countBands, managementIndex, objectiveAggregate, trafficLight, type AvanceInput } from './ceplan.domain.ts';
import { isIndicatorRow, missingParents, objectiveCodeOf } from './hierarchy.domain.ts';
import type { AvanceField, Band, BandSummary, DiscrepancyKind, ElementRow, EvaluationJson, IndicatorLevel, IndicatorRow, PolicyMatrix } from './monitoring.schema.ts';
export interface EvaluationOptions {
  /** Year Y of the values obtained. */
  year: number;
  /**
   * Year T of the targets they are compared with; T = Y by default. The published 2024
   * report of the MAPE policy compared 2024 values with the 2023 targets (its first
   * "Logros esperados" column): T = 2023 reproduces it.
   */
  targetYear?: number;
}
export interface IndicatorResult {
  code: string;
  level: IndicatorLevel;
  objectiveCode: string;
  row: IndicatorRow;
  /** VO (year Y), LE (year T) and LB used. */
  input: AvanceInput;
  avance1: number | null;
  avance2: number | null;
  band: Band;
}
export interface ObjectiveResult {
  code: string;
  row: ElementRow;
  /** The IOP indicators whose avances make the aggregate. */
  indicatorCodes: string[];
  avance1: number | null;
  avance2: number | null;
  band: Band;
}
export interface Discrepancy {
  code: string;
  field: AvanceField;
  published: number;
  computed: number | null;
  kind: DiscrepancyKind;
  /** A sentence for people (Spanish, as the report). */
  reason: string;
  /** For TARGET_YEAR: the earliest target year whose target reproduces the figure. */
  matchedTargetYear?: number;
}
export interface AlertEntry {
  code: string;
  alert?: string;
  measures?: string;
}
export interface Evaluation {
  year: number;
  targetYear: number;
  matrix: PolicyMatrix;
  /** IOP and ISS results in file order. */
  indicators: IndicatorResult[];
  objectives: ObjectiveResult[];
  bands: BandSummary;
  managementIndex: number | null;
  discrepancies: Discrepancy[];
  alerts: AlertEntry[];
}

/**
 * Structural problems of a matrix however it was loaded (file or database): duplicate
 * codes, elements whose parent is missing (the parent follows from the code), and
 * direction × aggregation pairs CEPLAN does not allow. Empty when the matrix can be
 * evaluated.
 */
export function matrixProblems(matrix: PolicyMatrix): {
  code: string;
  message: string;
}[] {
  if (stryMutAct_9fa48("469")) {
    {}
  } else {
    stryCov_9fa48("469");
    const problems: {
      code: string;
      message: string;
    }[] = stryMutAct_9fa48("470") ? ["Stryker was here"] : (stryCov_9fa48("470"), []);
    const seen = new Set<string>();
    for (const row of matrix.rows) {
      if (stryMutAct_9fa48("471")) {
        {}
      } else {
        stryCov_9fa48("471");
        if (stryMutAct_9fa48("473") ? false : stryMutAct_9fa48("472") ? true : (stryCov_9fa48("472", "473"), seen.has(row.code))) problems.push(stryMutAct_9fa48("474") ? {} : (stryCov_9fa48("474"), {
          code: row.code,
          message: stryMutAct_9fa48("475") ? "" : (stryCov_9fa48("475"), 'duplicate code')
        }));
        seen.add(row.code);
        if (stryMutAct_9fa48("478") ? isIndicatorRow(row) || ceplanMethod(row.sheet.direction, row.sheet.aggregation) === null : stryMutAct_9fa48("477") ? false : stryMutAct_9fa48("476") ? true : (stryCov_9fa48("476", "477", "478"), isIndicatorRow(row) && (stryMutAct_9fa48("480") ? ceplanMethod(row.sheet.direction, row.sheet.aggregation) !== null : stryMutAct_9fa48("479") ? true : (stryCov_9fa48("479", "480"), ceplanMethod(row.sheet.direction, row.sheet.aggregation) === null)))) {
          if (stryMutAct_9fa48("481")) {
            {}
          } else {
            stryCov_9fa48("481");
            problems.push(stryMutAct_9fa48("482") ? {} : (stryCov_9fa48("482"), {
              code: row.code,
              message: stryMutAct_9fa48("483") ? `` : (stryCov_9fa48("483"), `aggregation ${row.sheet.aggregation} cannot go with direction ${row.sheet.direction}`)
            }));
          }
        }
      }
    }
    for (const {
      code,
      parent
    } of missingParents(matrix.rows.map(stryMutAct_9fa48("484") ? () => undefined : (stryCov_9fa48("484"), r => r.code)))) {
      if (stryMutAct_9fa48("485")) {
        {}
      } else {
        stryCov_9fa48("485");
        problems.push(stryMutAct_9fa48("486") ? {} : (stryCov_9fa48("486"), {
          code,
          message: stryMutAct_9fa48("487") ? `` : (stryCov_9fa48("487"), `its parent ${parent} is not in the matrix`)
        }));
      }
    }
    return problems;
  }
}

/** VO of year Y, LE of year T and LB of an indicator, ready for the CEPLAN arithmetic. */
export function indicatorInput(row: IndicatorRow, year: number, targetYear: number): AvanceInput {
  if (stryMutAct_9fa48("488")) {
    {}
  } else {
    stryCov_9fa48("488");
    return stryMutAct_9fa48("489") ? {} : (stryCov_9fa48("489"), {
      direction: row.sheet.direction,
      aggregation: row.sheet.aggregation,
      value: stryMutAct_9fa48("490") ? row.values[String(year)]?.value && null : (stryCov_9fa48("490"), (stryMutAct_9fa48("491") ? row.values[String(year)].value : (stryCov_9fa48("491"), row.values[String(year)]?.value)) ?? null),
      target: stryMutAct_9fa48("492") ? row.targets[String(targetYear)] && null : (stryCov_9fa48("492"), row.targets[String(targetYear)] ?? null),
      baseline: row.baseline.value
    });
  }
}

/** Avance Tipo 1, Tipo 2 and traffic light of one indicator (CEPLAN). */
export function evaluateIndicator(row: IndicatorRow, year: number, targetYear: number): IndicatorResult {
  if (stryMutAct_9fa48("493")) {
    {}
  } else {
    stryCov_9fa48("493");
    const input = indicatorInput(row, year, targetYear);
    const avance1 = avanceTipo1(input);
    return stryMutAct_9fa48("494") ? {} : (stryCov_9fa48("494"), {
      code: row.code,
      level: row.level,
      objectiveCode: stryMutAct_9fa48("495") ? objectiveCodeOf(row.code) && row.code : (stryCov_9fa48("495"), objectiveCodeOf(row.code) ?? row.code),
      row,
      input,
      avance1,
      avance2: avanceTipo2(input),
      band: trafficLight(avance1)
    });
  }
}

/**
 * Follow-up of a policy for year Y against the targets of year T (CEPLAN): every
 * indicator's Avance Tipo 1 / Tipo 2 and light, each priority objective's aggregate (mean
 * of its IOP avances clamped to [0, 100]) and light, the management index (mean of the
 * objectives' aggregate Tipo 2), the counts of lights by element type, the alerts of year
 * Y, and the audit of the figures the matrix says were published for year Y.
 */
export function evaluateMatrix(matrix: PolicyMatrix, options: EvaluationOptions): Evaluation {
  if (stryMutAct_9fa48("496")) {
    {}
  } else {
    stryCov_9fa48("496");
    const {
      year
    } = options;
    const targetYear = stryMutAct_9fa48("497") ? options.targetYear && year : (stryCov_9fa48("497"), options.targetYear ?? year);
    const indicators = stryMutAct_9fa48("498") ? matrix.rows.map(row => evaluateIndicator(row, year, targetYear)) : (stryCov_9fa48("498"), matrix.rows.filter(isIndicatorRow).map(stryMutAct_9fa48("499") ? () => undefined : (stryCov_9fa48("499"), row => evaluateIndicator(row, year, targetYear))));
    const objectives = stryMutAct_9fa48("500") ? matrix.rows.map(row => {
      const own = indicators.filter(i => i.level === 'IOP' && i.objectiveCode === row.code);
      const avance1 = objectiveAggregate(own.map(i => i.avance1));
      return {
        code: row.code,
        row,
        indicatorCodes: own.map(i => i.code),
        avance1,
        avance2: objectiveAggregate(own.map(i => i.avance2)),
        band: trafficLight(avance1)
      };
    }) : (stryCov_9fa48("500"), matrix.rows.filter(stryMutAct_9fa48("501") ? () => undefined : (stryCov_9fa48("501"), (row): row is ElementRow => stryMutAct_9fa48("504") ? row.level !== 'OP' : stryMutAct_9fa48("503") ? false : stryMutAct_9fa48("502") ? true : (stryCov_9fa48("502", "503", "504"), row.level === (stryMutAct_9fa48("505") ? "" : (stryCov_9fa48("505"), 'OP'))))).map(row => {
      if (stryMutAct_9fa48("506")) {
        {}
      } else {
        stryCov_9fa48("506");
        const own = stryMutAct_9fa48("507") ? indicators : (stryCov_9fa48("507"), indicators.filter(stryMutAct_9fa48("508") ? () => undefined : (stryCov_9fa48("508"), i => stryMutAct_9fa48("511") ? i.level === 'IOP' || i.objectiveCode === row.code : stryMutAct_9fa48("510") ? false : stryMutAct_9fa48("509") ? true : (stryCov_9fa48("509", "510", "511"), (stryMutAct_9fa48("513") ? i.level !== 'IOP' : stryMutAct_9fa48("512") ? true : (stryCov_9fa48("512", "513"), i.level === (stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'IOP')))) && (stryMutAct_9fa48("516") ? i.objectiveCode !== row.code : stryMutAct_9fa48("515") ? true : (stryCov_9fa48("515", "516"), i.objectiveCode === row.code))))));
        const avance1 = objectiveAggregate(own.map(stryMutAct_9fa48("517") ? () => undefined : (stryCov_9fa48("517"), i => i.avance1)));
        return stryMutAct_9fa48("518") ? {} : (stryCov_9fa48("518"), {
          code: row.code,
          row,
          indicatorCodes: own.map(stryMutAct_9fa48("519") ? () => undefined : (stryCov_9fa48("519"), i => i.code)),
          avance1,
          avance2: objectiveAggregate(own.map(stryMutAct_9fa48("520") ? () => undefined : (stryCov_9fa48("520"), i => i.avance2))),
          band: trafficLight(avance1)
        });
      }
    }));
    const bands: BandSummary = stryMutAct_9fa48("521") ? {} : (stryCov_9fa48("521"), {
      objectives: countBands(objectives.map(stryMutAct_9fa48("522") ? () => undefined : (stryCov_9fa48("522"), o => o.band))),
      objectiveIndicators: countBands(stryMutAct_9fa48("523") ? indicators.map(i => i.band) : (stryCov_9fa48("523"), indicators.filter(stryMutAct_9fa48("524") ? () => undefined : (stryCov_9fa48("524"), i => stryMutAct_9fa48("527") ? i.level !== 'IOP' : stryMutAct_9fa48("526") ? false : stryMutAct_9fa48("525") ? true : (stryCov_9fa48("525", "526", "527"), i.level === (stryMutAct_9fa48("528") ? "" : (stryCov_9fa48("528"), 'IOP'))))).map(stryMutAct_9fa48("529") ? () => undefined : (stryCov_9fa48("529"), i => i.band)))),
      serviceIndicators: countBands(stryMutAct_9fa48("530") ? indicators.map(i => i.band) : (stryCov_9fa48("530"), indicators.filter(stryMutAct_9fa48("531") ? () => undefined : (stryCov_9fa48("531"), i => stryMutAct_9fa48("534") ? i.level !== 'ISS' : stryMutAct_9fa48("533") ? false : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), i.level === (stryMutAct_9fa48("535") ? "" : (stryCov_9fa48("535"), 'ISS'))))).map(stryMutAct_9fa48("536") ? () => undefined : (stryCov_9fa48("536"), i => i.band))))
    });
    const alerts: AlertEntry[] = stryMutAct_9fa48("537") ? ["Stryker was here"] : (stryCov_9fa48("537"), []);
    for (const {
      row
    } of indicators) {
      if (stryMutAct_9fa48("538")) {
        {}
      } else {
        stryCov_9fa48("538");
        const note = row.notes[String(year)];
        if (stryMutAct_9fa48("541") ? note?.alert !== undefined && note?.measures !== undefined : stryMutAct_9fa48("540") ? false : stryMutAct_9fa48("539") ? true : (stryCov_9fa48("539", "540", "541"), (stryMutAct_9fa48("543") ? note?.alert === undefined : stryMutAct_9fa48("542") ? false : (stryCov_9fa48("542", "543"), (stryMutAct_9fa48("544") ? note.alert : (stryCov_9fa48("544"), note?.alert)) !== undefined)) || (stryMutAct_9fa48("546") ? note?.measures === undefined : stryMutAct_9fa48("545") ? false : (stryCov_9fa48("545", "546"), (stryMutAct_9fa48("547") ? note.measures : (stryCov_9fa48("547"), note?.measures)) !== undefined)))) alerts.push(stryMutAct_9fa48("548") ? {} : (stryCov_9fa48("548"), {
          code: row.code,
          ...note
        }));
      }
    }
    return stryMutAct_9fa48("549") ? {} : (stryCov_9fa48("549"), {
      year,
      targetYear,
      matrix,
      indicators,
      objectives,
      bands,
      managementIndex: managementIndex(objectives.map(stryMutAct_9fa48("550") ? () => undefined : (stryCov_9fa48("550"), o => o.avance2))),
      discrepancies: auditPublished(stryMutAct_9fa48("551") ? {} : (stryCov_9fa48("551"), {
        matrix,
        year,
        targetYear,
        indicators,
        objectives
      })),
      alerts
    });
  }
}

/** The `veta policy evaluate --json` document: full precision, `null` for ND. */
export function toEvaluationJson(evaluation: Evaluation): EvaluationJson {
  if (stryMutAct_9fa48("552")) {
    {}
  } else {
    stryCov_9fa48("552");
    return stryMutAct_9fa48("553") ? {} : (stryCov_9fa48("553"), {
      year: evaluation.year,
      targetYear: evaluation.targetYear,
      indicators: evaluation.indicators.map(stryMutAct_9fa48("554") ? () => undefined : (stryCov_9fa48("554"), i => stryMutAct_9fa48("555") ? {} : (stryCov_9fa48("555"), {
        code: i.code,
        name: i.row.sheet.name,
        level: i.level,
        avance1: i.avance1,
        avance2: i.avance2,
        band: i.band
      }))),
      objectives: evaluation.objectives.map(stryMutAct_9fa48("556") ? () => undefined : (stryCov_9fa48("556"), o => stryMutAct_9fa48("557") ? {} : (stryCov_9fa48("557"), {
        code: o.code,
        name: o.row.name,
        avance1: o.avance1,
        avance2: o.avance2,
        band: o.band
      }))),
      bands: evaluation.bands,
      managementIndex: evaluation.managementIndex,
      discrepancies: evaluation.discrepancies.map(stryMutAct_9fa48("558") ? () => undefined : (stryCov_9fa48("558"), d => stryMutAct_9fa48("559") ? {} : (stryCov_9fa48("559"), {
        code: d.code,
        field: d.field,
        published: d.published,
        computed: d.computed,
        kind: d.kind,
        reason: d.reason
      })))
    });
  }
}

/**
 * The management index a published report implies: the mean of the objectives' published
 * Avance Tipo 2 of year Y (the published 2024 MAPE report: 74.0).
 */
export function publishedManagementIndex(matrix: PolicyMatrix, year: number): number | null {
  if (stryMutAct_9fa48("560")) {
    {}
  } else {
    stryCov_9fa48("560");
    const figures = stryMutAct_9fa48("561") ? matrix.rows.map(row => row.published[String(year)]?.avance2 ?? null) : (stryCov_9fa48("561"), matrix.rows.filter(stryMutAct_9fa48("562") ? () => undefined : (stryCov_9fa48("562"), row => stryMutAct_9fa48("565") ? row.level !== 'OP' : stryMutAct_9fa48("564") ? false : stryMutAct_9fa48("563") ? true : (stryCov_9fa48("563", "564", "565"), row.level === (stryMutAct_9fa48("566") ? "" : (stryCov_9fa48("566"), 'OP'))))).map(stryMutAct_9fa48("567") ? () => undefined : (stryCov_9fa48("567"), row => stryMutAct_9fa48("568") ? row.published[String(year)]?.avance2 && null : (stryCov_9fa48("568"), (stryMutAct_9fa48("569") ? row.published[String(year)].avance2 : (stryCov_9fa48("569"), row.published[String(year)]?.avance2)) ?? null))));
    return managementIndex(figures);
  }
}