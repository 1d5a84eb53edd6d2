/**
 * ODK's own XForms engine (@getodk/xforms-engine, the engine of ODK Web Forms) run in
 * Node on jsdom, for tests: it loads the XForms Veta exports — a form it refuses is a
 * form ODK refuses — and, filled with an answer set, tells which fields ODK finds
 * relevant, required-but-empty or breaking their constraint, to compare with
 * submission.domain.ts.
 */
// @ts-nocheck

import { createRequire } from 'node:module';
import path from 'node:path';
import type { Answers } from './xlsform.model.ts';

interface OdkNode {
  nodeType: string;
  currentState: { reference: string; relevant: boolean; children?: readonly OdkNode[] | null; valueOptions?: readonly { value: string }[] };
  validationState?: { violation?: { condition: string } | null };
  setValue?(v: string): unknown;
  selectValue?(v: string | null): unknown;
  selectValues?(v: readonly string[]): unknown;
  addInstances?(afterIndex?: number, count?: number): unknown;
  definition?: { bodyElement?: { type?: string } };
}

let ready: Promise<(xml: string) => Promise<{ status: string; error?: { message: string } | null; createInstance(): { root: OdkNode } }>> | undefined;

/** The engine's loadForm, once per worker (the DOM it needs comes from jsdom). */
export function odkEngine() {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@getodk/xforms-engine');
    // the engine's XPath parser (tree-sitter, WebAssembly) finds its .wasm beside the script through __dirname
    (globalThis as Record<string, unknown>)['__dirname'] = `${path.dirname(entry)}/`;
    const { JSDOM } = (await import('jsdom' as string)) as { JSDOM: new (html: string) => { window: unknown } };
    const win = new JSDOM('').window as unknown as Record<string, unknown>;
    for (const k of ['DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XPathResult', 'NodeFilter', 'Text', 'Attr', 'document']) {
      if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = win[k];
    }
    const engine = (await import('@getodk/xforms-engine')) as unknown as { loadForm(xml: string): Promise<never> };
    return (xml: string) => engine.loadForm(xml);
  })();
  return ready;
}

/** Loads an XForm: `failure` with the engine's message when ODK refuses it. */
export async function loadInOdk(xml: string): Promise<{ ok: boolean; message?: string; root?: OdkNode }> {
  const load = await odkEngine();
  const r = await load(xml);
  if (r.status !== 'success') return { ok: false, message: r.error?.message ?? r.status };
  return { ok: true, root: r.createInstance().root };
}

/** `/data/work/tasks` → `tasks`; `/data/children[2]/child_age` → `children[2]/child_age` (as submission.domain.ts paths). */
const keyOf = (reference: string): string =>
  reference
    .replace(/^\/data\/?/, '')
    .split('/')
    .filter((seg, i, all) => /\[\d+\]$/.test(seg) || i === all.length - 1)
    .join('/');

/** Fills a fresh instance in document order; what ODK then says of each field. */
export async function fillInOdk(xml: string, answers: Answers): Promise<{ hidden: Set<string>; violations: Map<string, string> }> {
  const { ok, root, message } = await loadInOdk(xml);
  if (!ok || !root) throw new Error(`ODK refused the form: ${message}`);
  const fill = (node: OdkNode, scope: Answers): void => {
    for (const child of node.currentState.children ?? []) {
      const name = child.currentState.reference
        .split('/')
        .pop()!
        .replace(/\[\d+\]$/, '');
      const v = scope[name];
      if (child.nodeType === 'group') fill(child, scope);
      else if (child.nodeType.startsWith('repeat-range')) {
        const list = Array.isArray(v) ? v : [];
        if (list.length) child.addInstances!(undefined, list.length);
        (child.currentState.children ?? []).forEach((inst, i) => fill(inst, list[i] ?? {}));
      } else if (typeof v === 'string') {
        if (child.nodeType === 'select') {
          const many = child.selectValues && v.includes(' ');
          if (many) child.selectValues!(v.split(/\s+/));
          else if (child.definition?.bodyElement?.type === 'select') child.selectValues!(v === '' ? [] : [v]);
          else child.selectValue!(v === '' ? null : v);
        } else if (child.nodeType === 'input' && child.setValue) child.setValue(v);
      }
    }
  };
  fill(root, answers);
  const hidden = new Set<string>();
  const violations = new Map<string, string>();
  const walk = (node: OdkNode): void => {
    for (const child of node.currentState.children ?? []) {
      const key = keyOf(child.currentState.reference);
      if (!child.currentState.relevant && !key.endsWith('instanceID')) hidden.add(key);
      const violation = child.validationState?.violation;
      if (violation && child.currentState.relevant) violations.set(key, violation.condition);
      walk(child);
    }
  };
  walk(root);
  return { hidden, violations };
}
