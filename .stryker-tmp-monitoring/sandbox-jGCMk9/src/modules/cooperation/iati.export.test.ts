/** The IATI export validates against the official 2.03 XSD and reads back into the same projects. */
// @ts-nocheck

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/context.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { ensureTestPolicy, projectBody } from './cooperation-db.fixtures.ts';
import { iatiExportAction } from './cooperation.cli.ts';
import { projectInput } from './cooperation.schema.ts';
import { createProject } from './cooperation.service.ts';
import { exportIati } from './cooperation-analysis.service.ts';
import { iatiFile, uniqueId } from './iati.fixtures.ts';
import { importIati } from './iati.import.ts';
import { parseIati } from './iati.parse.ts';
import { validateIatiXml } from './iati.xsd.ts';

const db = await testDb();
await ensureTestPolicy(db);
const COOP: Actor = { username: 'coop-export-test', role: 'cooperation', region: null, ruc: null, userId: null };

test('veta export iati writes IATI 2.03 that the XSD accepts, and the import reads back what was registered', async () => {
  const own = projectBody({ agencyCode: 'agci', titleEs: 'Pallaqueras & seguridad <Arequipa>', descriptionEs: null, regions: ['04'], strata: ['pallaqueras'] });
  const tx = projectBody({
    agencyCode: 'koica',
    sectors: ['32220'],
    flows: [
      { kind: 'commitment', year: 2024, currency: 'KRW', amount: 5e8, valueDate: '2024-02-01', country: 'PE', sector: '32220' },
      { kind: 'disbursement', year: 2024, currency: 'KRW', amount: 1e8, valueDate: '2024-08-01', country: 'PE', sector: '32220' },
    ],
  });
  const created = [await createProject(db, COOP, projectInput.parse(own)), await createProject(db, COOP, projectInput.parse(tx))];

  const dir = mkdtempSync(path.join(tmpdir(), 'veta-iati-export-'));
  const out = path.join(dir, 'veta.xml');
  const io = { text: '', out: () => undefined, err: (t: string) => void (io.text += t) };
  expect(await iatiExportAction(db, { out }, io)).toBe(ExitCode.ok);
  const xml = readFileSync(out, 'utf8');
  expect(io.text).toMatch(/\d+ activities written/);
  expect(await validateIatiXml(xml)).toEqual([]);
  expect(xml).toContain('<iati-activities version="2.03"');
  expect(xml).toContain('Pallaqueras &amp; seguridad &lt;Arequipa&gt;');

  const back = parseIati(xml);
  expect(back.errors).toEqual([]);
  const first = back.activities.find((a) => a.input.identifier === created[0]!.identifier)!;
  expect(first.input).toMatchObject({ titleEs: own.titleEs, titleEn: own.titleEn, status: 'implementation', startDate: '2024-01-01', endDate: '2026-12-31' });
  expect(first.input).toMatchObject({
    regions: ['04'],
    strata: ['pallaqueras'],
    aspects: ['environmental', 'technical'],
    policyCodes: ['LN.01.03'],
    sectors: ['32210'],
  });
  expect(first.input.flows?.map((f) => [f.kind, f.year, f.currency, f.amount])).toEqual([
    ['budget', 2024, 'CHF', 100000],
    ['budget', 2025, 'CHF', 200000],
    ['disbursement', 2024, 'CHF', 80000],
  ]);
  // an agency without an IATI organisation identifier: Veta publishes as a secondary reporter
  expect(first.reportingOrgRef).toBe('PE-RUC-20131368829');
  const second = back.activities.find((a) => a.input.identifier === created[1]!.identifier)!;
  expect(second.reportingOrgRef).toBe('KR-GOV-010');
});

test('sectors kept at transaction level are exported on the transactions only (IATI: one or the other), and still validate', async () => {
  const id = uniqueId();
  const r = await importIati(db, COOP, iatiFile([{ id, sector: null, country: null, transactionSector: '32220', transactionCountry: 'PE' }]), {
    fileName: 'tx.xml',
  });
  expect(r).toMatchObject({ inserted: 1, errors: [] });
  const { xml } = await exportIati(db, COOP, { agency: 'giz', now: new Date('2026-01-01T00:00:00Z') });
  expect(await validateIatiXml(xml)).toEqual([]);
  const a = parseIati(xml).activities.find((x) => x.input.identifier === id)!;
  expect(a).toMatchObject({ sectorLevel: 'transaction', transactionSectors: 1, transactionCountries: 1 });
  expect(a.input.flows?.filter((f) => f.kind !== 'budget').map((f) => [f.sector, f.country])).toEqual([
    ['32220', 'PE'],
    ['32220', 'PE'],
  ]);
  // re-importing Veta's own export of an IATI activity leaves it unchanged (its version stays 1)
  expect(await importIati(db, COOP, xml, { fileName: 'again.xml' })).toMatchObject({ errors: [], inserted: 0 });
  const { rows } = await db.query<{ version: number }>(`SELECT version FROM coop_projects WHERE identifier = $1`, [id]);
  expect(rows[0]!.version).toBe(1);
});
