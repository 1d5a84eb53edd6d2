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
import type { Aggregation, AvanceField, Band, BandCounts, Direction } from './monitoring.schema.ts';

/**
 * CEPLAN arithmetic of the follow-up of national policies (Guía para el seguimiento y
 * evaluación de políticas nacionales y planes del Sinaplan, approved by Resolución de
 * Presidencia de Consejo Directivo N° 0061-2023-CEPLAN/PCD, and the follow-up reports made
 * with it): Avance Tipo 1 and Tipo 2, traffic light, objective aggregates and the
 * management index. VO = value obtained, LE = target (logro esperado), LB = baseline
 * (línea base). `null` is ND. Everything is computed on unrounded values; rounding is for
 * display only.
 *
 * Two readings of the rules where they are silent, both documented at the function:
 * the "VO ≤ 0" fallback applies wherever VO is the denominator of Tipo 1 (descending and
 * máximo permisible), not to Tipo 2's (LB−VO)/(LB−LE), whose denominator is not VO.
 */

/** What an indicator's direction and aggregation mean for the arithmetic. */
export type CeplanMethod = 'ascending' | 'descending' | 'minimum' | 'maximum';
export interface AvanceInput {
  direction: Direction;
  aggregation: Aggregation;
  /** VO of the evaluated year. */
  value: number | null;
  /** LE of the target year. */
  target: number | null;
  /** LB. */
  baseline: number | null;
}

/**
 * The method of a direction × aggregation pair, or `null` when CEPLAN does not allow it:
 * a permisible aggregation goes with direction `no_definido`, and `no_definido` only with
 * a permisible aggregation.
 */
export function ceplanMethod(direction: Direction, aggregation: Aggregation): CeplanMethod | null {
  if (stryMutAct_9fa48("0")) {
    {}
  } else {
    stryCov_9fa48("0");
    if (stryMutAct_9fa48("3") ? aggregation !== 'minimo_permisible' : stryMutAct_9fa48("2") ? false : stryMutAct_9fa48("1") ? true : (stryCov_9fa48("1", "2", "3"), aggregation === (stryMutAct_9fa48("4") ? "" : (stryCov_9fa48("4"), 'minimo_permisible')))) return (stryMutAct_9fa48("7") ? direction !== 'no_definido' : stryMutAct_9fa48("6") ? false : stryMutAct_9fa48("5") ? true : (stryCov_9fa48("5", "6", "7"), direction === (stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), 'no_definido')))) ? stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), 'minimum') : null;
    if (stryMutAct_9fa48("12") ? aggregation !== 'maximo_permisible' : stryMutAct_9fa48("11") ? false : stryMutAct_9fa48("10") ? true : (stryCov_9fa48("10", "11", "12"), aggregation === (stryMutAct_9fa48("13") ? "" : (stryCov_9fa48("13"), 'maximo_permisible')))) return (stryMutAct_9fa48("16") ? direction !== 'no_definido' : stryMutAct_9fa48("15") ? false : stryMutAct_9fa48("14") ? true : (stryCov_9fa48("14", "15", "16"), direction === (stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), 'no_definido')))) ? stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), 'maximum') : null;
    if (stryMutAct_9fa48("21") ? direction !== 'ascendente' : stryMutAct_9fa48("20") ? false : stryMutAct_9fa48("19") ? true : (stryCov_9fa48("19", "20", "21"), direction === (stryMutAct_9fa48("22") ? "" : (stryCov_9fa48("22"), 'ascendente')))) return stryMutAct_9fa48("23") ? "" : (stryCov_9fa48("23"), 'ascending');
    if (stryMutAct_9fa48("26") ? direction !== 'descendente' : stryMutAct_9fa48("25") ? false : stryMutAct_9fa48("24") ? true : (stryCov_9fa48("24", "25", "26"), direction === (stryMutAct_9fa48("27") ? "" : (stryCov_9fa48("27"), 'descendente')))) return stryMutAct_9fa48("28") ? "" : (stryCov_9fa48("28"), 'descending');
    return null;
  }
}
function methodOf(input: AvanceInput): CeplanMethod {
  if (stryMutAct_9fa48("29")) {
    {}
  } else {
    stryCov_9fa48("29");
    const method = ceplanMethod(input.direction, input.aggregation);
    if (stryMutAct_9fa48("32") ? method !== null : stryMutAct_9fa48("31") ? false : stryMutAct_9fa48("30") ? true : (stryCov_9fa48("30", "31", "32"), method === null)) {
      if (stryMutAct_9fa48("33")) {
        {}
      } else {
        stryCov_9fa48("33");
        throw new RangeError(stryMutAct_9fa48("34") ? `` : (stryCov_9fa48("34"), `direction ${input.direction} cannot go with aggregation ${input.aggregation}`));
      }
    }
    return method;
  }
}

/** Whether VO reaches LE in the expected direction of the method. */
function reaches(method: CeplanMethod, value: number, target: number): boolean {
  if (stryMutAct_9fa48("35")) {
    {}
  } else {
    stryCov_9fa48("35");
    return (stryMutAct_9fa48("38") ? method === 'ascending' && method === 'minimum' : stryMutAct_9fa48("37") ? false : stryMutAct_9fa48("36") ? true : (stryCov_9fa48("36", "37", "38"), (stryMutAct_9fa48("40") ? method !== 'ascending' : stryMutAct_9fa48("39") ? false : (stryCov_9fa48("39", "40"), method === (stryMutAct_9fa48("41") ? "" : (stryCov_9fa48("41"), 'ascending')))) || (stryMutAct_9fa48("43") ? method !== 'minimum' : stryMutAct_9fa48("42") ? false : (stryCov_9fa48("42", "43"), method === (stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'minimum')))))) ? stryMutAct_9fa48("48") ? value < target : stryMutAct_9fa48("47") ? value > target : stryMutAct_9fa48("46") ? false : stryMutAct_9fa48("45") ? true : (stryCov_9fa48("45", "46", "47", "48"), value >= target) : stryMutAct_9fa48("52") ? value > target : stryMutAct_9fa48("51") ? value < target : stryMutAct_9fa48("50") ? false : stryMutAct_9fa48("49") ? true : (stryCov_9fa48("49", "50", "51", "52"), value <= target);
  }
}

/**
 * `numerator / denominator × 100`, or the CEPLAN fallback when the denominator is zero
 * (or, for reciprocal ratios, not positive): 100 when VO reaches LE in the expected
 * direction, else 0.
 */
function ratio(numerator: number, denominator: number, fallback: boolean, reached: boolean): number {
  if (stryMutAct_9fa48("53")) {
    {}
  } else {
    stryCov_9fa48("53");
    if (stryMutAct_9fa48("55") ? false : stryMutAct_9fa48("54") ? true : (stryCov_9fa48("54", "55"), fallback)) return reached ? 100 : 0;
    return stryMutAct_9fa48("56") ? numerator / denominator / 100 : (stryCov_9fa48("56"), (stryMutAct_9fa48("57") ? numerator * denominator : (stryCov_9fa48("57"), numerator / denominator)) * 100);
  }
}

/**
 * Avance Tipo 1 (CEPLAN): ascending VO/LE×100; descending LE/VO×100; mínimo permisible 100
 * if VO ≥ LE else VO/LE×100; máximo permisible 100 if VO ≤ LE else LE/VO×100.
 * A zero denominator — and VO ≤ 0 where VO is the denominator (descending; máximo
 * permisible likewise, where LE/VO with VO ≤ 0 has no meaning either) — gives 100 when VO
 * reaches LE in the expected direction, else 0. Missing VO or LE gives ND (`null`), never 0.
 * @throws RangeError for a direction × aggregation pair CEPLAN does not allow.
 */
export function avanceTipo1(input: AvanceInput): number | null {
  if (stryMutAct_9fa48("58")) {
    {}
  } else {
    stryCov_9fa48("58");
    const method = methodOf(input);
    const {
      value: vo,
      target: le
    } = input;
    if (stryMutAct_9fa48("61") ? vo === null && le === null : stryMutAct_9fa48("60") ? false : stryMutAct_9fa48("59") ? true : (stryCov_9fa48("59", "60", "61"), (stryMutAct_9fa48("63") ? vo !== null : stryMutAct_9fa48("62") ? false : (stryCov_9fa48("62", "63"), vo === null)) || (stryMutAct_9fa48("65") ? le !== null : stryMutAct_9fa48("64") ? false : (stryCov_9fa48("64", "65"), le === null)))) return null;
    const reached = reaches(method, vo, le);
    switch (method) {
      case stryMutAct_9fa48("67") ? "" : (stryCov_9fa48("67"), 'ascending'):
        if (stryMutAct_9fa48("66")) {} else {
          stryCov_9fa48("66");
          return ratio(vo, le, stryMutAct_9fa48("70") ? le !== 0 : stryMutAct_9fa48("69") ? false : stryMutAct_9fa48("68") ? true : (stryCov_9fa48("68", "69", "70"), le === 0), reached);
        }
      case stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'descending'):
        if (stryMutAct_9fa48("71")) {} else {
          stryCov_9fa48("71");
          return ratio(le, vo, stryMutAct_9fa48("76") ? vo > 0 : stryMutAct_9fa48("75") ? vo < 0 : stryMutAct_9fa48("74") ? false : stryMutAct_9fa48("73") ? true : (stryCov_9fa48("73", "74", "75", "76"), vo <= 0), reached);
        }
      case stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), 'minimum'):
        if (stryMutAct_9fa48("77")) {} else {
          stryCov_9fa48("77");
          return reached ? 100 : ratio(vo, le, stryMutAct_9fa48("81") ? le !== 0 : stryMutAct_9fa48("80") ? false : stryMutAct_9fa48("79") ? true : (stryCov_9fa48("79", "80", "81"), le === 0), reached);
        }
      case stryMutAct_9fa48("83") ? "" : (stryCov_9fa48("83"), 'maximum'):
        if (stryMutAct_9fa48("82")) {} else {
          stryCov_9fa48("82");
          return reached ? 100 : ratio(le, vo, stryMutAct_9fa48("87") ? vo > 0 : stryMutAct_9fa48("86") ? vo < 0 : stryMutAct_9fa48("85") ? false : stryMutAct_9fa48("84") ? true : (stryCov_9fa48("84", "85", "86", "87"), vo <= 0), reached);
        }
    }
  }
}

/**
 * Avance Tipo 2 (CEPLAN): for `no_acumulado` ascending (VO−LB)/(LE−LB)×100, descending
 * (LB−VO)/(LB−LE)×100, 100 or 0 on a zero denominator as for Tipo 1; for `acumulado` and
 * the permisible aggregations Tipo 2 equals Tipo 1. Missing VO or LE gives ND; a missing LB
 * gives ND for `no_acumulado` indicators only.
 * @throws RangeError for a direction × aggregation pair CEPLAN does not allow.
 */
export function avanceTipo2(input: AvanceInput): number | null {
  if (stryMutAct_9fa48("88")) {
    {}
  } else {
    stryCov_9fa48("88");
    const method = methodOf(input);
    if (stryMutAct_9fa48("91") ? input.aggregation === 'no_acumulado' : stryMutAct_9fa48("90") ? false : stryMutAct_9fa48("89") ? true : (stryCov_9fa48("89", "90", "91"), input.aggregation !== (stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), 'no_acumulado')))) return avanceTipo1(input);
    const {
      value: vo,
      target: le,
      baseline: lb
    } = input;
    if (stryMutAct_9fa48("95") ? (vo === null || le === null) && lb === null : stryMutAct_9fa48("94") ? false : stryMutAct_9fa48("93") ? true : (stryCov_9fa48("93", "94", "95"), (stryMutAct_9fa48("97") ? vo === null && le === null : stryMutAct_9fa48("96") ? false : (stryCov_9fa48("96", "97"), (stryMutAct_9fa48("99") ? vo !== null : stryMutAct_9fa48("98") ? false : (stryCov_9fa48("98", "99"), vo === null)) || (stryMutAct_9fa48("101") ? le !== null : stryMutAct_9fa48("100") ? false : (stryCov_9fa48("100", "101"), le === null)))) || (stryMutAct_9fa48("103") ? lb !== null : stryMutAct_9fa48("102") ? false : (stryCov_9fa48("102", "103"), lb === null)))) return null;
    const reached = reaches(method, vo, le);
    if (stryMutAct_9fa48("106") ? method !== 'ascending' : stryMutAct_9fa48("105") ? false : stryMutAct_9fa48("104") ? true : (stryCov_9fa48("104", "105", "106"), method === (stryMutAct_9fa48("107") ? "" : (stryCov_9fa48("107"), 'ascending')))) return ratio(stryMutAct_9fa48("108") ? vo + lb : (stryCov_9fa48("108"), vo - lb), stryMutAct_9fa48("109") ? le + lb : (stryCov_9fa48("109"), le - lb), stryMutAct_9fa48("112") ? le - lb !== 0 : stryMutAct_9fa48("111") ? false : stryMutAct_9fa48("110") ? true : (stryCov_9fa48("110", "111", "112"), (stryMutAct_9fa48("113") ? le + lb : (stryCov_9fa48("113"), le - lb)) === 0), reached);
    return ratio(stryMutAct_9fa48("114") ? lb + vo : (stryCov_9fa48("114"), lb - vo), stryMutAct_9fa48("115") ? lb + le : (stryCov_9fa48("115"), lb - le), stryMutAct_9fa48("118") ? lb - le !== 0 : stryMutAct_9fa48("117") ? false : stryMutAct_9fa48("116") ? true : (stryCov_9fa48("116", "117", "118"), (stryMutAct_9fa48("119") ? lb + le : (stryCov_9fa48("119"), lb - le)) === 0), reached);
  }
}

/** Avance Tipo 1 or Tipo 2 by field name. */
export function avance(field: AvanceField, input: AvanceInput): number | null {
  if (stryMutAct_9fa48("120")) {
    {}
  } else {
    stryCov_9fa48("120");
    return (stryMutAct_9fa48("123") ? field !== 'avance1' : stryMutAct_9fa48("122") ? false : stryMutAct_9fa48("121") ? true : (stryCov_9fa48("121", "122", "123"), field === (stryMutAct_9fa48("124") ? "" : (stryCov_9fa48("124"), 'avance1')))) ? avanceTipo1(input) : avanceTipo2(input);
  }
}

/**
 * The reciprocal of the formula the method uses (for the audit of published reports):
 * LE/VO for VO/LE, VO/LE for LE/VO, (LE−LB)/(VO−LB) for (VO−LB)/(LE−LB) and
 * (LB−LE)/(LB−VO) for (LB−VO)/(LB−LE), ×100. The permisible aggregations invert their
 * ratio whichever branch applies. `null` when an input is missing or the reciprocal's
 * denominator is zero (a reciprocal never explains anything there).
 */
export function invertedAvance(field: AvanceField, input: AvanceInput): number | null {
  if (stryMutAct_9fa48("125")) {
    {}
  } else {
    stryCov_9fa48("125");
    const method = methodOf(input);
    const {
      value: vo,
      target: le,
      baseline: lb
    } = input;
    if (stryMutAct_9fa48("128") ? vo === null && le === null : stryMutAct_9fa48("127") ? false : stryMutAct_9fa48("126") ? true : (stryCov_9fa48("126", "127", "128"), (stryMutAct_9fa48("130") ? vo !== null : stryMutAct_9fa48("129") ? false : (stryCov_9fa48("129", "130"), vo === null)) || (stryMutAct_9fa48("132") ? le !== null : stryMutAct_9fa48("131") ? false : (stryCov_9fa48("131", "132"), le === null)))) return null;
    const safe = stryMutAct_9fa48("133") ? () => undefined : (stryCov_9fa48("133"), (() => {
      const safe = (numerator: number, denominator: number): number | null => (stryMutAct_9fa48("136") ? denominator !== 0 : stryMutAct_9fa48("135") ? false : stryMutAct_9fa48("134") ? true : (stryCov_9fa48("134", "135", "136"), denominator === 0)) ? null : stryMutAct_9fa48("137") ? numerator / denominator / 100 : (stryCov_9fa48("137"), (stryMutAct_9fa48("138") ? numerator * denominator : (stryCov_9fa48("138"), numerator / denominator)) * 100);
      return safe;
    })());
    if (stryMutAct_9fa48("141") ? field === 'avance2' || input.aggregation === 'no_acumulado' : stryMutAct_9fa48("140") ? false : stryMutAct_9fa48("139") ? true : (stryCov_9fa48("139", "140", "141"), (stryMutAct_9fa48("143") ? field !== 'avance2' : stryMutAct_9fa48("142") ? true : (stryCov_9fa48("142", "143"), field === (stryMutAct_9fa48("144") ? "" : (stryCov_9fa48("144"), 'avance2')))) && (stryMutAct_9fa48("146") ? input.aggregation !== 'no_acumulado' : stryMutAct_9fa48("145") ? true : (stryCov_9fa48("145", "146"), input.aggregation === (stryMutAct_9fa48("147") ? "" : (stryCov_9fa48("147"), 'no_acumulado')))))) {
      if (stryMutAct_9fa48("148")) {
        {}
      } else {
        stryCov_9fa48("148");
        if (stryMutAct_9fa48("151") ? lb !== null : stryMutAct_9fa48("150") ? false : stryMutAct_9fa48("149") ? true : (stryCov_9fa48("149", "150", "151"), lb === null)) return null;
        return (stryMutAct_9fa48("154") ? method !== 'ascending' : stryMutAct_9fa48("153") ? false : stryMutAct_9fa48("152") ? true : (stryCov_9fa48("152", "153", "154"), method === (stryMutAct_9fa48("155") ? "" : (stryCov_9fa48("155"), 'ascending')))) ? safe(stryMutAct_9fa48("156") ? le + lb : (stryCov_9fa48("156"), le - lb), stryMutAct_9fa48("157") ? vo + lb : (stryCov_9fa48("157"), vo - lb)) : safe(stryMutAct_9fa48("158") ? lb + le : (stryCov_9fa48("158"), lb - le), stryMutAct_9fa48("159") ? lb + vo : (stryCov_9fa48("159"), lb - vo));
      }
    }
    return (stryMutAct_9fa48("162") ? method === 'ascending' && method === 'minimum' : stryMutAct_9fa48("161") ? false : stryMutAct_9fa48("160") ? true : (stryCov_9fa48("160", "161", "162"), (stryMutAct_9fa48("164") ? method !== 'ascending' : stryMutAct_9fa48("163") ? false : (stryCov_9fa48("163", "164"), method === (stryMutAct_9fa48("165") ? "" : (stryCov_9fa48("165"), 'ascending')))) || (stryMutAct_9fa48("167") ? method !== 'minimum' : stryMutAct_9fa48("166") ? false : (stryCov_9fa48("166", "167"), method === (stryMutAct_9fa48("168") ? "" : (stryCov_9fa48("168"), 'minimum')))))) ? safe(le, vo) : safe(vo, le);
  }
}

/**
 * Traffic light (semáforo) from the unrounded Avance Tipo 1: < 75 red, [75, 95) yellow,
 * ≥ 95 green, ND grey. 94.96 is yellow although it displays as 95.0.
 */
export function trafficLight(avance1: number | null): Band {
  if (stryMutAct_9fa48("169")) {
    {}
  } else {
    stryCov_9fa48("169");
    if (stryMutAct_9fa48("172") ? avance1 !== null : stryMutAct_9fa48("171") ? false : stryMutAct_9fa48("170") ? true : (stryCov_9fa48("170", "171", "172"), avance1 === null)) return stryMutAct_9fa48("173") ? "" : (stryCov_9fa48("173"), 'nd');
    if (stryMutAct_9fa48("177") ? avance1 >= 75 : stryMutAct_9fa48("176") ? avance1 <= 75 : stryMutAct_9fa48("175") ? false : stryMutAct_9fa48("174") ? true : (stryCov_9fa48("174", "175", "176", "177"), avance1 < 75)) return stryMutAct_9fa48("178") ? "" : (stryCov_9fa48("178"), 'red');
    if (stryMutAct_9fa48("182") ? avance1 >= 95 : stryMutAct_9fa48("181") ? avance1 <= 95 : stryMutAct_9fa48("180") ? false : stryMutAct_9fa48("179") ? true : (stryCov_9fa48("179", "180", "181", "182"), avance1 < 95)) return stryMutAct_9fa48("183") ? "" : (stryCov_9fa48("183"), 'yellow');
    return stryMutAct_9fa48("184") ? "" : (stryCov_9fa48("184"), 'green');
  }
}

/** A percentage clamped to [0, 100], as objective aggregates take their indicators. */
export function clampPercent(value: number): number {
  if (stryMutAct_9fa48("185")) {
    {}
  } else {
    stryCov_9fa48("185");
    return stryMutAct_9fa48("186") ? Math.max(100, Math.max(0, value)) : (stryCov_9fa48("186"), Math.min(100, stryMutAct_9fa48("187") ? Math.min(0, value) : (stryCov_9fa48("187"), Math.max(0, value))));
  }
}
function mean(values: readonly number[]): number | null {
  if (stryMutAct_9fa48("188")) {
    {}
  } else {
    stryCov_9fa48("188");
    if (stryMutAct_9fa48("191") ? values.length !== 0 : stryMutAct_9fa48("190") ? false : stryMutAct_9fa48("189") ? true : (stryCov_9fa48("189", "190", "191"), values.length === 0)) return null;
    return stryMutAct_9fa48("192") ? values.reduce((sum, v) => sum + v, 0) * values.length : (stryCov_9fa48("192"), values.reduce(stryMutAct_9fa48("193") ? () => undefined : (stryCov_9fa48("193"), (sum, v) => stryMutAct_9fa48("194") ? sum - v : (stryCov_9fa48("194"), sum + v)), 0) / values.length);
  }
}

/**
 * Aggregate Avance (Tipo 1 or Tipo 2) of a priority objective (CEPLAN): the mean over the
 * objective's IOP indicators of their avance clamped to [0, 100], ND left out; all ND → ND.
 */
export function objectiveAggregate(indicatorAvances: readonly (number | null)[]): number | null {
  if (stryMutAct_9fa48("195")) {
    {}
  } else {
    stryCov_9fa48("195");
    return mean(stryMutAct_9fa48("196") ? indicatorAvances.map(clampPercent) : (stryCov_9fa48("196"), indicatorAvances.filter(stryMutAct_9fa48("197") ? () => undefined : (stryCov_9fa48("197"), (v): v is number => stryMutAct_9fa48("200") ? v === null : stryMutAct_9fa48("199") ? false : stryMutAct_9fa48("198") ? true : (stryCov_9fa48("198", "199", "200"), v !== null))).map(clampPercent)));
  }
}

/**
 * Índice de gestión of the policy (CEPLAN): the mean of the priority objectives' aggregate
 * Avance Tipo 2, ND objectives left out; all ND → ND.
 */
export function managementIndex(objectiveAvances2: readonly (number | null)[]): number | null {
  if (stryMutAct_9fa48("201")) {
    {}
  } else {
    stryCov_9fa48("201");
    return mean(stryMutAct_9fa48("202") ? objectiveAvances2 : (stryCov_9fa48("202"), objectiveAvances2.filter(stryMutAct_9fa48("203") ? () => undefined : (stryCov_9fa48("203"), (v): v is number => stryMutAct_9fa48("206") ? v === null : stryMutAct_9fa48("205") ? false : stryMutAct_9fa48("204") ? true : (stryCov_9fa48("204", "205", "206"), v !== null)))));
  }
}

/** Counts of each traffic light, as in the summary table of the report. */
export function countBands(bands: readonly Band[]): BandCounts {
  if (stryMutAct_9fa48("207")) {
    {}
  } else {
    stryCov_9fa48("207");
    const counts: BandCounts = stryMutAct_9fa48("208") ? {} : (stryCov_9fa48("208"), {
      red: 0,
      yellow: 0,
      green: 0,
      nd: 0
    });
    for (const band of bands) stryMutAct_9fa48("209") ? counts[band] -= 1 : (stryCov_9fa48("209"), counts[band] += 1);
    return counts;
  }
}

/** Published figures carry one decimal: a difference up to this is not a discrepancy. */
export const PUBLISHED_TOLERANCE = 0.05;

/** Whether a published figure and a computed one agree within the display rounding. */
export function agrees(published: number, computed: number | null): boolean {
  if (stryMutAct_9fa48("210")) {
    {}
  } else {
    stryCov_9fa48("210");
    // The epsilon absorbs binary noise: 100.0 vs 99.95 must count as within 0.05.
    return stryMutAct_9fa48("213") ? computed !== null || Math.abs(published - computed) <= PUBLISHED_TOLERANCE + 1e-9 : stryMutAct_9fa48("212") ? false : stryMutAct_9fa48("211") ? true : (stryCov_9fa48("211", "212", "213"), (stryMutAct_9fa48("215") ? computed === null : stryMutAct_9fa48("214") ? true : (stryCov_9fa48("214", "215"), computed !== null)) && (stryMutAct_9fa48("218") ? Math.abs(published - computed) > PUBLISHED_TOLERANCE + 1e-9 : stryMutAct_9fa48("217") ? Math.abs(published - computed) < PUBLISHED_TOLERANCE + 1e-9 : stryMutAct_9fa48("216") ? true : (stryCov_9fa48("216", "217", "218"), Math.abs(stryMutAct_9fa48("219") ? published + computed : (stryCov_9fa48("219"), published - computed)) <= (stryMutAct_9fa48("220") ? PUBLISHED_TOLERANCE - 1e-9 : (stryCov_9fa48("220"), PUBLISHED_TOLERANCE + 1e-9)))));
  }
}