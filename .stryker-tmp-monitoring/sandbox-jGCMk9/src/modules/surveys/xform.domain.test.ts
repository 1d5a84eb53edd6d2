// @ts-nocheck
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { fillInOdk, loadInOdk } from './odk-engine.fixtures.ts';
import { analyse } from './submission.domain.ts';
import { goodAnswers, testFormSheets } from './surveys.fixtures.ts';
import { toXForm } from './xform.domain.ts';
import { parseXlsForm, type Sheet } from './xlsform.domain.ts';
import { nodeIndex, type Answers, type FormDefinition } from './xlsform.model.ts';

export function parsedForm(sheets: { name: string; rows: string[][] }[]): FormDefinition {
  const asSheets: Sheet[] = sheets.map((s) => ({ name: s.name, headers: s.rows[0]!, rows: s.rows.slice(1).map((cells, i) => ({ row: i + 2, cells })) }));
  const r = parseXlsForm(asSheets, { fallbackId: 'x', fallbackVersion: '1' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.form;
}

/** Every element path of the primary instance, and the binds and body refs. */
export function xformStructure(xml: string): { instance: Set<string>; binds: Map<string, Record<string, string>>; refs: string[]; langs: string[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true }).parse(xml) as unknown[];
  const instance = new Set<string>();
  const binds = new Map<string, Record<string, string>>();
  const refs: string[] = [];
  const langs: string[] = [];
  type N = Record<string, unknown> & { ':@'?: Record<string, string> };
  const tag = (n: N) => Object.keys(n).find((k) => k !== ':@')!;
  const visit = (nodes: N[], inPrimary: string | null): void => {
    for (const n of nodes) {
      const t = tag(n);
      if (t === '#text') continue;
      const attrs = n[':@'] ?? {};
      const kids = (n[t] as N[]) ?? [];
      if (t === 'data') {
        instance.add('/data');
        visit(kids, '/data');
        continue;
      }
      if (inPrimary !== null) {
        instance.add(`${inPrimary}/${t}`);
        visit(kids, `${inPrimary}/${t}`);
        continue;
      }
      if (t === 'bind') binds.set(attrs['@nodeset']!, attrs);
      if (t === 'translation') langs.push(attrs['@lang']!);
      if (attrs['@ref'] && t !== 'label' && t !== 'hint') refs.push(attrs['@ref']);
      if (t === 'instance' && attrs['@id']) continue;
      visit(kids, null);
    }
  };
  visit(doc as N[], null);
  return { instance, binds, refs, langs };
}

const form = parsedForm(testFormSheets());
const xml = toXForm(form);

describe('the XForm export', () => {
  test('has the instance, a bind per node with the XLSForm rules, and the body', () => {
    const s = xformStructure(xml);
    for (const path of s.binds.keys()) expect(s.instance.has(path), path).toBe(true);
    for (const ref of s.refs) expect(s.binds.has(ref), ref).toBe(true);
    expect(s.langs).toEqual(form.languages);
    expect(s.binds.get('/data/age')).toMatchObject({
      '@type': 'int',
      '@required': 'true()',
      '@constraint': '. >= 14 and . <= 99',
      '@jr:constraintMsg': "jr:itext('/data/age:jr:constraintMsg')",
    });
    expect(s.binds.get('/data/work')).toMatchObject({ '@relevant': '/data/age >= 18' });
    expect(s.binds.get('/data/work/workers_total')).toMatchObject({ '@constraint': '. >= /data/work/workers_women' });
    expect(s.binds.get('/data/work/women_share')).toMatchObject({
      '@calculate': 'if(/data/work/workers_total > 0, /data/work/workers_women div /data/work/workers_total, 0)',
    });
    expect(s.binds.get('/data/children/child_age')).toMatchObject({ '@type': 'int', '@constraint': '. < 18' });
    expect(s.binds.get('/data/visit_date')).toMatchObject({ '@type': 'date', '@constraint': '. <= today()' });
    expect(s.binds.get('/data/start')).toMatchObject({ '@jr:preload': 'timestamp', '@jr:preloadParams': 'start' });
    expect(s.binds.get('/data/meta/instanceID')).toMatchObject({ '@jr:preload': 'uid', '@readonly': 'true()' });
    expect(s.binds.get('/data/thanks')).toMatchObject({ '@readonly': 'true()' });
    const fields = [...nodeIndex(form).values()].filter((x) => x.node.kind === 'field' && x.node.type !== 'calculate').length;
    expect(s.refs.filter((r) => !['/data/work', '/data/children'].includes(r))).toHaveLength(fields);
  });

  test("ODK's own engine loads it, and refuses a broken one", async () => {
    expect((await loadInOdk(xml)).ok).toBe(true);
    expect((await loadInOdk(xml.replace('relevant="/data/age &gt;= 18"', 'relevant="/data/age &gt;= and 18"'))).ok).toBe(false);
  });

  const cases: [string, Answers, number, number][] = [
    ['complete', goodAnswers(), 0, 0],
    ['minor: work group hidden', goodAnswers({ age: '16', tasks: undefined }), 4, 0],
    ['empty', {}, 4, 6],
    ['constraints broken', goodAnswers({ age: '120', workers_total: '2', children: [{ child_age: '19' }, { child_age: '' }] }), 0, 4],
    ['no children working', goodAnswers({ children_work: 'no', children: undefined }), 0, 0],
    ['future visit', goodAnswers({ visit_date: '2999-01-01' }), 0, 1],
  ];
  test.each(cases)('ODK and Veta agree on relevance and rules: %s', async (_name, answers, hiddenFields, violations) => {
    const odk = await fillInOdk(xml, answers);
    const ours = analyse(form, answers, new Date().toISOString().slice(0, 10));
    const fieldNames = new Set([...nodeIndex(form).values()].filter((x) => x.node.kind === 'field').map((x) => x.node.name));
    const isField = (k: string) => fieldNames.has(k.split('/').pop()!);
    expect(new Set([...ours.hidden].filter(isField))).toEqual(new Set([...odk.hidden].filter(isField)));
    const ourViolations = new Map(ours.errors.filter((e) => e.rule === 'required' || e.rule === 'constraint').map((e) => [e.path, e.rule]));
    expect(ourViolations).toEqual(odk.violations);
    expect([[...ours.hidden].filter(isField).length, ourViolations.size]).toEqual([hiddenFields, violations]);
  });
});

test('a cascading select becomes an itemset over a secondary instance that ODK loads', async () => {
  const f = parsedForm([
    {
      name: 'survey',
      rows: [
        ['type', 'name', 'label', 'choice_filter'],
        ['select_one dep', 'dep', 'Departamento'],
        ['select_one prov', 'prov', 'Provincia', 'dep = ${dep}'],
      ],
    },
    {
      name: 'choices',
      rows: [
        ['list_name', 'name', 'label', 'dep'],
        ['dep', '21', 'Puno'],
        ['dep', '04', 'Arequipa'],
        ['prov', '2101', 'Puno', '21'],
        ['prov', '0401', 'Arequipa', '04'],
      ],
    },
  ]);
  const x = toXForm(f);
  expect(x).toContain(`<itemset nodeset="instance('prov')/root/item[dep = /data/dep]">`);
  expect(x).toContain('<item><itextId>static_instance-prov-0</itextId><name>2101</name><dep>21</dep></item>');
  expect((await loadInOdk(x)).ok).toBe(true);
});
