/** IATI 2.03 activity files for tests, built from a few parameters (one line per element, so lines are predictable). */
// @ts-nocheck


export interface FixtureActivity {
  id: string;
  status?: string;
  country?: string | null;
  /** Sector at activity level (default 32210); null: none. */
  sector?: string | null;
  /** Sector and country given on the transactions instead. */
  transactionSector?: string | null;
  transactionCountry?: string | null;
  budget?: number;
  currency?: string;
  disbursement?: number;
  reportingRef?: string;
  title?: string;
  extra?: string;
}

export function activityXml(a: FixtureActivity): string {
  const country = a.country === undefined ? 'PE' : a.country;
  const sector = a.sector === undefined ? '32210' : a.sector;
  const txExtra = `${a.transactionSector ? `<sector vocabulary="1" code="${a.transactionSector}"/>` : ''}${a.transactionCountry ? `<recipient-country code="${a.transactionCountry}"/>` : ''}`;
  return [
    `  <iati-activity last-updated-datetime="2025-01-15T00:00:00Z" xml:lang="es" default-currency="${a.currency ?? 'EUR'}">`,
    `    <iati-identifier>${a.id}</iati-identifier>`,
    `    <reporting-org ref="${a.reportingRef ?? 'DE-1'}" type="10"><narrative>GIZ</narrative></reporting-org>`,
    `    <title><narrative>${a.title ?? 'Minería artesanal responsable'}</narrative><narrative xml:lang="en">Responsible artisanal mining</narrative></title>`,
    `    <description><narrative>Asistencia técnica a mineros artesanales</narrative></description>`,
    `    <participating-org ref="DE-1" role="1" type="10"><narrative>GIZ</narrative></participating-org>`,
    `    <participating-org role="4" type="22"><narrative>ONG Minería Limpia</narrative></participating-org>`,
    `    <activity-status code="${a.status ?? '2'}"/>`,
    `    <activity-date type="2" iso-date="2023-03-01"/>`,
    `    <activity-date type="3" iso-date="2026-12-31"/>`,
    country ? `    <recipient-country code="${country}" percentage="100"/>` : '',
    `    <location ref="UBIGEO-21"><name><narrative>Puno</narrative></name></location>`,
    sector ? `    <sector vocabulary="1" code="${sector}" percentage="100"/>` : '',
    `    <tag vocabulary="99" vocabulary-uri="https://veta.minem.gob.pe/vocabulary/strata" code="pma"/>`,
    `    <tag vocabulary="99" vocabulary-uri="https://veta.minem.gob.pe/vocabulary/aspects" code="environmental"/>`,
    `    <budget type="1" status="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-01-01">${a.budget ?? 100000}</value></budget>`,
    `    <transaction><transaction-type code="2"/><transaction-date iso-date="2023-03-01"/><value value-date="2023-03-01">${(a.budget ?? 100000) * 3}</value>${txExtra}</transaction>`,
    `    <transaction><transaction-type code="3"/><transaction-date iso-date="2024-06-30"/><value value-date="2024-06-30">${a.disbursement ?? 40000}</value>${txExtra}</transaction>`,
    `    <transaction><transaction-type code="1"/><transaction-date iso-date="2023-01-10"/><value value-date="2023-01-10">999</value>${txExtra}</transaction>`,
    a.extra ?? '',
    `  </iati-activity>`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function iatiFile(activities: readonly FixtureActivity[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<iati-activities version="2.03" generated-datetime="2025-01-15T00:00:00Z">',
    ...activities.map(activityXml),
    '</iati-activities>',
    '',
  ].join('\n');
}

export const uniqueId = (prefix = 'DE-1-VETA-TEST'): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
