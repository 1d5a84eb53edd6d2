/**
 * `veta import iati FILE.xml`: an IATI activity file is validated against the official
 * XSD, then read; any error refuses the whole file (nothing written) with its line,
 * element and reason. A valid file's activities are stored or updated by iati-identifier
 * in one transaction, idempotently: an activity published again unchanged is `unchanged`,
 * a changed one is an update with a new version in the project's history. Regions, strata,
 * aspects and policy codes that the file does not give (other publishers do not use Veta's
 * vocabularies) keep what the cooperation unit recorded for the project.
 */
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import * as q from './cooperation.queries.ts';
import { projectInput } from './cooperation.schema.ts';
import { referenceErrors, storeItems, type StoreItem } from './cooperation.service.ts';
import { parseIati, type IatiError } from './iati.parse.ts';
import { validateIatiXml } from './iati.xsd.ts';

export interface IatiImportResult {
  /** Activities in the file. */
  activities: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: IatiError[];
  /** Activities left out by `country` (not for that recipient country). */
  skippedByCountry: number;
  /** Kept activities whose sectors, or recipient countries, are given only on their transactions. */
  transactionLevel: { sectors: number; countries: number };
}

export interface IatiImportOptions {
  /** ISO 3166-1 alpha-2: keep only activities for this recipient country (activity or transaction level). */
  country?: string | undefined;
  fileName: string;
}

const ELEMENT_OF: Record<string, string> = {
  identifier: 'iati-identifier',
  titleEs: 'title',
  titleEn: 'title',
  descriptionEs: 'description',
  descriptionEn: 'description',
  status: 'activity-status',
  startDate: 'activity-date',
  endDate: 'activity-date',
  defaultCurrency: 'iati-activity',
  countries: 'recipient-country',
  sectors: 'sector',
  regions: 'location',
  strata: 'tag',
  aspects: 'tag',
  policyCodes: 'tag',
  partners: 'participating-org',
  agencyCode: 'reporting-org',
};

const empty = (activities: number, errors: IatiError[]): IatiImportResult => ({
  activities,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  errors,
  skippedByCountry: 0,
  transactionLevel: { sectors: 0, countries: 0 },
});

export async function importIati(db: Database, actor: Actor, xml: string, o: IatiImportOptions): Promise<IatiImportResult> {
  const schemaErrors = await validateIatiXml(xml);
  if (schemaErrors.length > 0) return empty(0, schemaErrors);
  const parsed = parseIati(xml);
  const country = o.country?.toUpperCase();
  const kept = parsed.activities.filter((a) => !country || a.input.countries?.includes(country) || a.input.flows?.some((f) => f.country === country));

  return withActor(db, actor, async (tx) => {
    const agencyByRef = new Map((await q.agencies(tx)).filter((a) => a.iatiOrgId).map((a) => [a.iatiOrgId!, a.code]));
    const errors: IatiError[] = [...parsed.errors];
    const items: (StoreItem & { line: number })[] = [];
    for (const a of kept) {
      const agencyCode = [a.reportingOrgRef, ...a.orgRefs].map((r) => (r ? agencyByRef.get(r) : undefined)).find((c) => c !== undefined) ?? null;
      const checked = projectInput.safeParse({ ...a.input, agencyCode });
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const field = String(issue.path[0] ?? '');
          const element =
            field === 'flows' ? (a.input.flows?.[Number(issue.path[1])]?.kind === 'budget' ? 'budget' : 'transaction') : (ELEMENT_OF[field] ?? 'iati-activity');
          errors.push({ line: a.line, element, message: `${issue.path.join('.') || 'activity'}: ${issue.message}` });
        }
        continue;
      }
      items.push({
        line: a.line,
        input: checked.data,
        source: 'iati',
        reportingOrgRef: a.reportingOrgRef,
        reportingOrgName: a.reportingOrgName,
        sectorLevel: a.sectorLevel,
      });
    }
    for (const r of await referenceErrors(tx, items)) {
      const item = items[r.index]!;
      errors.push({ line: item.line, element: ELEMENT_OF[r.error.path] ?? 'iati-activity', message: `${item.input.identifier}: ${r.error.message}` });
    }
    if (errors.length > 0)
      return empty(
        parsed.activities.length,
        errors.sort((x, y) => x.line - y.line),
      );

    // A publisher's file rarely carries Veta's classification: what the cooperation unit added stays
    const stored = await q.classifications(
      tx,
      items.map((i) => i.input.identifier),
    );
    for (const item of items) {
      const had = stored.get(item.input.identifier);
      if (!had) continue;
      const tagged = item.input.strata.length + item.input.aspects.length + item.input.policyCodes.length > 0;
      if (!tagged) item.input = { ...item.input, strata: had.strata, aspects: had.aspects, policyCodes: had.policyCodes };
      if (item.input.regions.length === 0) item.input = { ...item.input, regions: had.regions };
    }
    const outcomes = await storeItems(tx, actor, items, 'iati_import');
    const count = (k: string) => outcomes.filter((r) => r.outcome === k).length;
    const result: IatiImportResult = {
      activities: parsed.activities.length,
      inserted: count('inserted'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      errors: [],
      skippedByCountry: parsed.activities.length - kept.length,
      transactionLevel: { sectors: kept.filter((a) => a.transactionSectors > 0).length, countries: kept.filter((a) => a.transactionCountries > 0).length },
    };
    if (result.inserted + result.updated > 0) {
      await appendAudit(tx, actor, {
        action: 'coop.iati.import',
        entity: 'iati_file',
        entityId: o.fileName,
        after: {
          ...result,
          changed: items.filter((_, i) => outcomes[i]!.outcome !== 'unchanged').map((i) => i.input.identifier),
        },
      });
    }
    return result;
  });
}
