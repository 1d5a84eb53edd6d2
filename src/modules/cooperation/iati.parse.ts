/**
 * Reads an IATI 2.0x activity file (already valid against the XSD) into Veta's project
 * inputs, with the line of each activity and element for error messages. Pure: text in,
 * activities and errors out. The IATI Standard's activity elements read here:
 * https://iatistandard.org/en/iati-standard/203/activity-standard/
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { IATI_ORG_ROLE, IATI_STATUS, IATI_TRANSACTION_KIND, type FlowKind, type PartnerRole } from './cooperation.domain.ts';
import type { ProjectInputIn } from './cooperation.schema.ts';

/** Veta's own vocabularies, written as IATI `tag` elements (vocabulary 99, reporting organisation) and read back. */
export const VETA_VOCABULARY = {
  strata: 'https://veta.minem.gob.pe/vocabulary/strata',
  aspects: 'https://veta.minem.gob.pe/vocabulary/aspects',
  policy: 'https://veta.minem.gob.pe/vocabulary/policy',
} as const;
/** A location's `ref` naming a UBIGEO code (department, province or district). */
export const UBIGEO_LOCATION_REF = /^UBIGEO-(\d{2}(?:\d{2}(?:\d{2})?)?)$/;

export interface IatiError {
  line: number;
  element: string;
  message: string;
}

export interface IatiActivity {
  line: number;
  input: ProjectInputIn;
  reportingOrgRef: string | null;
  reportingOrgName: string | null;
  /** The participating organisations' refs, funding first: candidates for the agency. */
  orgRefs: string[];
  sectorLevel: 'activity' | 'transaction' | null;
  /** Recipient countries given only on transactions. */
  transactionCountries: number;
  /** Sectors given only on transactions. */
  transactionSectors: number;
}

interface XmlNode {
  [key: string]: XmlNode[] | string | undefined;
}

/**
 * fast-xml-parser, loaded when a file is first read (its ESM build is some forty modules
 * that every server start would otherwise load); its CommonJS build is one file.
 */
let loaded: { parser: XMLParser; meta: string } | undefined;
function xmlParser(): { parser: XMLParser; meta: string } {
  if (!loaded) {
    const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    const parser = new Parser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      alwaysCreateTextNode: true,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
      captureMetaData: true,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: true,
    });
    loaded = { parser, meta: Parser.getMetaDataSymbol() as unknown as string };
  }
  return loaded;
}

const kids = (n: XmlNode | undefined, name: string): XmlNode[] => {
  const v = n?.[name];
  return Array.isArray(v) ? v : [];
};
const first = (n: XmlNode | undefined, name: string): XmlNode | undefined => kids(n, name)[0];
const attr = (n: XmlNode | undefined, name: string): string | null => {
  const v = n?.[`@${name}`];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};
const textOf = (n: XmlNode | undefined): string => {
  const v = n?.['#text'];
  return typeof v === 'string' ? v.trim() : '';
};

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The narratives of an element by language (`lang` when the narrative names none). */
function narratives(n: XmlNode | undefined, lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const nar of kids(n, 'narrative')) {
    const l = (attr(nar, 'xml:lang') ?? lang).toLowerCase().slice(0, 2);
    const t = textOf(nar);
    if (t && !out.has(l)) out.set(l, t);
  }
  return out;
}

const esEn = (m: Map<string, string>): { es: string | null; en: string | null } => {
  const es = m.get('es') ?? null;
  const en = m.get('en') ?? (es === null ? ([...m.values()][0] ?? null) : null);
  return { es, en };
};

/** Parses the file; `errors` lists what the XSD cannot check (codes, currencies, duplicates). */
export function parseIati(xml: string): { activities: IatiActivity[]; errors: IatiError[] } {
  const { parser, meta: META } = xmlParser();
  const doc = parser.parse(xml) as XmlNode;
  const lineAt = lineIndex(xml);
  const lineOf = (n: XmlNode | undefined): number => {
    const meta = n ? (n[META] as unknown as { startIndex?: number } | undefined) : undefined;
    return meta?.startIndex === undefined ? 1 : lineAt(meta.startIndex);
  };
  const errors: IatiError[] = [];
  const activities: IatiActivity[] = [];
  const seen = new Map<string, number>();
  for (const a of kids(first(doc, 'iati-activities'), 'iati-activity')) {
    const line = lineOf(a);
    const err = (n: XmlNode | undefined, element: string, message: string) => errors.push({ line: n ? lineOf(n) : line, element, message });
    const lang = attr(a, 'xml:lang') ?? 'en';
    const currency = attr(a, 'default-currency');
    const idNode = first(a, 'iati-identifier');
    const identifier = textOf(idNode);
    if (identifier.length < 3) err(idNode, 'iati-identifier', 'the iati-identifier is empty or shorter than 3 characters');
    const prior = seen.get(identifier);
    if (prior !== undefined) err(idNode, 'iati-identifier', `${identifier} is also the identifier of the activity on line ${prior}`);
    seen.set(identifier, line);

    const statusNode = first(a, 'activity-status');
    const statusCode = attr(statusNode, 'code') ?? '';
    const status = (IATI_STATUS as Record<string, (typeof IATI_STATUS)[keyof typeof IATI_STATUS]>)[statusCode];
    if (!status) err(statusNode, 'activity-status', `unknown activity status code "${statusCode}" (IATI ActivityStatus: 1 to 6)`);

    const dates = new Map<string, string>();
    for (const d of kids(a, 'activity-date')) {
      const type = attr(d, 'type');
      const iso = attr(d, 'iso-date');
      if (type && iso) dates.set(type, iso.slice(0, 10));
    }

    const partners: { role: PartnerRole; name: string; ref: string | null }[] = [];
    const orgRefs: string[] = [];
    for (const o of kids(a, 'participating-org')) {
      const role = (IATI_ORG_ROLE as Record<string, PartnerRole>)[attr(o, 'role') ?? ''];
      if (!role) {
        err(o, 'participating-org', `unknown organisation role "${attr(o, 'role') ?? ''}" (IATI OrganisationRole: 1 to 4)`);
        continue;
      }
      const ref = attr(o, 'ref');
      const name = [...narratives(o, lang).values()][0] ?? ref;
      if (name) partners.push({ role, name, ref });
      if (ref && role === 'funding') orgRefs.unshift(ref);
      else if (ref) orgRefs.push(ref);
    }
    const reporting = first(a, 'reporting-org');

    const countries = new Set(
      kids(a, 'recipient-country')
        .map((c) => (attr(c, 'code') ?? '').toUpperCase())
        .filter(Boolean),
    );
    const sectorCode = (s: XmlNode): string | null => {
      const voc = attr(s, 'vocabulary') ?? '1';
      return voc === '1' || voc === '2' ? attr(s, 'code') : null;
    };
    const sectors = new Set(
      kids(a, 'sector')
        .map(sectorCode)
        .filter((c): c is string => c !== null),
    );
    const tags = (uri: string) =>
      kids(a, 'tag')
        .filter((t) => attr(t, 'vocabulary') === '99' && attr(t, 'vocabulary-uri') === uri)
        .map((t) => attr(t, 'code') ?? '');

    const flows: NonNullable<ProjectInputIn['flows']> = [];
    const money = (parent: XmlNode, kind: FlowKind, date: string | null) => {
      const v = first(parent, 'value');
      const cur = attr(v, 'currency') ?? currency;
      const valueDate = attr(v, 'value-date');
      const when = date ?? valueDate;
      if (!cur) err(v, 'value', 'no currency: the value has no @currency and the activity no @default-currency');
      const amount = Number(textOf(v));
      if (!Number.isFinite(amount) || textOf(v) === '') err(v, 'value', `not a number: "${textOf(v)}"`);
      if (!when) err(v, 'value', 'no date for the value');
      if (!cur || !when || !Number.isFinite(amount)) return null;
      const flow = {
        kind,
        year: Number(when.slice(0, 4)),
        currency: cur.toUpperCase(),
        amount,
        valueDate: valueDate?.slice(0, 10) ?? null,
        country: null as string | null,
        sector: null as string | null,
      };
      flows.push(flow);
      return flow;
    };
    for (const b of kids(a, 'budget')) money(b, 'budget', attr(first(b, 'period-start'), 'iso-date'));
    const txCountries = new Set<string>();
    const txSectors = new Set<string>();
    for (const t of kids(a, 'transaction')) {
      const kind = IATI_TRANSACTION_KIND[attr(first(t, 'transaction-type'), 'code') ?? ''];
      if (!kind) continue;
      const flow = money(t, kind, attr(first(t, 'transaction-date'), 'iso-date'));
      if (!flow) continue;
      flow.country = attr(first(t, 'recipient-country'), 'code')?.toUpperCase() ?? null;
      const sector =
        kids(t, 'sector')
          .map(sectorCode)
          .find((c) => c !== null) ?? null;
      flow.sector = sector;
      if (flow.country) txCountries.add(flow.country);
      if (sector) txSectors.add(sector);
    }
    const onlyTxCountries = countries.size === 0 ? txCountries.size : 0;
    const onlyTxSectors = sectors.size === 0 ? txSectors.size : 0;

    const regions = kids(a, 'location')
      .map((l) => UBIGEO_LOCATION_REF.exec(attr(l, 'ref') ?? '')?.[1])
      .filter((c): c is string => c !== undefined);
    const title = esEn(narratives(first(a, 'title'), lang));
    const descriptionNode = kids(a, 'description').find((d) => (attr(d, 'type') ?? '1') === '1') ?? first(a, 'description');
    const description = esEn(narratives(descriptionNode, lang));
    if (!title.es && !title.en) err(first(a, 'title'), 'title', 'the title has no narrative text');

    activities.push({
      line,
      reportingOrgRef: attr(reporting, 'ref'),
      reportingOrgName: [...narratives(reporting, lang).values()][0] ?? null,
      orgRefs,
      sectorLevel: sectors.size > 0 ? 'activity' : txSectors.size > 0 ? 'transaction' : null,
      transactionCountries: onlyTxCountries,
      transactionSectors: onlyTxSectors,
      input: {
        identifier,
        titleEs: title.es,
        titleEn: title.en,
        descriptionEs: description.es,
        descriptionEn: description.en,
        partners,
        status: status ?? 'implementation',
        startDate: dates.get('2') ?? dates.get('1') ?? null,
        endDate: dates.get('4') ?? dates.get('3') ?? null,
        defaultCurrency: currency?.toUpperCase() ?? null,
        countries: [...(countries.size > 0 ? countries : txCountries)],
        sectors: [...(sectors.size > 0 ? sectors : txSectors)],
        regions: [...new Set(regions)],
        strata: tags(VETA_VOCABULARY.strata) as ProjectInputIn['strata'],
        aspects: tags(VETA_VOCABULARY.aspects) as ProjectInputIn['aspects'],
        policyCodes: tags(VETA_VOCABULARY.policy),
        flows,
      },
    });
  }
  return { activities, errors };
}
