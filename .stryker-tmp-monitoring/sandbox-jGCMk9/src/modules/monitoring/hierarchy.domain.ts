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
import type { ElementRow, IndicatorRow, Level, MatrixRow } from './monitoring.schema.ts';

/**
 * The structure of a national policy (CEPLAN): priority objectives OP.x with their
 * indicators IOP.x.y; guidelines LN.x.y of objective OP.x, services SS.x.y.z of guideline
 * LN.x.y, and service indicators ISS.x.y.z.w of service SS.x.y.z. The parent of each
 * element follows from its code.
 */

const SEGMENTS: Record<Level, number> = stryMutAct_9fa48("221") ? {} : (stryCov_9fa48("221"), {
  OP: 1,
  IOP: 2,
  LN: 2,
  SS: 3,
  ISS: 4
});

/** The level a code is written for, or `null` when the code has no CEPLAN shape. */
export function levelOfCode(code: string): Level | null {
  if (stryMutAct_9fa48("222")) {
    {}
  } else {
    stryCov_9fa48("222");
    const match = (stryMutAct_9fa48("227") ? /^(OP|IOP|LN|SS|ISS)((?:\.\D+)+)$/ : stryMutAct_9fa48("226") ? /^(OP|IOP|LN|SS|ISS)((?:\.\d)+)$/ : stryMutAct_9fa48("225") ? /^(OP|IOP|LN|SS|ISS)((?:\.\d+))$/ : stryMutAct_9fa48("224") ? /^(OP|IOP|LN|SS|ISS)((?:\.\d+)+)/ : stryMutAct_9fa48("223") ? /(OP|IOP|LN|SS|ISS)((?:\.\d+)+)$/ : (stryCov_9fa48("223", "224", "225", "226", "227"), /^(OP|IOP|LN|SS|ISS)((?:\.\d+)+)$/)).exec(code);
    if (stryMutAct_9fa48("230") ? false : stryMutAct_9fa48("229") ? true : stryMutAct_9fa48("228") ? match : (stryCov_9fa48("228", "229", "230"), !match)) return null;
    const level = match[1] as Level;
    const segments = stryMutAct_9fa48("231") ? (match[2] ?? '').split('.').length + 1 : (stryCov_9fa48("231"), (stryMutAct_9fa48("232") ? match[2] && '' : (stryCov_9fa48("232"), match[2] ?? (stryMutAct_9fa48("233") ? "Stryker was here!" : (stryCov_9fa48("233"), '')))).split(stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), '.')).length - 1);
    return (stryMutAct_9fa48("237") ? segments !== SEGMENTS[level] : stryMutAct_9fa48("236") ? false : stryMutAct_9fa48("235") ? true : (stryCov_9fa48("235", "236", "237"), segments === SEGMENTS[level])) ? level : null;
  }
}

/**
 * The code of the parent element (ISS.01.02.01.01 → SS.01.02.01 → LN.01.02 → OP.01;
 * IOP.01.01 → OP.01), or `null` for an objective or a malformed code.
 */
export function parentCode(code: string): string | null {
  if (stryMutAct_9fa48("238")) {
    {}
  } else {
    stryCov_9fa48("238");
    const level = levelOfCode(code);
    if (stryMutAct_9fa48("241") ? level === null && level === 'OP' : stryMutAct_9fa48("240") ? false : stryMutAct_9fa48("239") ? true : (stryCov_9fa48("239", "240", "241"), (stryMutAct_9fa48("243") ? level !== null : stryMutAct_9fa48("242") ? false : (stryCov_9fa48("242", "243"), level === null)) || (stryMutAct_9fa48("245") ? level !== 'OP' : stryMutAct_9fa48("244") ? false : (stryCov_9fa48("244", "245"), level === (stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), 'OP')))))) return null;
    const numbers = stryMutAct_9fa48("247") ? code.split('.') : (stryCov_9fa48("247"), code.split(stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), '.')).slice(1));
    switch (level) {
      case stryMutAct_9fa48("249") ? "" : (stryCov_9fa48("249"), 'IOP'):
      case stryMutAct_9fa48("251") ? "" : (stryCov_9fa48("251"), 'LN'):
        if (stryMutAct_9fa48("250")) {} else {
          stryCov_9fa48("250");
          return stryMutAct_9fa48("252") ? `` : (stryCov_9fa48("252"), `OP.${numbers[0]}`);
        }
      case stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), 'SS'):
        if (stryMutAct_9fa48("253")) {} else {
          stryCov_9fa48("253");
          return stryMutAct_9fa48("255") ? `` : (stryCov_9fa48("255"), `LN.${stryMutAct_9fa48("256") ? numbers.join('.') : (stryCov_9fa48("256"), numbers.slice(0, 2).join(stryMutAct_9fa48("257") ? "" : (stryCov_9fa48("257"), '.')))}`);
        }
      case stryMutAct_9fa48("259") ? "" : (stryCov_9fa48("259"), 'ISS'):
        if (stryMutAct_9fa48("258")) {} else {
          stryCov_9fa48("258");
          return stryMutAct_9fa48("260") ? `` : (stryCov_9fa48("260"), `SS.${stryMutAct_9fa48("261") ? numbers.join('.') : (stryCov_9fa48("261"), numbers.slice(0, 3).join(stryMutAct_9fa48("262") ? "" : (stryCov_9fa48("262"), '.')))}`);
        }
    }
  }
}

/** The priority objective an element belongs to (its first number), or `null`. */
export function objectiveCodeOf(code: string): string | null {
  if (stryMutAct_9fa48("263")) {
    {}
  } else {
    stryCov_9fa48("263");
    if (stryMutAct_9fa48("266") ? levelOfCode(code) !== null : stryMutAct_9fa48("265") ? false : stryMutAct_9fa48("264") ? true : (stryCov_9fa48("264", "265", "266"), levelOfCode(code) === null)) return null;
    return stryMutAct_9fa48("267") ? `` : (stryCov_9fa48("267"), `OP.${code.split(stryMutAct_9fa48("268") ? "" : (stryCov_9fa48("268"), '.'))[1]}`);
  }
}
export function isIndicatorRow(row: MatrixRow): row is IndicatorRow {
  if (stryMutAct_9fa48("269")) {
    {}
  } else {
    stryCov_9fa48("269");
    return stryMutAct_9fa48("272") ? row.level === 'IOP' && row.level === 'ISS' : stryMutAct_9fa48("271") ? false : stryMutAct_9fa48("270") ? true : (stryCov_9fa48("270", "271", "272"), (stryMutAct_9fa48("274") ? row.level !== 'IOP' : stryMutAct_9fa48("273") ? false : (stryCov_9fa48("273", "274"), row.level === (stryMutAct_9fa48("275") ? "" : (stryCov_9fa48("275"), 'IOP')))) || (stryMutAct_9fa48("277") ? row.level !== 'ISS' : stryMutAct_9fa48("276") ? false : (stryCov_9fa48("276", "277"), row.level === (stryMutAct_9fa48("278") ? "" : (stryCov_9fa48("278"), 'ISS')))));
  }
}
export function isElementRow(row: MatrixRow): row is ElementRow {
  if (stryMutAct_9fa48("279")) {
    {}
  } else {
    stryCov_9fa48("279");
    return stryMutAct_9fa48("280") ? isIndicatorRow(row) : (stryCov_9fa48("280"), !isIndicatorRow(row));
  }
}

/** The display name of any row. */
export function rowName(row: MatrixRow): string {
  if (stryMutAct_9fa48("281")) {
    {}
  } else {
    stryCov_9fa48("281");
    return isIndicatorRow(row) ? row.sheet.name : row.name;
  }
}

/** Codes whose parent is not in the matrix, with the missing parent. */
export function missingParents(codes: readonly string[]): {
  code: string;
  parent: string;
}[] {
  if (stryMutAct_9fa48("282")) {
    {}
  } else {
    stryCov_9fa48("282");
    const present = new Set(codes);
    const missing: {
      code: string;
      parent: string;
    }[] = stryMutAct_9fa48("283") ? ["Stryker was here"] : (stryCov_9fa48("283"), []);
    for (const code of codes) {
      if (stryMutAct_9fa48("284")) {
        {}
      } else {
        stryCov_9fa48("284");
        const parent = parentCode(code);
        if (stryMutAct_9fa48("287") ? parent !== null || !present.has(parent) : stryMutAct_9fa48("286") ? false : stryMutAct_9fa48("285") ? true : (stryCov_9fa48("285", "286", "287"), (stryMutAct_9fa48("289") ? parent === null : stryMutAct_9fa48("288") ? true : (stryCov_9fa48("288", "289"), parent !== null)) && (stryMutAct_9fa48("290") ? present.has(parent) : (stryCov_9fa48("290"), !present.has(parent))))) missing.push(stryMutAct_9fa48("291") ? {} : (stryCov_9fa48("291"), {
          code,
          parent
        }));
      }
    }
    return missing;
  }
}