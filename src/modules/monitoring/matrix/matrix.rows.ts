import { ceplanMethod } from './ceplan.domain.ts';
import { levelOfCode } from './hierarchy.domain.ts';
import type { ColumnSpec, MatrixError, SheetColumn } from './matrix.columns.ts';
import { parseAggregation, parseDirection, parseMeasureCell, parseYearCell } from './matrix.cells.ts';
import {
  levelSchema,
  type ElementRow,
  type IndicatorRow,
  type IndicatorSheet,
  type Level,
  type MatrixRow,
  type Measure,
  type PublishedAdvance,
  type YearNote,
} from '../monitoring.schema.ts';

/** One data row of a matrix file with what its header says about each cell. */
export interface RowCells {
  rowNumber: number;
  header: readonly string[];
  specs: readonly (ColumnSpec | null)[];
  cells: readonly string[];
  /** The year of a bare `alert` / `measures` column, if the file has one. */
  alertYear: number | null;
}

interface Cell {
  index: number;
  text: string;
}

type SheetTextField = 'justification' | 'limitations' | 'calculationMethod' | 'dataSource' | 'unit';

const SHEET_FIELD: Record<SheetColumn, SheetTextField> = {
  justification: 'justification',
  limitations: 'limitations',
  calculation_method: 'calculationMethod',
  data_source: 'dataSource',
  unit: 'unit',
};

class RowReader {
  readonly errors: MatrixError[] = [];
  /** Whether a number of this row was written with a percent sign. */
  percent = false;

  constructor(readonly input: RowCells) {}

  text(index: number): string {
    return (this.input.cells[index] ?? '').trim();
  }

  fail(index: number, message: string): void {
    this.errors.push({
      row: this.input.rowNumber,
      column: this.input.header[index] ?? '',
      value: this.input.cells[index] ?? '',
      message,
    });
  }

  /**
   * A number or ND; `undefined` for a blank cell or an error. `ofIndicator`: a quantity of
   * the indicator itself (baseline, target, value), whose percent sign sets its unit.
   */
  measure(index: number, ofIndicator = true): Measure | undefined {
    const cell = parseMeasureCell(this.input.cells[index] ?? '');
    switch (cell.kind) {
      case 'blank':
        return undefined;
      case 'nd':
        return null;
      case 'number':
        if (ofIndicator) this.percent ||= cell.percent;
        return cell.value;
      case 'invalid':
        this.fail(index, 'not a number, a percentage or ND');
        return undefined;
    }
  }
}

function fixedCell(input: RowCells, name: string): Cell | null {
  const index = input.specs.findIndex((s) => s?.kind === 'fixed' && s.name === name);
  return index < 0 ? null : { index, text: (input.cells[index] ?? '').trim() };
}

/** Read one data row into a matrix row; `row` is null when the row cannot be placed at all. */
export function buildRow(input: RowCells): { row: MatrixRow | null; errors: MatrixError[] } {
  const reader = new RowReader(input);
  const code = fixedCell(input, 'code');
  if (code === null || code.text === '') {
    reader.fail(code?.index ?? 0, 'the code is required');
    return { row: null, errors: reader.errors };
  }
  const level = levelOfCode(code.text);
  if (level === null) {
    reader.fail(code.index, 'not a CEPLAN code (OP.01, IOP.01.01, LN.01.01, SS.01.01.01, ISS.01.01.01.01)');
    return { row: null, errors: reader.errors };
  }
  const levelCell = fixedCell(input, 'level');
  if (levelCell !== null && levelCell.text !== '') {
    const parsed = levelSchema.safeParse(levelCell.text.toUpperCase());
    if (!parsed.success || parsed.data !== level) {
      reader.fail(levelCell.index, `the level does not match the code ${code.text} (${level})`);
    }
  }
  const name = fixedCell(input, 'name');
  if (name === null || name.text === '') reader.fail(name?.index ?? 0, 'the name is required');
  const rowName = name?.text ?? '';
  const row = level === 'IOP' || level === 'ISS' ? readIndicator(reader, code.text, level, rowName) : readElement(reader, code.text, level, rowName);
  return { row, errors: reader.errors };
}

function published(target: Record<string, PublishedAdvance>, year: number): PublishedAdvance {
  const key = String(year);
  const entry = target[key] ?? {};
  target[key] = entry;
  return entry;
}

function readElement(reader: RowReader, code: string, level: Exclude<Level, 'IOP' | 'ISS'>, name: string): ElementRow {
  const row: ElementRow = { code, level, name, published: {} };
  reader.input.specs.forEach((spec, index) => {
    if (spec === null || reader.text(index) === '') return;
    if (spec.kind === 'fixed' && ['code', 'level', 'name'].includes(spec.name)) return;
    if (spec.kind === 'yearly' && (spec.name === 'published_avance1' || spec.name === 'published_avance2')) {
      if (level !== 'OP') {
        reader.fail(index, 'only objectives and indicators carry published figures');
        return;
      }
      const figure = reader.measure(index, false);
      const field = spec.name === 'published_avance1' ? 'avance1' : 'avance2';
      if (figure !== undefined) published(row.published, spec.year)[field] = figure;
      return;
    }
    reader.fail(index, `only indicators carry this column, not ${level} rows`);
  });
  return row;
}

function readIndicator(reader: RowReader, code: string, level: 'IOP' | 'ISS', name: string): IndicatorRow | null {
  const { input } = reader;
  const direction = fixedCell(input, 'direction');
  const aggregation = fixedCell(input, 'aggregation');
  const dir = direction === null || direction.text === '' ? null : parseDirection(direction.text);
  const agg = aggregation === null || aggregation.text === '' ? null : parseAggregation(aggregation.text);
  if (dir === null) {
    reader.fail(direction?.index ?? 0, direction?.text ? 'unknown direction (ascendente, descendente, no_definido)' : 'an indicator needs its direction');
  }
  if (agg === null) {
    reader.fail(
      aggregation?.index ?? 0,
      aggregation?.text ? 'unknown aggregation (acumulado, no_acumulado, minimo_permisible, maximo_permisible)' : 'an indicator needs its aggregation',
    );
  }
  if (dir !== null && agg !== null && ceplanMethod(dir, agg) === null) {
    reader.fail(
      aggregation?.index ?? 0,
      `aggregation ${agg} cannot go with direction ${dir}: a permisible aggregation goes with ` +
        'no_definido, and no_definido only with a permisible aggregation',
    );
  }
  const sheet: IndicatorSheet = { name, direction: dir ?? 'ascendente', aggregation: agg ?? 'acumulado' };
  const row: IndicatorRow = {
    code,
    level,
    sheet,
    baseline: { year: null, value: null },
    targets: {},
    values: {},
    notes: {},
    published: {},
  };
  input.specs.forEach((spec, index) => {
    if (spec !== null && reader.text(index) !== '') readIndicatorCell(reader, row, spec, index);
  });
  const baselineYear = fixedCell(input, 'baseline_year');
  if (row.baseline.value !== null && (baselineYear === null || baselineYear.text === '')) {
    reader.fail(baselineYear?.index ?? 0, 'the baseline needs its year');
  }
  if (sheet.unit === undefined && reader.percent) sheet.unit = '%';
  return dir === null || agg === null ? null : row;
}

function note(row: IndicatorRow, year: number): YearNote {
  const key = String(year);
  const entry = row.notes[key] ?? {};
  row.notes[key] = entry;
  return entry;
}

function observed(row: IndicatorRow, year: number): IndicatorRow['values'][string] {
  const key = String(year);
  const entry = row.values[key] ?? { value: null };
  row.values[key] = entry;
  return entry;
}

function readIndicatorCell(reader: RowReader, row: IndicatorRow, spec: ColumnSpec, index: number): void {
  const text = reader.text(index);
  switch (spec.kind) {
    case 'fixed':
      switch (spec.name) {
        case 'responsible':
          row.sheet.responsible = text;
          return;
        case 'indicator_type':
          row.sheet.indicatorType = text;
          return;
        case 'baseline_year': {
          const year = parseYearCell(text);
          if (year === null) reader.fail(index, 'not a four-digit year');
          row.baseline.year = year;
          return;
        }
        case 'baseline_value':
          row.baseline.value = reader.measure(index) ?? null;
          return;
        default:
          return; // code, level, name, direction, aggregation: read before
      }
    case 'sheet':
      row.sheet[SHEET_FIELD[spec.name]] = text;
      return;
    case 'note': {
      const year = reader.input.alertYear;
      if (year === null) {
        reader.fail(index, `no year for a bare ${spec.name} column: name it ${spec.name}_YYYY`);
        return;
      }
      setNote(reader, row, spec.name, year, index);
      return;
    }
    case 'yearly':
      readYearlyCell(reader, row, spec, index);
  }
}

function setNote(reader: RowReader, row: IndicatorRow, field: 'alert' | 'measures', year: number, index: number): void {
  const entry = note(row, year);
  if (entry[field] !== undefined) {
    reader.fail(index, `a second ${field} for ${year}`);
    return;
  }
  entry[field] = reader.text(index);
}

function readYearlyCell(reader: RowReader, row: IndicatorRow, spec: Extract<ColumnSpec, { kind: 'yearly' }>, index: number): void {
  const text = reader.text(index);
  const { year } = spec;
  switch (spec.name) {
    case 'target': {
      const target = reader.measure(index);
      if (target !== undefined) row.targets[String(year)] = target;
      return;
    }
    case 'value': {
      const value = reader.measure(index);
      if (value !== undefined) observed(row, year).value = value;
      return;
    }
    case 'value_source':
      observed(row, year).source = text;
      return;
    case 'value_date':
      observed(row, year).date = text;
      return;
    case 'value_entered_by':
      observed(row, year).enteredBy = text;
      return;
    case 'published_avance1':
    case 'published_avance2': {
      const figure = reader.measure(index, false);
      const field = spec.name === 'published_avance1' ? 'avance1' : 'avance2';
      if (figure !== undefined) published(row.published, year)[field] = figure;
      return;
    }
    case 'alert':
    case 'measures':
      setNote(reader, row, spec.name, year, index);
  }
}
