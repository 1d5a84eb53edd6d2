/**
 * `veta import trainings FILE`: attendance lists of trainings, technical assistance and
 * advice, as the XLSX/CSV officials keep them, one row per participant. A declaration on
 * the shared import pipeline (src/platform/imports/): all or nothing, row/column errors,
 * --skip-invalid, idempotent re-runs. Events are keyed by CODIGO EVENTO, participants by
 * their DNI (or RUC) within the event; a changed APROBO updates the participant.
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import type { ImportDeclaration, RowError, SourceRecord, WriteContext } from '../../platform/imports/types.ts';
import { parseCalendarDate, isValidRuc } from '../registry/registry.domain.ts';
import { territoryIndex } from '../territory/territory-index.ts';
import { nameKey } from '../../platform/text.ts';
import { DEFAULT_SERVICE, EVENT_KINDS, type EventKind } from './services.domain.ts';
import type { EventInput } from './services.schema.ts';
import { beneficiaryRuc, writeEvent } from './services.service.ts';

export const TRAININGS_COLUMNS = {
  'CODIGO EVENTO': { aliases: ['CODIGO', 'COD EVENTO', 'EVENTO'], required: true },
  SERVICIO: { aliases: ['CODIGO SERVICIO', 'SERVICIO POLITICA'], required: true },
  TEMA: { aliases: ['TEMA', 'CURSO'], required: true },
  FECHA: { aliases: ['FECHA EVENTO'], required: true },
  UBIGEO: {},
  DEPARTAMENTO: {},
  PROVINCIA: {},
  DISTRITO: {},
  DNI: {},
  RUC: {},
  NOMBRES: { aliases: ['NOMBRE', 'NOMBRES Y APELLIDOS', 'APELLIDOS Y NOMBRES'], required: true },
  SEXO: {},
  EDAD: {},
  APROBO: { aliases: ['APROBADO', 'APROBÓ'], required: true },
  ASISTIO: { aliases: ['ASISTENCIA', 'ASISTIÓ'] },
  TIPO: { aliases: ['TIPO EVENTO', 'MODALIDAD SERVICIO'] },
  MODALIDAD: {},
  HORAS: {},
  ENTIDAD: { aliases: ['PROVEEDOR', 'ENTIDAD CAPACITADORA'] },
} as const;
type Column = keyof typeof TRAININGS_COLUMNS;

export interface TrainingRow {
  row: number;
  event: Omit<EventInput, 'participants'>;
  participant: EventInput['participants'][number];
}

interface Prep {
  districts: Map<string, string>;
  byNames: (dep: string, prov: string, dist: string) => string | null;
  services: Set<string>;
}

const KIND_WORDS: Record<string, EventKind> = {
  CAPACITACION: 'training',
  TALLER: 'training',
  'ASISTENCIA TECNICA': 'technical_assistance',
  'ASESORIA LABORAL': 'labour_advice',
  'ASESORIA EMPRESARIAL': 'business_advice',
  TRAINING: 'training',
};
const KIND_OF_SERVICE: Record<string, EventKind> = {
  [DEFAULT_SERVICE.technical_assistance]: 'technical_assistance',
  [DEFAULT_SERVICE.labour_advice]: 'labour_advice',
  [DEFAULT_SERVICE.business_advice]: 'business_advice',
};

const err = (r: SourceRecord<Column>, column: Column | '', code: string, message: string, params?: Record<string, string | number>): RowError => ({
  row: r.row,
  column,
  value: column ? r.values[column] : '',
  message,
  code,
  ...(params ? { params } : {}),
});

const YES = new Set(['SI', 'S', 'YES', '1', 'X', 'TRUE', 'APROBADO', 'APROBO']);
const NO = new Set(['NO', 'N', '0', 'FALSE', 'DESAPROBADO', '']);

function validate(r: SourceRecord<Column>, ctx: { prep: Prep; actor: { role: string; region: string | null } }): TrainingRow | RowError[] {
  const v = r.values;
  const errors: RowError[] = [];
  const service = v.SERVICIO.toUpperCase().replace(/\s+/g, '');
  if (!/^SS\.\d{2}\.\d{2}\.\d{2}$/.test(service)) errors.push(err(r, 'SERVICIO', 'trainings.service.format', 'is not a policy service code (SS.01.03.01)'));
  else if (ctx.prep.services.size > 0 && !ctx.prep.services.has(service))
    errors.push(err(r, 'SERVICIO', 'trainings.service.unknown', 'is not a service of the stored policy', { service }));
  const date = parseCalendarDate(v.FECHA);
  if (!date) errors.push(err(r, 'FECHA', 'trainings.date.invalid', 'is not a date (dd/mm/yyyy or yyyy-mm-dd)'));
  let district: string | null = null;
  if (v.UBIGEO !== '') {
    district = ctx.prep.districts.has(v.UBIGEO.padStart(6, '0')) ? v.UBIGEO.padStart(6, '0') : null;
    if (!district) errors.push(err(r, 'UBIGEO', 'trainings.ubigeo.unknown', 'is not an INEI district code'));
  } else if (v.DEPARTAMENTO !== '') {
    district = ctx.prep.byNames(v.DEPARTAMENTO, v.PROVINCIA, v.DISTRITO);
    if (!district) errors.push(err(r, 'DISTRITO', 'trainings.place.unknown', 'department, province and district do not name a district'));
  } else errors.push(err(r, 'UBIGEO', 'trainings.place.missing', 'give UBIGEO or DEPARTAMENTO, PROVINCIA and DISTRITO'));
  const department = district?.slice(0, 2) ?? null;
  if (department && ctx.actor.role === 'regional' && department !== ctx.actor.region) {
    errors.push(err(r, 'UBIGEO', 'trainings.region.other', `is outside your region (${ctx.actor.region ?? '?'})`, { region: ctx.actor.region ?? '' }));
  }
  const dni = v.DNI.replace(/\s/g, '');
  const ruc = v.RUC.replace(/\s/g, '');
  if (dni === '' && ruc === '') errors.push(err(r, 'DNI', 'trainings.id.missing', 'give the DNI or the RUC of the participant'));
  // Excel drops a DNI's leading zero: 7 digits are read as 0 + 7 digits
  else if (dni !== '' && !/^\d{7,8}$/.test(dni)) errors.push(err(r, 'DNI', 'trainings.dni.invalid', 'is not a DNI (8 digits)'));
  else if (dni === '' && !isValidRuc(ruc)) errors.push(err(r, 'RUC', 'trainings.ruc.invalid', 'is not a valid RUC (11 digits and check digit)'));
  const sex = v.SEXO.toUpperCase();
  if (!['', 'F', 'M'].includes(sex)) errors.push(err(r, 'SEXO', 'trainings.sex.invalid', 'is not F or M'));
  const age = v.EDAD === '' ? undefined : Number(v.EDAD);
  if (age !== undefined && !(Number.isInteger(age) && age >= 5 && age <= 110))
    errors.push(err(r, 'EDAD', 'trainings.age.invalid', 'is not an age in years (5 to 110)'));
  const passedText = nameKey(v.APROBO);
  if (!YES.has(passedText) && !NO.has(passedText)) errors.push(err(r, 'APROBO', 'trainings.passed.invalid', 'is not SI or NO'));
  const attendedText = nameKey(v.ASISTIO);
  const attended = v.ASISTIO === '' ? true : YES.has(attendedText);
  if (v.ASISTIO !== '' && !YES.has(attendedText) && !NO.has(attendedText)) errors.push(err(r, 'ASISTIO', 'trainings.attended.invalid', 'is not SI or NO'));
  const passed = YES.has(passedText);
  if (passed && !attended) errors.push(err(r, 'APROBO', 'trainings.passed.absent', 'a participant who did not attend cannot pass'));
  const kind: EventKind | null =
    v.TIPO === ''
      ? (KIND_OF_SERVICE[service] ?? 'training')
      : (KIND_WORDS[nameKey(v.TIPO)] ?? ((EVENT_KINDS as readonly string[]).includes(v.TIPO) ? (v.TIPO as EventKind) : null));
  if (kind === null) errors.push(err(r, 'TIPO', 'trainings.kind.invalid', 'is not CAPACITACION, ASISTENCIA TECNICA, ASESORIA LABORAL or ASESORIA EMPRESARIAL'));
  const modality = v.MODALIDAD === '' ? 'presencial' : nameKey(v.MODALIDAD).toLowerCase();
  if (!['presencial', 'virtual', 'mixta'].includes(modality))
    errors.push(err(r, 'MODALIDAD', 'trainings.modality.invalid', 'is not PRESENCIAL, VIRTUAL or MIXTA'));
  const hours = v.HORAS === '' ? undefined : Number(v.HORAS.replace(',', '.'));
  if (hours !== undefined && !(hours > 0 && hours < 10_000)) errors.push(err(r, 'HORAS', 'trainings.hours.invalid', 'is not a number of hours'));
  if (errors.length > 0) return errors;
  return {
    row: r.row,
    event: {
      code: v['CODIGO EVENTO'],
      serviceCode: service,
      kind: kind!,
      topic: v.TEMA,
      date: date!,
      departmentCode: department!,
      districtCode: district!,
      modality: modality as 'presencial' | 'virtual' | 'mixta',
      ...(hours !== undefined ? { hours } : {}),
      ...(v.ENTIDAD !== '' ? { provider: v.ENTIDAD } : {}),
    },
    participant: {
      ...(dni !== '' ? { dni: dni.padStart(8, '0') } : { ruc }),
      name: v.NOMBRES,
      ...(sex !== '' ? { sex: sex as 'F' | 'M' } : {}),
      ...(age !== undefined ? { age } : {}),
      attended,
      passed,
    },
  };
}

/** Rows of one event must agree on the event; a participant appears once per event. */
function checkRows(rows: readonly TrainingRow[]): RowError[] {
  const first = new Map<string, TrainingRow>();
  const people = new Set<string>();
  const out: RowError[] = [];
  for (const r of rows) {
    const f = first.get(r.event.code);
    if (!f) first.set(r.event.code, r);
    else {
      for (const [field, column] of [
        ['serviceCode', 'SERVICIO'],
        ['topic', 'TEMA'],
        ['date', 'FECHA'],
        ['districtCode', 'UBIGEO'],
      ] as const) {
        if (f.event[field] !== r.event[field]) {
          out.push({
            row: r.row,
            column,
            value: String(r.event[field]),
            code: 'trainings.event.inconsistent',
            params: { event: r.event.code, row: f.row },
            message: `differs from row ${f.row} of the same event ${r.event.code}`,
          });
        }
      }
    }
    const key = `${r.event.code}|${beneficiaryRuc(r.participant)}`;
    if (people.has(key))
      out.push({
        row: r.row,
        column: r.participant.dni ? 'DNI' : 'RUC',
        value: r.participant.dni ?? r.participant.ruc ?? '',
        code: 'trainings.participant.twice',
        params: { event: r.event.code },
        message: `is listed twice in event ${r.event.code}`,
      });
    people.add(key);
  }
  return out;
}

async function write(tx: Queryable, rows: TrainingRow[], ctx: WriteContext<Prep>) {
  if ((ctx as { checkOnly?: boolean }).checkOnly === true || rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const events = new Map<string, EventInput>();
  for (const r of rows) {
    const e = events.get(r.event.code) ?? { ...r.event, participants: [] };
    e.participants.push(r.participant);
    events.set(r.event.code, e);
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const touched: number[] = [];
  for (const e of events.values()) {
    const c = await writeEvent(tx, ctx.actor, e, null);
    touched.push(c.id);
    counts.inserted += c.inserted;
    // a changed event counts its unchanged participants as updated
    counts.updated += c.updated + (c.eventChanged && !c.eventCreated ? c.unchanged : 0);
    counts.unchanged += c.eventChanged && !c.eventCreated ? 0 : c.unchanged;
    ctx.progress(counts.inserted + counts.updated + counts.unchanged, rows.length);
  }
  if (counts.inserted + counts.updated > 0) {
    // rows written by this transaction (now() is the transaction's time) reference the import
    const importId = await ctx.importId();
    await tx.query('UPDATE service_participants SET import_id = $1 WHERE event_id = ANY($2::bigint[]) AND updated_at = now()', [importId, touched]);
    await tx.query('UPDATE service_events SET import_id = $1 WHERE id = ANY($2::bigint[]) AND created_at = now()', [importId, touched]);
  }
  return counts;
}

export const trainingsImport: ImportDeclaration<Column, TrainingRow, Prep> = {
  kind: 'trainings',
  title: 'attendance lists of trainings, technical assistance and advice',
  formats: ['csv', 'xlsx'],
  columns: TRAININGS_COLUMNS,
  checkHeaders(present) {
    const out: RowError[] = [];
    if (!present.has('UBIGEO') && !(present.has('DEPARTAMENTO') && present.has('PROVINCIA') && present.has('DISTRITO'))) {
      out.push({
        row: 1,
        column: 'UBIGEO',
        value: '',
        code: 'file.column.missing',
        params: { column: 'UBIGEO' },
        message: 'missing column UBIGEO (or DEPARTAMENTO, PROVINCIA and DISTRITO)',
      });
    }
    if (!present.has('DNI') && !present.has('RUC'))
      out.push({ row: 1, column: 'DNI', value: '', code: 'file.column.missing', params: { column: 'DNI' }, message: 'missing column DNI (or RUC)' });
    return out;
  },
  access: ['regional', 'national', 'admin'],
  options: { skipInvalid: true, asOf: false },
  statistics: ['service_events', 'service_participants'],
  async prepare(tx) {
    const t = await territoryIndex(tx);
    const { rows } = await tx.query<{ code: string }>(
      `SELECT e.code FROM policy_elements e JOIN policies p ON p.id = e.policy_id
       WHERE p.code = 'PNMPMMA-2030' AND e.level = 'SS' AND e.removed_at IS NULL`,
    );
    return {
      districts: new Map([...t.districtCodes].map((c) => [c, c.slice(0, 2)])),
      byNames(dep, prov, dist) {
        const d = t.departments.get(nameKey(dep));
        const p = d && t.provinces.get(`${d}|${nameKey(prov)}`);
        return (p && t.districts.get(`${p}|${nameKey(dist)}`)) ?? null;
      },
      services: new Set(rows.map((r) => r.code)),
    };
  },
  validate,
  checkRows,
  write,
};
