/** The shipped MPE baseline form: the workbook matches its source, ODK loads its XForm, the demo's answers keep its rules. */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { rng } from '../demo/random.ts';
import { BASELINE_FILE } from './baseline-form.build.ts';
import { baselineSheets, BASELINE_VERSION } from './baseline-form.rows.ts';
import { BASELINE_FIELDS, BASELINE_FORM_ID } from './baseline.indicators.ts';
import { fillInOdk, loadInOdk } from './odk-engine.fixtures.ts';
import { analyse } from './submission.domain.ts';
import { demoAnswers } from './surveys.demo.ts';
import { toXForm } from './xform.domain.ts';
import { parseXlsForm, type Sheet } from './xlsform.domain.ts';
import { nodeIndex, stableJson } from './xlsform.model.ts';
import { readXlsForm } from './xlsform.read.ts';

const shipped = await readXlsForm(readFileSync(BASELINE_FILE), 'mpe-linea-base.xlsx');
if (!shipped.ok) throw new Error(JSON.stringify(shipped.errors));
const form = shipped.form;

describe('the shipped MPE baseline form', () => {
  test('reference/forms/mpe-linea-base.xlsx is the workbook of baseline-form.rows.ts (rebuild it after editing them)', () => {
    const sheets: Sheet[] = baselineSheets().map((s) => ({
      name: s.name,
      headers: s.rows[0]!,
      rows: s.rows.slice(1).map((cells, i) => ({ row: i + 2, cells })),
    }));
    const fromRows = parseXlsForm(sheets, { fallbackId: 'x', fallbackVersion: 'x' });
    expect(fromRows.ok && stableJson(fromRows.form)).toBe(stableJson(form));
    expect([form.formId, form.version, form.languages]).toEqual([BASELINE_FORM_ID, BASELINE_VERSION, ['Español (es)', 'English (en)']]);
  });

  test('every label is in Spanish and English; the figures read fields of the form', () => {
    const idx = nodeIndex(form);
    for (const { node } of idx.values()) {
      if (node.kind === 'meta' || (node.kind === 'field' && node.type === 'calculate')) continue;
      expect(Object.keys(node.label).sort(), node.name).toEqual(['English (en)', 'Español (es)']);
    }
    for (const f of BASELINE_FIELDS) expect(idx.has(f), f).toBe(true);
  });

  test("ODK's engine loads its XForm and agrees on skip logic and rules for demo answers", async () => {
    const xml = toXForm(form);
    expect((await loadInOdk(xml)).ok).toBe(true);
    const r = rng(7);
    const fieldNames = new Set([...nodeIndex(form).values()].filter((x) => x.node.kind === 'field').map((x) => x.node.name));
    const isField = (k: string) => fieldNames.has(k.split('/').pop()!);
    for (let i = 0; i < 6; i++) {
      const answers = demoAnswers(r, i % 2 ? '17' : '21', '2026-10-05');
      const ours = analyse(form, answers, '2026-10-05');
      expect(ours.errors).toEqual([]);
      const odk = await fillInOdk(xml, answers);
      expect([...odk.violations.keys()].filter(isField)).toEqual([]);
      expect(new Set([...ours.hidden].filter(isField))).toEqual(new Set([...odk.hidden].filter(isField)));
    }
  });

  test('the skip logic and constraints a field team expects', () => {
    const base = demoAnswers(rng(3), '21', '2026-10-05');
    const errs = (over: Record<string, string | undefined>) => {
      const a = { ...base };
      for (const [k, v] of Object.entries(over)) {
        if (v === undefined) delete a[k];
        else a[k] = v;
      }
      return analyse(form, a, '2026-10-05').errors.map((e) => `${e.field}:${e.rule}`);
    };
    expect(errs({ respondent_age: '15' })).toEqual(['respondent_age:constraint']);
    expect(errs({ processing_method: 'amalgamation', uses_mercury: 'no', mercury_kg_month: undefined })).toEqual(['uses_mercury:constraint']);
    expect(errs({ uses_mercury: 'yes', processing_method: 'gravimetric', mercury_kg_month: undefined })).toEqual(['mercury_kg_month:required']);
    expect(errs({ workers_women: '2', pallaqueras: '3', women_roles: 'pallaquera' })).toEqual(['pallaqueras:constraint']);
    expect(errs({ children_work: 'yes' })).toEqual([]);
    const hidden = analyse(form, { ...base, reinfo: 'no', expediente_stage: 'igafom' }, '2026-10-05');
    expect(hidden.clean).not.toHaveProperty('expediente_stage');
  });
});
