import { useState } from 'react';
import type { z } from 'zod';
import * as s from '../../../src/modules/services/services.schema.ts';
import { TECHNOLOGIES } from '../../../src/modules/services/services.domain.ts';
import { qs, useApi } from '../api/client.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { fmtDate, fmtNum, peruToday } from '../i18n/format.ts';
import { useT, type Translate } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { RecordForm, type Field } from './forms.tsx';
import { rm, type RecordMessage } from './records.messages.ts';

type Row = Record<string, unknown>;

/** A kind of delivery recorded by a form and listed back: its address, schema, fields and columns. */
interface RecordKind {
  slug: string;
  title: RecordMessage;
  post: string;
  list: string;
  schema: z.ZodType;
  fields: readonly Field[];
  fixed?: Record<string, unknown>;
  columns: (t: Translate<RecordMessage>) => Column<Row>[];
}

const str = (k: string) => (r: Row) => (r[k] === null || r[k] === undefined ? '' : String(r[k]));
const num = (k: string) => (r: Row) => (typeof r[k] === 'number' ? (r[k] as number) : null);
const col = (key: string, label: string, value = str(key)): Column<Row> => ({ key, label, value });
const dateCol = (key: string, label: string): Column<Row> => ({ key, label, value: str(key), render: (r) => (r[key] ? fmtDate(String(r[key])) : '—') });
const numCol = (key: string, label: string, digits = 0): Column<Row> => ({ key, label, value: num(key), numeric: true, format: (v) => fmtNum(v, digits) });
const optCol = (key: string, label: string, t: Translate<RecordMessage>): Column<Row> => ({
  key,
  label,
  value: (r) => (r[key] ? t(`opt.${String(r[key])}` as RecordMessage) : ''),
});

const DEP: Field = { name: 'departmentCode', label: 'f.departmentCode', type: 'text', placeholder: '08' };
const BENEFICIARY: readonly Field[] = [
  { name: 'id', label: 'f.id', type: 'text', placeholder: '40123456' },
  { name: 'name', label: 'f.name', type: 'text' },
  { name: 'sex', label: 'f.sex', type: 'select', options: ['F', 'M'], optional: true },
];
const TECH = TECHNOLOGIES as readonly string[];

const deliveryColumns =
  (extra: (t: Translate<RecordMessage>) => Column<Row>[]) =>
  (t: Translate<RecordMessage>): Column<Row>[] => [
    col('reference', t('f.reference')),
    col('departmentCode', t('f.departmentCode')),
    col('name', t('f.name')),
    col('maskedId', t('f.id')),
    dateCol('requestedOn', t('f.requestedOn')),
    dateCol('deliveredOn', t('f.deliveredOn')),
    ...extra(t),
  ];

export const RECORD_KINDS: readonly RecordKind[] = [
  {
    slug: 'analisis',
    title: 'kind.lab',
    post: '/api/services/deliveries',
    list: '/api/services/deliveries?kind=lab_analysis',
    schema: s.deliveryBody,
    fixed: { kind: 'lab_analysis' },
    fields: [
      ...BENEFICIARY,
      { name: 'reference', label: 'f.reference', type: 'text' },
      DEP,
      { name: 'provider', label: 'f.provider', type: 'text', optional: true },
      { name: 'requestedOn', label: 'f.requestedOn', type: 'date' },
      { name: 'deliveredOn', label: 'f.deliveredOn', type: 'date', optional: true },
      { name: 'standardDays', label: 'f.standardDays', type: 'number' },
    ],
    columns: deliveryColumns((t) => [
      col('provider', t('f.provider')),
      numCol('standardDays', t('f.standardDays')),
      { key: 'timely', label: t('f.timely'), value: (r) => (r['timely'] === null ? '—' : t(r['timely'] ? 'yes' : 'no')) },
    ]),
  },
  {
    slug: 'fondo-minero',
    title: 'kind.fondo',
    post: '/api/services/deliveries',
    list: '/api/services/deliveries?kind=fondo_minero',
    schema: s.deliveryBody,
    fixed: { kind: 'fondo_minero' },
    fields: [
      ...BENEFICIARY,
      { name: 'reference', label: 'f.reference', type: 'text' },
      DEP,
      { name: 'requestedOn', label: 'f.requestedOn', type: 'date' },
      { name: 'deliveredOn', label: 'f.deliveredOn', type: 'date', optional: true },
      { name: 'item', label: 'f.item', type: 'text', optional: true },
      { name: 'amountPen', label: 'f.amountPen', type: 'number', optional: true },
    ],
    columns: deliveryColumns((t) => [col('item', t('f.item')), numCol('amountPen', t('f.amountPen'), 2)]),
  },
  {
    slug: 'credito',
    title: 'kind.credit',
    post: '/api/services/deliveries',
    list: '/api/services/deliveries?kind=credit',
    schema: s.deliveryBody,
    fixed: { kind: 'credit' },
    fields: [
      ...BENEFICIARY,
      { name: 'reference', label: 'f.reference', type: 'text' },
      DEP,
      { name: 'provider', label: 'f.lender', type: 'text' },
      { name: 'requestedOn', label: 'f.requestedOn', type: 'date' },
      { name: 'deliveredOn', label: 'f.grantedOn', type: 'date' },
      { name: 'amountPen', label: 'f.amountPen', type: 'number' },
    ],
    columns: deliveryColumns((t) => [col('provider', t('f.lender')), numCol('amountPen', t('f.amountPen'), 2)]),
  },
  {
    slug: 'certificaciones',
    title: 'kind.certifications',
    post: '/api/services/certifications',
    list: '/api/services/certifications',
    schema: s.certificationBody,
    fields: [
      DEP,
      { name: 'year', label: 'f.year', type: 'number' },
      { name: 'dni', label: 'f.dni', type: 'text' },
      { name: 'name', label: 'f.name', type: 'text' },
      { name: 'position', label: 'f.position', type: 'text', optional: true },
      { name: 'certifiedOn', label: 'f.certifiedOn', type: 'date', optional: true },
    ],
    columns: (t) => [
      col('departmentCode', t('f.departmentCode')),
      col('year', t('f.year')),
      col('name', t('f.name')),
      col('maskedDni', t('f.dni')),
      col('position', t('f.position')),
      { key: 'certified', label: t('f.certified'), value: (r) => t(r['certified'] ? 'yes' : 'no') },
      dateCol('certifiedOn', t('f.certifiedOn')),
    ],
  },
  {
    slug: 'capacidades',
    title: 'kind.capacities',
    post: '/api/services/regional-capacities',
    list: '/api/services/regional-capacities',
    schema: s.capacityBody,
    fields: [
      DEP,
      { name: 'capacity', label: 'f.capacity', type: 'select', options: ['zee', 'pot'] },
      { name: 'attainedOn', label: 'f.attainedOn', type: 'date' },
      { name: 'evidence', label: 'f.evidence', type: 'text' },
    ],
    columns: (t) => [
      col('departmentCode', t('f.departmentCode')),
      optCol('capacity', t('f.capacity'), t),
      dateCol('attainedOn', t('f.attainedOn')),
      col('evidence', t('f.evidence')),
    ],
  },
  {
    slug: 'salud',
    title: 'kind.health',
    post: '/api/services/health-access',
    list: '/api/services/health-access',
    schema: s.healthAccessBody,
    fields: [
      { name: 'districtCode', label: 'f.districtCode', type: 'text', placeholder: '080101' },
      { name: 'since', label: 'f.since', type: 'date' },
      { name: 'source', label: 'f.source', type: 'text' },
    ],
    columns: (t) => [
      col('districtCode', t('f.districtCode')),
      col('districtName', t('f.district')),
      dateCol('since', t('f.since')),
      col('source', t('f.source')),
    ],
  },
  {
    slug: 'fuerza-laboral',
    title: 'kind.workforce',
    post: '/api/services/workforce',
    list: '/api/services/workforce',
    schema: s.workforceBody,
    fields: [
      { name: 'ruc', label: 'f.ruc', type: 'text' },
      { name: 'year', label: 'f.year', type: 'number' },
      DEP,
      { name: 'workers', label: 'f.workers', type: 'number' },
      { name: 'hoursWorked', label: 'f.hoursWorked', type: 'number' },
    ],
    columns: (t) => [
      col('ruc', t('f.ruc')),
      col('year', t('f.year')),
      col('departmentCode', t('f.departmentCode')),
      numCol('workers', t('f.workers')),
      numCol('hoursWorked', t('f.hoursWorked')),
    ],
  },
  {
    slug: 'accidentes',
    title: 'kind.accidents',
    post: '/api/services/accidents',
    list: '/api/services/accidents',
    schema: s.accidentBody,
    fields: [
      { name: 'ruc', label: 'f.ruc', type: 'text' },
      DEP,
      { name: 'occurredOn', label: 'f.occurredOn', type: 'date' },
      { name: 'severity', label: 'f.severity', type: 'select', options: ['incapacitating', 'fatal'] },
      { name: 'workersInjured', label: 'f.workersInjured', type: 'number', optional: true },
      { name: 'daysLost', label: 'f.daysLost', type: 'number' },
      { name: 'description', label: 'f.description', type: 'textarea', optional: true },
    ],
    columns: (t) => [
      dateCol('occurredOn', t('f.occurredOn')),
      col('ruc', t('f.ruc')),
      col('departmentCode', t('f.departmentCode')),
      optCol('severity', t('f.severity'), t),
      numCol('workersInjured', t('f.workersInjured')),
      numCol('daysLost', t('f.daysLost')),
      col('description', t('f.description')),
    ],
  },
  {
    slug: 'mercurio',
    title: 'kind.mercury',
    post: '/api/services/mercury',
    list: '/api/services/mercury/uses',
    schema: s.mercuryBody,
    fields: [
      { name: 'ruc', label: 'f.ruc', type: 'text' },
      { name: 'year', label: 'f.year', type: 'number' },
      DEP,
      { name: 'technology', label: 'f.technology', type: 'select', options: TECH },
      { name: 'mercuryBoughtKg', label: 'f.mercuryBoughtKg', type: 'number', optional: true },
      { name: 'mercuryUsedKg', label: 'f.mercuryUsedKg', type: 'number' },
      { name: 'goldG', label: 'f.goldG', type: 'number' },
    ],
    columns: (t) => [
      col('ruc', t('f.ruc')),
      col('name', t('f.org')),
      col('year', t('f.year')),
      col('departmentCode', t('f.departmentCode')),
      optCol('technology', t('f.technology'), t),
      numCol('mercuryBoughtKg', t('f.mercuryBoughtKg'), 3),
      numCol('mercuryUsedKg', t('f.mercuryUsedKg'), 3),
      numCol('goldG', t('f.goldG'), 3),
    ],
  },
  {
    slug: 'transiciones',
    title: 'kind.transitions',
    post: '/api/services/mercury/transitions',
    list: '/api/services/mercury/transitions',
    schema: s.transitionBody,
    fields: [
      { name: 'ruc', label: 'f.ruc', type: 'text' },
      DEP,
      { name: 'transitionOn', label: 'f.transitionOn', type: 'date' },
      { name: 'fromTechnology', label: 'f.fromTechnology', type: 'select', options: TECH },
      { name: 'toTechnology', label: 'f.toTechnology', type: 'select', options: TECH },
      { name: 'note', label: 'f.note', type: 'textarea', optional: true },
    ],
    columns: (t) => [
      dateCol('transitionOn', t('f.transitionOn')),
      col('ruc', t('f.ruc')),
      col('name', t('f.org')),
      col('departmentCode', t('f.departmentCode')),
      optCol('fromTechnology', t('f.fromTechnology'), t),
      optCol('toTechnology', t('f.toTechnology'), t),
      col('note', t('f.note')),
    ],
  },
];

/** The filters of a list page (region and year), in the address. */
export function RecordFilters({ query, idPrefix }: { query: URLSearchParams; idPrefix: string }) {
  const t = useT(rm);
  return (
    <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${idPrefix}-fdep`}>{t('filterDepartment')}</label>
        <input id={`${idPrefix}-fdep`} value={query.get('department') ?? ''} pattern="\d{2}" onChange={(e) => setQuery({ department: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-fyear`}>{t('filterYear')}</label>
        <input
          id={`${idPrefix}-fyear`}
          type="number"
          min={2000}
          max={2200}
          value={query.get('year') ?? ''}
          onChange={(e) => setQuery({ year: e.target.value })}
        />
      </div>
    </form>
  );
}

/** A list address with more query parameters (empty ones left out). */
export function listUrl(base: string, params: Record<string, string | number | null>): string {
  const extra = qs(params);
  return extra === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${extra.slice(1)}`;
}

export const filtersOf = (query: URLSearchParams) => ({
  department: /^\d{2}$/.test(query.get('department') ?? '') ? query.get('department') : null,
  year: /^\d{4}$/.test(query.get('year') ?? '') ? query.get('year') : null,
});

/** Records of one kind: the form that records one, and the list of those recorded. */
export function RecordsPage({ slug, query }: { slug: string; query: URLSearchParams }) {
  const t = useT(rm);
  const { me } = useSession();
  const kind = RECORD_KINDS.find((k) => k.slug === slug);
  const [saved, setSaved] = useState(0);
  const f = filtersOf(query);
  const list = useApi<Row[]>(kind ? listUrl(kind.list, { ...f, v: saved }) : null);
  if (!kind) return <RecordsIndex />;
  const initial: Record<string, string> = {};
  if (me?.region && kind.fields.some((x) => x.name === 'departmentCode')) initial['departmentCode'] = me.region;
  if (kind.fields.some((x) => x.name === 'year')) initial['year'] = peruToday().slice(0, 4);
  return (
    <>
      <PageHeader title={t(kind.title)} subtitle={<Link to="/servicios/registros">{t('records')}</Link>} />
      <RecordForm
        key={kind.slug}
        idPrefix={`rec-${kind.slug}`}
        fields={kind.fields}
        schema={kind.schema}
        action={kind.post}
        initial={initial}
        {...(kind.fixed ? { fixed: kind.fixed } : {})}
        onSaved={() => setSaved((n) => n + 1)}
      />
      {saved > 0 && (
        <p className="state" role="status">
          {t('saved')}
        </p>
      )}
      <h2>{t('list')}</h2>
      <RecordFilters query={query} idPrefix={`rec-${kind.slug}`} />
      <Async state={list}>
        {(rows) =>
          rows.length === 0 ? <p className="state">{t('none')}</p> : <DataTable columns={kind.columns(t)} rows={rows} csvName={`servicios-${kind.slug}`} />
        }
      </Async>
    </>
  );
}

/** Every kind of record of the services area. */
export function RecordsIndex() {
  const t = useT(rm);
  const pages: [string, RecordMessage][] = [
    ['/servicios/eventos', 'kind.events'],
    ...RECORD_KINDS.map((k): [string, RecordMessage] => [`/servicios/registros/${k.slug}`, k.title]),
    ['/servicios/mesas', 'kind.dialogues'],
    ['/servicios/revisiones', 'kind.reviews'],
    ['/servicios/mercurio', 'kind.mercuryReport'],
  ];
  return (
    <>
      <PageHeader title={t('records')} subtitle={t('records.subtitle')} />
      <ul className="link-list">
        {pages.map(([to, label]) => (
          <li key={to}>
            <Link to={to}>{t(label)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
