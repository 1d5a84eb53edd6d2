/**
 * Validation against the official IATI 2.03 activity schema (reference/iati/, from
 * IATI/IATI-Schemas) with libxml2's xmllint compiled to WebAssembly (xmllint-wasm).
 */
// @ts-nocheck

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { IatiError } from './iati.parse.ts';

export const IATI_SCHEMA_DIR = fileURLToPath(new URL('../../../reference/iati/', import.meta.url));
const FILES = ['iati-activities-schema.xsd', 'iati-common.xsd', 'xml.xsd'] as const;

let schemas: Promise<{ fileName: string; contents: string }[]> | undefined;
const loadSchemas = () =>
  (schemas ??= Promise.all(FILES.map(async (fileName) => ({ fileName, contents: await readFile(`${IATI_SCHEMA_DIR}${fileName}`, 'utf8') }))));

/** `Element 'budget', attribute 'type': …` → budget; a parser error names no element. */
function elementOf(message: string): string {
  const m = /Element '(?:\{[^}]*\})?([^']+)'/.exec(message);
  return m?.[1] ?? '';
}

/** The file's schema errors with line, element and libxml2's reason; none when it is valid. */
export async function validateIatiXml(xml: string): Promise<IatiError[]> {
  const { validateXML } = await import('xmllint-wasm');
  const [main, ...preload] = await loadSchemas();
  const result = await validateXML({
    xml: { fileName: 'activities.xml', contents: xml },
    schema: main!,
    preload,
    maxMemoryPages: 16384,
  });
  if (result.valid) return [];
  const errors = result.errors.map((e) => {
    const reason = e.message
      .replace(/^Schemas validity error : /, '')
      .replace(/^Element '[^']*'(, attribute '[^']*')?: /, (_m, a: string | undefined) => (a ? `attribute ${a.replace(/^, attribute /, '')}: ` : ''))
      .trim();
    return { line: e.loc?.lineNumber ?? 0, element: elementOf(e.message), message: reason };
  });
  return errors.length > 0 ? errors : [{ line: 0, element: '', message: result.rawOutput.trim() || 'the file does not validate against the IATI schema' }];
}
