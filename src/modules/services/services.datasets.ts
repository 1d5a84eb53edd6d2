/**
 * The services module's open dataset: what the national policy's services delivered, by
 * service, region, year and sex — counts only (events, beneficiaries, who attended, who
 * came out "con capacidades", deliveries made), never a beneficiary's name, DNI or RUC.
 */
import { oneBatch, t, type DatasetDefinition } from '../../platform/datasets.ts';
import { DELIVERY_KINDS, EVENT_KINDS } from './services.domain.ts';

interface Row {
  service_code: string;
  kind: string;
  department_code: string;
  year: number;
  sex: string | null;
  events: number | null;
  beneficiaries: number;
  attended: number | null;
  with_capacities: number | null;
  delivered: number | null;
  amount_pen: string | null;
}

const servicesDelivered: DatasetDefinition = {
  id: 'servicios-entregados',
  theme: 'services',
  title: t('Servicios de la política entregados por región, año y sexo', "The policy's services delivered by region, year and sex"),
  description: t(
    'Lo que entregaron los servicios de la Política Nacional Multisectorial para la Pequeña Minería y Minería Artesanal (SS.*): capacitaciones, asistencia técnica, asesoría laboral y empresarial (eventos, participantes, asistentes y con capacidades) y análisis de laboratorio, Fondo Minero y crédito formal (solicitudes, entregas y monto). Una fila por servicio, tipo, departamento, año y sexo del beneficiario. Solo conteos: ningún dato de las personas.',
    "What the services of the National Multisectoral Policy for Small-scale and Artisanal Mining (SS.*) delivered: trainings, technical assistance, labour and business advice (events, participants, attendance and 'con capacidades') and laboratory analyses, Fondo Minero and formal credit (requests, deliveries and amount). One row per service, kind, department, year and beneficiary's sex. Counts only: no personal data.",
  ),
  keywords: {
    es: ['servicios', 'capacitación', 'asistencia técnica', 'política nacional', 'género'],
    en: ['services', 'training', 'technical assistance', 'national policy', 'gender'],
  },
  frequency: 'continuous',
  filters: ['region', 'year'],
  temporalField: 'year',
  regionField: 'department_code',
  fields: [
    { name: 'service_code', type: 'string', description: t('Código del servicio de la política (SS.xx.xx.xx)', 'Policy service code (SS.xx.xx.xx)') },
    {
      name: 'kind',
      type: 'string',
      allowedValues: [...EVENT_KINDS, ...DELIVERY_KINDS],
      description: t(
        'Tipo de entrega: capacitación, asistencia técnica, asesoría laboral o empresarial (eventos); análisis de laboratorio, Fondo Minero o crédito (entregas a un beneficiario)',
        'Kind of delivery: training, technical assistance, labour or business advice (events); laboratory analysis, Fondo Minero or credit (deliveries to a beneficiary)',
      ),
    },
    { name: 'department_code', type: 'string', description: t('Código UBIGEO INEI del departamento (2 dígitos)', 'INEI UBIGEO department code (2 digits)') },
    { name: 'year', type: 'integer', description: t('Año del evento o de la solicitud', 'Year of the event or of the request') },
    {
      name: 'sex',
      type: 'string',
      allowedValues: ['F', 'M'],
      nullable: true,
      description: t('Sexo del beneficiario; vacío: no registrado (o una organización)', "Beneficiary's sex; empty: not recorded (or an organization)"),
    },
    {
      name: 'events',
      type: 'integer',
      unit: 'eventos',
      nullable: true,
      description: t(
        'Eventos con al menos un participante de ese sexo; vacío en las entregas',
        'Events with at least one participant of that sex; empty for deliveries',
      ),
    },
    {
      name: 'beneficiaries',
      type: 'integer',
      unit: 'beneficiarios',
      description: t('Beneficiarios distintos (participantes inscritos o solicitantes)', 'Distinct beneficiaries (enrolled participants or applicants)'),
    },
    {
      name: 'attended',
      type: 'integer',
      unit: 'personas',
      nullable: true,
      description: t('Participantes que asistieron; vacío en las entregas', 'Participants who attended; empty for deliveries'),
    },
    {
      name: 'with_capacities',
      type: 'integer',
      unit: 'personas',
      nullable: true,
      description: t('Participantes aprobados ("con capacidades"); vacío en las entregas', 'Participants who passed ("con capacidades"); empty for deliveries'),
    },
    {
      name: 'delivered',
      type: 'integer',
      unit: 'entregas',
      nullable: true,
      description: t('Entregas realizadas; vacío en los eventos', 'Deliveries made; empty for events'),
    },
    {
      name: 'amount_pen',
      type: 'number',
      unit: 'PEN',
      nullable: true,
      description: t('Monto entregado en soles (Fondo Minero, crédito); vacío: sin monto', 'Amount delivered in soles (Fondo Minero, credit); empty: none'),
    },
  ],
  rows: (q, f) =>
    oneBatch(async () => {
      const { rows } = await q.query<Row>(
        `SELECT e.service_code, e.kind, e.department_code::text AS department_code, extract(year FROM e.event_date)::int AS year, p.sex::text AS sex,
                count(DISTINCT e.id)::int AS events, count(DISTINCT p.beneficiary_ruc)::int AS beneficiaries,
                count(*) FILTER (WHERE p.attended)::int AS attended, count(*) FILTER (WHERE p.passed)::int AS with_capacities,
                NULL::int AS delivered, NULL::text AS amount_pen
         FROM service_events e JOIN service_participants p ON p.event_id = e.id
         WHERE ($1::text IS NULL OR e.department_code = $1) AND ($2::int IS NULL OR extract(year FROM e.event_date)::int = $2)
         GROUP BY 1, 2, 3, 4, 5
         UNION ALL
         SELECT d.service_code, d.kind, d.department_code::text, extract(year FROM d.requested_on)::int, d.sex::text,
                NULL, count(DISTINCT d.beneficiary_ruc)::int, NULL, NULL,
                count(*) FILTER (WHERE d.delivered_on IS NOT NULL)::int, sum(d.amount_pen)::text
         FROM service_deliveries d
         WHERE ($1::text IS NULL OR d.department_code = $1) AND ($2::int IS NULL OR extract(year FROM d.requested_on)::int = $2)
         GROUP BY 1, 2, 3, 4, 5
         ORDER BY 1, 2, 3, 4, 5 NULLS LAST`,
        [f.region, f.year],
      );
      return rows.map((r) => ({
        values: {
          service_code: r.service_code,
          kind: r.kind,
          department_code: r.department_code,
          year: Number(r.year),
          sex: r.sex,
          events: r.events === null ? null : Number(r.events),
          beneficiaries: Number(r.beneficiaries),
          attended: r.attended === null ? null : Number(r.attended),
          with_capacities: r.with_capacities === null ? null : Number(r.with_capacities),
          delivered: r.delivered === null ? null : Number(r.delivered),
          amount_pen: r.amount_pen === null ? null : Number(r.amount_pen),
        },
      }));
    }),
};

export const servicesDatasets: readonly DatasetDefinition[] = [servicesDelivered];
