/**
 * A Veta form as an ODK XForm (ODK XForms specification, https://getodk.github.io/xforms-spec/),
 * laid out as pyxform writes it so that ODK Collect, ODK Central and Enketo read it: one
 * primary instance (`/data/...`, groups nesting their fields, repeats marked
 * `jr:template`, `meta/instanceID`), a `bind` per node (type, required, relevant,
 * constraint with its message, calculate, readonly, preloads for start/end/today), the
 * body controls in order, and every label, hint and message in `itext` per language.
 * Pure: the XML is a string built from the definition.
 */
// @ts-nocheck

import { parseExpr, toXPath } from './xlsform-expr.domain.ts';
import { nodeIndex, type FormDefinition, type FormField, type FormNode, type Translated } from './xlsform.model.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const XFORM_TYPE: Record<FormField['type'], string> = {
  text: 'string',
  integer: 'int',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'dateTime',
  select_one: 'string',
  select_multiple: 'string',
  note: 'string',
  calculate: 'string',
  geopoint: 'geopoint',
  image: 'binary',
  acknowledge: 'string',
};

const META_BIND: Record<string, string> = {
  start: 'type="dateTime" jr:preload="timestamp" jr:preloadParams="start"',
  end: 'type="dateTime" jr:preload="timestamp" jr:preloadParams="end"',
  today: 'type="date" jr:preload="date" jr:preloadParams="today"',
  deviceid: 'type="string" jr:preload="property" jr:preloadParams="deviceid"',
  username: 'type="string" jr:preload="property" jr:preloadParams="username"',
};

/** The form as XForm XML. */
export function toXForm(form: FormDefinition): string {
  const index = nodeIndex(form);
  const pathOf = (name: string): string => {
    const n = index.get(name);
    return n ? `/data/${[...n.groups, name].join('/')}` : `/data/${name}`;
  };
  const xp = (src: string): string => esc(toXPath(parseExpr(src), pathOf));
  const langs = form.languages;
  const texts = new Map<string, Translated>();
  const itext = (id: string, t: Translated | undefined): string | null => {
    if (!t || Object.keys(t).length === 0) return null;
    texts.set(id, t);
    return `jr:itext('${id}')`;
  };

  const instance = (nodes: readonly FormNode[], depth: string): string =>
    nodes
      .map((n) => {
        if (n.kind === 'group') return `${depth}<${n.name}>\n${instance(n.children, `${depth}  `)}${depth}</${n.name}>\n`;
        if (n.kind === 'repeat') return `${depth}<${n.name} jr:template="">\n${instance(n.children, `${depth}  `)}${depth}</${n.name}>\n`;
        const d = n.kind === 'field' && n.default !== undefined && n.type !== 'calculate' ? esc(n.default) : '';
        return d ? `${depth}<${n.name}>${d}</${n.name}>\n` : `${depth}<${n.name}/>\n`;
      })
      .join('');

  const binds: string[] = [];
  const body = (nodes: readonly FormNode[], depth: string): string => {
    let out = '';
    for (const n of nodes) {
      const path = pathOf(n.name);
      if (n.kind === 'meta') {
        binds.push(`<bind nodeset="${path}" ${META_BIND[n.type]}/>`);
        continue;
      }
      if (n.kind === 'group' || n.kind === 'repeat') {
        binds.push(`<bind nodeset="${path}"${n.relevant ? ` relevant="${xp(n.relevant)}"` : ''}/>`);
        const label = itext(`${path}:label`, n.label);
        const appearance = n.appearance ? ` appearance="${esc(n.appearance)}"` : '';
        const inner = body(n.children, `${depth}    `);
        if (n.kind === 'group')
          out += `${depth}<group ref="${path}"${appearance}>\n${label ? `${depth}  <label ref="${label}"/>\n` : ''}${inner.replace(/^ {2}/gm, '')}${depth}</group>\n`;
        else
          out += `${depth}<group ref="${path}">\n${label ? `${depth}  <label ref="${label}"/>\n` : ''}${depth}  <repeat nodeset="${path}"${appearance}>\n${inner}${depth}  </repeat>\n${depth}</group>\n`;
        continue;
      }
      if (n.kind !== 'field') continue;
      const attrs = [`nodeset="${path}"`, `type="${XFORM_TYPE[n.type]}"`];
      if (n.required === true) attrs.push('required="true()"');
      else if (typeof n.required === 'string') attrs.push(`required="${xp(n.required)}"`);
      const reqMsg = itext(`${path}:jr:requiredMsg`, n.requiredMessage);
      if (reqMsg) attrs.push(`jr:requiredMsg="${reqMsg}"`);
      if (n.relevant) attrs.push(`relevant="${xp(n.relevant)}"`);
      if (n.constraint) attrs.push(`constraint="${xp(n.constraint)}"`);
      const conMsg = itext(`${path}:jr:constraintMsg`, n.constraintMessage);
      if (conMsg) attrs.push(`jr:constraintMsg="${conMsg}"`);
      if (n.calculation) attrs.push(`calculate="${xp(n.calculation)}"`);
      if (n.readOnly || n.type === 'note') attrs.push('readonly="true()"');
      binds.push(`<bind ${attrs.join(' ')}/>`);
      if (n.type === 'calculate') continue;
      const label = itext(`${path}:label`, n.label);
      const hint = itext(`${path}:hint`, n.hint);
      const appearance = n.appearance ? ` appearance="${esc(n.appearance)}"` : '';
      const head = `${label ? `${depth}  <label ref="${label}"/>\n` : ''}${hint ? `${depth}  <hint ref="${hint}"/>\n` : ''}`;
      if (n.type === 'select_one' || n.type === 'select_multiple') {
        const tag = n.type === 'select_one' ? 'select1' : 'select';
        const list = n.listName ?? '';
        let items: string;
        if (n.choiceFilter)
          items = `${depth}  <itemset nodeset="instance('${list}')/root/item[${xp(n.choiceFilter)}]">\n${depth}    <value ref="name"/>\n${depth}    <label ref="jr:itext(itextId)"/>\n${depth}  </itemset>\n`;
        else
          items = (form.choices[list] ?? [])
            .map(
              (c, i) =>
                `${depth}  <item>\n${depth}    <label ref="${itext(`static_instance-${list}-${i}`, c.label)}"/>\n${depth}    <value>${esc(c.name)}</value>\n${depth}  </item>\n`,
            )
            .join('');
        out += `${depth}<${tag} ref="${path}"${appearance}>\n${head}${items}${depth}</${tag}>\n`;
      } else if (n.type === 'acknowledge') out += `${depth}<trigger ref="${path}"${appearance}>\n${head}${depth}</trigger>\n`;
      else if (n.type === 'image') out += `${depth}<upload ref="${path}" mediatype="image/*"${appearance}>\n${head}${depth}</upload>\n`;
      else out += `${depth}<input ref="${path}"${appearance}>\n${head}${depth}</input>\n`;
    }
    return out;
  };

  const primary = instance(form.children, '          ');
  const controls = body(form.children, '    ');
  binds.push('<bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>');

  // choice lists read by an itemset (choice_filter) travel as secondary instances
  const filtered = new Set<string>();
  for (const { node } of index.values()) if (node.kind === 'field' && node.choiceFilter && node.listName) filtered.add(node.listName);
  const secondary = [...filtered]
    .map((list) => {
      const items = (form.choices[list] ?? [])
        .map((c, i) => {
          const id = `static_instance-${list}-${i}`;
          texts.set(id, c.label);
          const extra = Object.entries(c.extra ?? {})
            .filter(([k]) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k))
            .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
            .join('');
          return `          <item><itextId>${id}</itextId><name>${esc(c.name)}</name>${extra}</item>\n`;
        })
        .join('');
      return `      <instance id="${esc(list)}">\n        <root>\n${items}        </root>\n      </instance>\n`;
    })
    .join('');

  const translations = langs
    .map((lang) => {
      const entries = [...texts.entries()]
        .map(
          ([id, t]) =>
            `          <text id="${esc(id)}"><value>${esc(t[lang] ?? t[form.defaultLanguage] ?? t['default'] ?? Object.values(t)[0] ?? '')}</value></text>\n`,
        )
        .join('');
      return `        <translation lang="${esc(lang)}"${lang === form.defaultLanguage ? ' default="true()"' : ''}>\n${entries}        </translation>\n`;
    })
    .join('');

  return `<?xml version="1.0" encoding="UTF-8"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <h:head>
    <h:title>${esc(form.title)}</h:title>
    <model odk:xforms-version="1.0.0">
      <itext>
${translations}      </itext>
      <instance>
        <data id="${esc(form.formId)}" version="${esc(form.version)}">
${primary}          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
${secondary}      ${binds.join('\n      ')}
    </model>
  </h:head>
  <h:body>
${controls}  </h:body>
</h:html>
`;
}
