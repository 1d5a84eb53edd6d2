// @ts-nocheck
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { iatiImportAction, type CliIo } from './cooperation.cli.ts';
import * as q from './cooperation.queries.ts';
import { ensureTestPolicy } from './cooperation-db.fixtures.ts';
import { projectInput } from './cooperation.schema.ts';
import { updateProject } from './cooperation.service.ts';
import { iatiFile, uniqueId } from './iati.fixtures.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'veta-iati-'));

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function runImport(xml: string, o: { country?: string } = {}) {
  const file = path.join(dir, `${uniqueId('f')}.xml`);
  writeFileSync(file, xml);
  const db = await testDb();
  const io = capture();
  const code = await iatiImportAction(db, file, { ...o, json: true }, io);
  return { code, out: JSON.parse(io.stdout) as Record<string, unknown> & { errors: { line: number; element: string; message: string }[] }, stderr: io.stderr };
}

async function stored(identifier: string) {
  const db = await testDb();
  const heads = await q.projectHeads(db, [identifier]);
  const head = heads.get(identifier);
  return head ? { head, row: await q.projectById(db, head.id), versions: await q.projectVersions(db, head.id) } : null;
}

describe('veta import iati', () => {
  test('stores a valid file, reading activity- and transaction-level countries and sectors; --country PE keeps only Peru', async () => {
    const [pe, tx, bo] = [uniqueId(), uniqueId(), uniqueId()];
    const xml = iatiFile([
      { id: pe, budget: 120000 },
      { id: tx, country: null, sector: null, transactionCountry: 'PE', transactionSector: '32220' },
      { id: bo, country: 'BO' },
    ]);
    const r = await runImport(xml, { country: 'PE' });
    expect(r.code).toBe(ExitCode.ok);
    expect(Object.keys(r.out)).toEqual(['activities', 'inserted', 'updated', 'unchanged', 'errors']);
    expect(r.out).toMatchObject({ activities: 3, inserted: 2, updated: 0, unchanged: 0, errors: [] });
    expect(r.stderr).toContain('1 not for PE');
    expect(r.stderr).toContain('sectors given at transaction level in 1, countries in 1');
    expect(await stored(bo)).toBeNull();

    const a = (await stored(pe))!.row!;
    expect(a).toMatchObject({ source: 'iati', agencyCode: 'giz', status: 'implementation', startDate: '2023-03-01', endDate: '2026-12-31' });
    expect(a).toMatchObject({ titleEs: 'Minería artesanal responsable', titleEn: 'Responsible artisanal mining', countries: ['PE'], sectors: ['32210'] });
    expect(a).toMatchObject({ sectorLevel: 'activity', regions: ['21'], strata: ['pma'], aspects: ['environmental'], defaultCurrency: 'EUR' });
    expect(a.partners).toEqual([
      { role: 'funding', name: 'GIZ', ref: 'DE-1' },
      { role: 'implementing', name: 'ONG Minería Limpia', ref: null },
    ]);
    // budget, commitment, disbursement; the incoming-funds transaction (type 1) is not the project's spending
    expect(a.flows.map((f) => [f.kind, f.year, f.currency, f.amount])).toEqual([
      ['budget', 2024, 'EUR', 120000],
      ['commitment', 2023, 'EUR', 360000],
      ['disbursement', 2024, 'EUR', 40000],
    ]);

    const t = (await stored(tx))!.row!;
    expect(t).toMatchObject({ countries: ['PE'], sectors: ['32220'], sectorLevel: 'transaction' });
    expect(t.flows.filter((f) => f.kind !== 'budget').map((f) => [f.country, f.sector])).toEqual([
      ['PE', '32220'],
      ['PE', '32220'],
    ]);
  });

  test('without --country every valid activity is kept', async () => {
    const bo = uniqueId();
    const r = await runImport(iatiFile([{ id: bo, country: 'BO' }]));
    expect(r.out).toMatchObject({ activities: 1, inserted: 1 });
    expect((await stored(bo))!.row!.countries).toEqual(['BO']);
  });

  test('a re-published file is unchanged; a changed activity is an update with a version in its history', async () => {
    const [a, b] = [uniqueId(), uniqueId()];
    const first = iatiFile([{ id: a }, { id: b }]);
    expect((await runImport(first)).out).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect((await runImport(first)).out).toMatchObject({ activities: 2, inserted: 0, updated: 0, unchanged: 2 });
    // the same activities in another order (other lines) are the same content
    expect((await runImport(iatiFile([{ id: b }, { id: a }]))).out).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = iatiFile([{ id: a }, { id: b, budget: 250000, status: '3' }]);
    expect((await runImport(changed)).out).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const s = (await stored(b))!;
    expect(s.row).toMatchObject({ version: 2, status: 'finalisation' });
    expect(s.row!.flows[0]).toMatchObject({ kind: 'budget', amount: 250000 });
    expect(s.versions.map((v) => [v.version, v.source])).toEqual([
      [1, 'iati_import'],
      [2, 'iati_import'],
    ]);
    const v1 = s.versions[0]!.snapshot as { input: { flows: { amount: number }[]; status: string } };
    expect(v1.input).toMatchObject({ status: 'implementation' });
    expect(v1.input.flows[0]!.amount).toBe(100000);
    expect((await stored(a))!.row!.version).toBe(1);
  });

  test('a file that breaks the XSD is refused whole with line, element and reason', async () => {
    const good = uniqueId();
    const xml = iatiFile([{ id: good }, { id: uniqueId(), extra: '    <budget type="1"><value value-date="2024-01-01">5</value></budget>' }]);
    const line = xml.split('\n').findIndex((l) => l.includes('<budget type="1"><value')) + 1;
    const r = await runImport(xml);
    expect(r.code).toBe(ExitCode.rejected);
    expect(r.out).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(r.out.errors.length).toBeGreaterThan(0);
    expect(r.out.errors[0]).toMatchObject({ line, element: expect.stringMatching(/^(budget|value)$/) });
    expect(r.out.errors[0]!.message).toMatch(/not expected|Expected/);
    expect(await stored(good)).toBeNull();
  });

  test('a malformed file is refused with the parser line', async () => {
    const r = await runImport('<?xml version="1.0"?>\n<iati-activities version="2.03">\n  <iati-activity>\n</iati-activities>\n');
    expect(r.code).toBe(ExitCode.rejected);
    expect(r.out.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  test('what the XSD cannot check is refused too: unknown status code, no currency, a stratum Veta does not know, duplicates', async () => {
    const [a, b] = [uniqueId(), uniqueId()];
    const xml = iatiFile([{ id: a, status: '9' }, { id: a }, { id: b }]);
    const withBadStratum = xml.split('\n');
    const bLine = withBadStratum.findIndex((l) => l.includes(b)); // the activity's line (0-based: the line before the identifier)
    const tagLine = withBadStratum.findIndex((l, i) => i > bLine && l.includes('vocabulary/strata'));
    withBadStratum[tagLine] = withBadStratum[tagLine]!.replace('code="pma"', 'code="gold_barons"');
    const r = await runImport(withBadStratum.join('\n'));
    expect(r.code).toBe(ExitCode.rejected);
    const lines = withBadStratum;
    const statusLine = lines.findIndex((l) => l.includes('<activity-status code="9"/>')) + 1;
    const dupLine = lines.findIndex((l, i) => l.includes(`<iati-identifier>${a}`) && i > statusLine) + 1;
    expect(r.out.errors).toEqual(
      expect.arrayContaining([
        { line: statusLine, element: 'activity-status', message: expect.stringContaining('"9"') },
        { line: dupLine, element: 'iati-identifier', message: expect.stringContaining('also the identifier') },
        { line: bLine, element: 'tag', message: expect.stringContaining('strata') },
      ]),
    );
    expect(await stored(a)).toBeNull();
  });

  test('a value without currency (no @currency, no default) is refused with its line', async () => {
    const id = uniqueId();
    const xml = iatiFile([{ id }]).replace(' default-currency="EUR"', '');
    const lines = xml.split('\n');
    const r = await runImport(xml);
    expect(r.code).toBe(ExitCode.rejected);
    const budgetLine = lines.findIndex((l) => l.includes('<budget ')) + 1;
    expect(r.out.errors[0]).toEqual({ line: budgetLine, element: 'value', message: expect.stringContaining('no currency') });
    expect(await stored(id)).toBeNull();
  });

  test('an unknown region or policy code refers the activity line', async () => {
    const id = uniqueId();
    const xml = iatiFile([{ id, extra: '' }]).replace('UBIGEO-21', 'UBIGEO-99');
    const r = await runImport(xml);
    expect(r.code).toBe(ExitCode.rejected);
    expect(r.out.errors[0]).toMatchObject({ line: 3, element: 'location', message: expect.stringContaining('99') });
  });

  test('what the cooperation unit added to an imported activity (strata, aspects, policy codes, regions) survives the publisher’s next file', async () => {
    const db = await testDb();
    await ensureTestPolicy(db);
    const id = uniqueId();
    const bare = (budget: number) =>
      iatiFile([{ id, budget }])
        .split('\n')
        .filter((l) => !l.includes('vocabulary-uri') && !l.includes('<location'))
        .join('\n');
    expect((await runImport(bare(1000))).out).toMatchObject({ inserted: 1 });
    const s1 = (await stored(id))!;
    expect(s1.row).toMatchObject({ strata: [], aspects: [], regions: [] });
    const coop = { username: 'coop-merge-test', role: 'cooperation' as const, region: null, ruc: null, userId: null };
    const { flows: _f, ...row } = s1.row!;
    const input = projectInput.parse({
      ...row,
      agencyCode: row.agencyCode,
      flows: s1.row!.flows,
      strata: ['pallaqueras'],
      aspects: ['health_safety'],
      regions: ['21'],
      policyCodes: ['LN.01.03'],
    });
    await updateProject(db, coop, s1.head.id, input);
    expect((await runImport(bare(1000))).out).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await runImport(bare(2000))).out).toMatchObject({ updated: 1 });
    const s3 = (await stored(id))!;
    expect(s3.row).toMatchObject({ version: 3, strata: ['pallaqueras'], aspects: ['health_safety'], regions: ['21'], policyCodes: ['LN.01.03'] });
    expect(s3.row!.flows[0]).toMatchObject({ kind: 'budget', amount: 2000 });
  });
});
