/**
 * The MPE baseline form (línea de base de la pequeña minería y minería artesanal), in
 * Spanish and English, as XLSForm rows: the source `reference/forms/mpe-linea-base.xlsx`
 * is written from (`npx tsx src/modules/surveys/baseline-form.build.ts`; a test checks the
 * workbook matches). Seed 004 asks for it: household and workers by sex and age, women's
 * roles (pallaqueras, owners, workers), children under 18 working and their tasks, mercury
 * use and processing method, water and deforestation, accidents, income, formalization
 * status (REINFO, expediente stage) and organization.
 */
// @ts-nocheck

import { DEPARTMENT_CHOICES } from './baseline-departments.ts';

export const BASELINE_VERSION = '2026120201';
const ES = 'Español (es)';
const EN = 'English (en)';

export const SURVEY_HEADER = [
  'type',
  'name',
  `label::${ES}`,
  `label::${EN}`,
  `hint::${ES}`,
  `hint::${EN}`,
  'required',
  'constraint',
  `constraint_message::${ES}`,
  `constraint_message::${EN}`,
  'relevant',
  'calculation',
  'appearance',
] as const;

type R = [
  type: string,
  name: string,
  es?: string,
  en?: string,
  hintEs?: string,
  hintEn?: string,
  required?: string,
  constraint?: string,
  msgEs?: string,
  msgEn?: string,
  relevant?: string,
  calculation?: string,
  appearance?: string,
];

const AGE_MSG = ['La persona entrevistada debe tener entre 18 y 100 años', 'The respondent must be 18 to 100 years old'] as const;
const COUNT = '. >= 0 and . <= 5000';
const COUNT_MSG = ['Un número entre 0 y 5000', 'A number from 0 to 5000'] as const;

// prettier-ignore
export const SURVEY_ROWS: R[] = [
  ['start', 'start'],
  ['end', 'end'],
  ['today', 'today'],
  ['begin_group', 'place', 'Ubicación', 'Location'],
  ['select_one departments', 'department', 'Departamento', 'Department', '', '', 'yes'],
  ['text', 'district', 'Distrito', 'District', '', '', 'yes', 'string-length(.) >= 3', 'Escriba el nombre del distrito', 'Write the district name'],
  ['geopoint', 'location', 'Ubicación de la unidad minera', 'Location of the mining unit', 'Tome el punto en el frente de trabajo', 'Take the point at the mining front'],
  ['end_group', ''],
  ['begin_group', 'respondent', 'Persona entrevistada', 'Respondent'],
  ['select_one sex', 'respondent_sex', 'Sexo', 'Sex', '', '', 'yes'],
  ['integer', 'respondent_age', 'Edad (años cumplidos)', 'Age (years)', '', '', 'yes', '. >= 18 and . <= 100', ...AGE_MSG],
  ['select_one role', 'respondent_role', 'Rol en la unidad minera', 'Role in the mining unit', '', '', 'yes'],
  ['integer', 'household_size', 'Personas en el hogar', 'People in the household', '', '', 'yes', '. >= 1 and . <= 30', 'Entre 1 y 30 personas', 'From 1 to 30 people'],
  ['end_group', ''],
  ['begin_group', 'mining', 'Actividad minera y formalización', 'Mining activity and formalization'],
  ['select_one stratum', 'stratum', 'Estrato', 'Stratum', 'Según la Ley 27651', 'As Law 27651 defines it', 'yes'],
  ['select_one yes_no', 'reinfo', '¿La unidad está inscrita en el REINFO?', 'Is the unit registered in REINFO?', '', '', 'yes'],
  ['select_one stage', 'expediente_stage', 'Etapa del expediente de formalización', 'Stage of the formalization file', '', '', 'yes', '', '', '', "${reinfo} = 'yes'"],
  ['select_one organization', 'organization', 'Organización a la que pertenece', 'Organization it belongs to', '', '', 'yes'],
  ['select_one method', 'processing_method', 'Método principal de beneficio', 'Main processing method', '', '', 'yes'],
  ['select_one yes_no', 'uses_mercury', '¿Usa mercurio?', 'Does it use mercury?', '', '', 'yes', "not(. = 'no' and ${processing_method} = 'amalgamation')", 'La amalgamación usa mercurio', 'Amalgamation uses mercury'],
  ['decimal', 'mercury_kg_month', 'Mercurio usado al mes (kg)', 'Mercury used per month (kg)', '', '', 'yes', '. > 0 and . <= 500', 'Entre 0 y 500 kg', 'From 0 to 500 kg', "${uses_mercury} = 'yes'"],
  ['select_one yes_no', 'water_discharge', '¿Vierte efluentes a ríos o quebradas?', 'Does it discharge effluents into rivers or streams?', '', '', 'yes'],
  ['select_one yes_no', 'deforestation', '¿Ha desboscado para la actividad?', 'Has it cleared forest for the activity?', '', '', 'yes'],
  ['decimal', 'deforested_ha', 'Superficie desboscada (ha)', 'Area cleared (ha)', '', '', 'yes', '. > 0 and . <= 10000', 'Entre 0 y 10 000 ha', 'From 0 to 10,000 ha', "${deforestation} = 'yes'"],
  ['end_group', ''],
  ['begin_group', 'workforce', 'Trabajadores de la unidad', 'Workers of the unit'],
  ['integer', 'workers_men', 'Hombres que trabajan en la unidad', 'Men working in the unit', '', '', 'yes', COUNT, ...COUNT_MSG],
  ['integer', 'workers_women', 'Mujeres que trabajan en la unidad', 'Women working in the unit', '', '', 'yes', COUNT, ...COUNT_MSG],
  ['calculate', 'workers_total', '', '', '', '', '', '', '', '', '', '${workers_men} + ${workers_women}'],
  ['integer', 'pallaqueras', 'De ellas, pallaqueras', 'Of them, pallaqueras (ore sorters)', '', '', 'yes', '. >= 0 and . <= ${workers_women}', 'No puede superar el número de mujeres', 'Cannot exceed the number of women', '${workers_women} > 0'],
  ['select_multiple women_roles', 'women_roles', 'Roles de las mujeres', "Women's roles", 'Marque todos los que correspondan', 'Select all that apply', 'yes', '', '', '', '${workers_women} > 0'],
  ['end_group', ''],
  ['begin_group', 'children_group', 'Niñas, niños y adolescentes', 'Children and adolescents'],
  ['select_one yes_no', 'children_work', '¿Trabajan menores de 18 años en la unidad?', 'Do children under 18 work in the unit?', '', '', 'yes'],
  ['begin_repeat', 'child', 'Menor que trabaja', 'Working child', '', '', '', '', '', '', "${children_work} = 'yes'"],
  ['select_one sex', 'child_sex', 'Sexo', 'Sex', '', '', 'yes'],
  ['integer', 'child_age', 'Edad', 'Age', '', '', 'yes', '. >= 5 and . < 18', 'Entre 5 y 17 años', 'From 5 to 17 years'],
  ['select_multiple child_tasks', 'child_tasks', 'Tareas que realiza', 'Tasks performed', '', '', 'yes'],
  ['end_repeat', ''],
  ['end_group', ''],
  ['begin_group', 'safety', 'Seguridad', 'Safety'],
  ['select_one yes_no', 'accidents', '¿Hubo accidentes en los últimos 12 meses?', 'Were there accidents in the last 12 months?', '', '', 'yes'],
  ['integer', 'accidents_count', 'Número de accidentes', 'Number of accidents', '', '', 'yes', '. >= 1 and . <= 100', 'Entre 1 y 100', 'From 1 to 100', "${accidents} = 'yes'"],
  ['select_one yes_no', 'accidents_fatal', '¿Alguno fue mortal?', 'Was any fatal?', '', '', 'yes', '', '', '', "${accidents} = 'yes'"],
  ['end_group', ''],
  ['begin_group', 'income_group', 'Ingresos', 'Income'],
  ['decimal', 'income_month_pen', 'Ingreso mensual del hogar por minería (S/)', 'Monthly household income from mining (PEN)', '', '', '', '. >= 0 and . <= 1000000', 'Entre 0 y 1 000 000', 'From 0 to 1,000,000'],
  ['end_group', ''],
  ['text', 'observations', 'Observaciones', 'Remarks', '', '', '', 'string-length(.) <= 500', 'Máximo 500 caracteres', 'At most 500 characters', '', '', 'multiline'],
  ['note', 'closing', 'Gracias por su tiempo.', 'Thank you for your time.'],
];

// prettier-ignore
export const CHOICE_ROWS: [string, string, string, string][] = [
  ['yes_no', 'yes', 'Sí', 'Yes'],
  ['yes_no', 'no', 'No', 'No'],
  ['sex', 'female', 'Mujer', 'Woman'],
  ['sex', 'male', 'Hombre', 'Man'],
  ['role', 'owner', 'Titular u operador', 'Owner or operator'],
  ['role', 'worker', 'Trabajador(a)', 'Worker'],
  ['role', 'pallaquera', 'Pallaquera', 'Pallaquera (ore sorter)'],
  ['role', 'processor', 'Beneficio o planta', 'Processing'],
  ['role', 'other', 'Otro', 'Other'],
  ['stratum', 'pma', 'Productor minero artesanal (PMA)', 'Artisanal producer (PMA)'],
  ['stratum', 'ppm', 'Pequeño productor minero (PPM)', 'Small producer (PPM)'],
  ['stratum', 'none', 'Sin acreditación', 'Not accredited'],
  ['stage', 'igafom', 'IGAFOM en evaluación', 'IGAFOM under review'],
  ['stage', 'title', 'Acreditación de titularidad', 'Mining title access'],
  ['stage', 'land', 'Autorización de uso del terreno superficial', 'Surface land authorization'],
  ['stage', 'technical', 'Expediente técnico', 'Technical file'],
  ['stage', 'authorized', 'Autorizado (formalizado)', 'Authorized (formalized)'],
  ['stage', 'unknown', 'No sabe', "Doesn't know"],
  ['organization', 'none', 'Ninguna', 'None'],
  ['organization', 'association', 'Asociación', 'Association'],
  ['organization', 'cooperative', 'Cooperativa', 'Cooperative'],
  ['organization', 'company', 'Empresa (SAC, EIRL…)', 'Company'],
  ['method', 'gravimetric', 'Gravimétrico (sin mercurio)', 'Gravity (no mercury)'],
  ['method', 'amalgamation', 'Amalgamación con mercurio', 'Mercury amalgamation'],
  ['method', 'cyanidation', 'Cianuración', 'Cyanidation'],
  ['method', 'flotation', 'Flotación', 'Flotation'],
  ['method', 'sells_ore', 'Vende el mineral sin procesar', 'Sells unprocessed ore'],
  ['women_roles', 'pallaquera', 'Pallaqueo', 'Ore sorting (pallaqueo)'],
  ['women_roles', 'owner', 'Titular u operadora', 'Owner or operator'],
  ['women_roles', 'worker', 'Trabajadora en mina', 'Mine worker'],
  ['women_roles', 'processing', 'Beneficio', 'Processing'],
  ['women_roles', 'services', 'Alimentación y servicios', 'Food and services'],
  ['child_tasks', 'sorting', 'Selección de mineral', 'Ore sorting'],
  ['child_tasks', 'transport', 'Carga y transporte', 'Carrying and transport'],
  ['child_tasks', 'crushing', 'Chancado o molienda', 'Crushing or milling'],
  ['child_tasks', 'amalgamation', 'Amalgamación o quema', 'Amalgamation or burning'],
  ['child_tasks', 'underground', 'Trabajo en socavón', 'Underground work'],
  ['child_tasks', 'services', 'Alimentación y servicios', 'Food and services'],
  ...DEPARTMENT_CHOICES.map(([code, name]): [string, string, string, string] => ['departments', code, name, name]),
];

export const SETTINGS = [
  ['form_id', 'version', 'form_title', 'default_language', 'region_field'],
  ['mpe_linea_base', BASELINE_VERSION, 'Línea de base de la pequeña minería y minería artesanal', ES, 'department'],
];

/** The workbook's sheets. */
export function baselineSheets(): { name: string; rows: string[][] }[] {
  return [
    { name: 'survey', rows: [[...SURVEY_HEADER], ...SURVEY_ROWS.map((r) => SURVEY_HEADER.map((_, i) => r[i] ?? ''))] },
    { name: 'choices', rows: [['list_name', 'name', `label::${ES}`, `label::${EN}`], ...CHOICE_ROWS] },
    { name: 'settings', rows: SETTINGS },
  ];
}
