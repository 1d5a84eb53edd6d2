/**
 * REINFO permanence conditions (DS 032-2020-EM as cited by the issue; access and
 * permanence provisions also in DS 001-2020-EM — have the legal team confirm the
 * article before publishing the messages): an IGAFOM filed, an active RUC in the
 * third income category, registration in SUNAT's controlled-chemicals registry
 * (Registro para el Control de Bienes Fiscalizados, DL 1126) and the six-monthly
 * production declaration. An inscription failing any of them is a candidate for
 * suspension; the official decides and records a `suspend` action with the code.
 */
import { addDays, toDayNumber, type IsoDate } from '../../kernel/peru-date.ts';
import type { PermanenceConditionCode, PermanenceFailure, PermanenceInput, Semester, SuspensionCandidate } from './permanence.schema.ts';

type PermanenceOptions = {
  /**
   * Calendar days after a semester ends before its declaration is owed. The
   * project assumes 30 (S1 owed from 30 July, S2 from 30 January) until the
   * legal team confirms the schedule.
   */
  readonly declarationGraceDays?: number;
  /** Before this date a missing IGAFOM is not yet a failure (a filing deadline set by decree). */
  readonly igafomFilingDueOn?: IsoDate;
};

const DEFAULT_DECLARATION_GRACE_DAYS = 30;

const MESSAGES: Record<Exclude<PermanenceConditionCode, 'production_not_declared'>, string> = {
  igafom_not_filed:
    'No ha presentado el IGAFOM (Instrumento de Gestión Ambiental para la Formalización de Actividades de ' + 'Pequeña Minería y Minería Artesanal).',
  ruc_inactive: 'El RUC no se encuentra activo.',
  ruc_not_third_category: 'El RUC no está afecto al impuesto a la renta de tercera categoría.',
  chemicals_not_registered: 'No está inscrito en el Registro para el Control de Bienes Fiscalizados de la SUNAT.',
};

/** The semester a date falls in. */
export function semesterOf(date: IsoDate): Semester {
  toDayNumber(date);
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-S${month <= 6 ? 1 : 2}`;
}

/** First and last day of a semester. */
function semesterBounds(semester: Semester): { start: IsoDate; end: IsoDate } {
  const year = semester.slice(0, 4);
  return semester.endsWith('S1') ? { start: `${year}-01-01`, end: `${year}-06-30` } : { start: `${year}-07-01`, end: `${year}-12-31` };
}

function nextSemester(semester: Semester): Semester {
  const year = Number(semester.slice(0, 4));
  return semester.endsWith('S1') ? `${year}-S2` : `${String(year + 1).padStart(4, '0')}-S1`;
}

/** The day from which a semester's declaration is owed (end of semester + grace). */
export function declarationDueOn(semester: Semester, graceDays = DEFAULT_DECLARATION_GRACE_DAYS): IsoDate {
  return addDays(semesterBounds(semester).end, graceDays);
}

/**
 * Semesters whose declaration is owed on `referenceDate`: every semester from the
 * one containing the inscription date (production in it is declarable) whose
 * due date is on or before the reference date.
 */
export function owedSemesters(inscribedOn: IsoDate, referenceDate: IsoDate, graceDays = DEFAULT_DECLARATION_GRACE_DAYS): Semester[] {
  const owed: Semester[] = [];
  const reference = toDayNumber(referenceDate);
  for (let s = semesterOf(inscribedOn); toDayNumber(declarationDueOn(s, graceDays)) <= reference; s = nextSemester(s)) {
    owed.push(s);
  }
  return owed;
}

function semesterLabel(semester: Semester): string {
  return `${semester.endsWith('S1') ? 'primer' : 'segundo'} semestre de ${semester.slice(0, 4)}`;
}

/**
 * The permanence conditions an inscription fails on `referenceDate`, each with a
 * code and a Spanish message; empty when it meets them all.
 * A production declaration counts only if made on or before the reference date.
 */
export function checkPermanence(input: PermanenceInput, referenceDate: IsoDate, options: PermanenceOptions = {}): PermanenceFailure[] {
  const reference = toDayNumber(referenceDate);
  const failures: PermanenceFailure[] = [];
  const fail = (code: Exclude<PermanenceConditionCode, 'production_not_declared'>): void => {
    failures.push({ code, message: MESSAGES[code] });
  };
  const igafomDue = options.igafomFilingDueOn === undefined || toDayNumber(options.igafomFilingDueOn) <= reference;
  if (!input.igafomFiled && igafomDue) fail('igafom_not_filed');
  if (!input.rucActive) fail('ruc_inactive');
  if (!input.rucThirdCategory) fail('ruc_not_third_category');
  if (input.usesControlledChemicals !== false && !input.chemicalsRegistered) fail('chemicals_not_registered');

  const graceDays = options.declarationGraceDays ?? DEFAULT_DECLARATION_GRACE_DAYS;
  const declared = new Set(input.productionDeclarations.filter((d) => toDayNumber(d.declaredOn) <= reference).map((d) => d.semester));
  const missing = owedSemesters(input.inscribedOn, referenceDate, graceDays).filter((s) => !declared.has(s));
  if (missing.length > 0) {
    const list = missing.map(semesterLabel).join(', ');
    failures.push({
      code: 'production_not_declared',
      message: `No ha declarado la producción del ${list}.`,
      semesters: missing,
    });
  }
  return failures;
}

/** Inscriptions that fail at least one permanence condition: candidates for suspension, in input order. */
export function suspensionCandidates(inputs: readonly PermanenceInput[], referenceDate: IsoDate, options: PermanenceOptions = {}): SuspensionCandidate[] {
  const candidates: SuspensionCandidate[] = [];
  for (const input of inputs) {
    const failures = checkPermanence(input, referenceDate, options);
    if (failures.length > 0) candidates.push({ inscriptionId: input.inscriptionId, failures });
  }
  return candidates;
}
