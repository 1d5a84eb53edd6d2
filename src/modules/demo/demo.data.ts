/**
 * The demo's fixed cast. Organizations are those the sector's documents name; every
 * identifier, figure and person here is fictitious (RUCs are made up, with a valid
 * check digit so the registry accepts them).
 */
export const DEMO_DEPARTMENTS = [
  ['21', 30], // Puno
  ['17', 20], // Madre de Dios
  ['04', 15], // Arequipa
  ['05', 12], // Ayacucho
  ['13', 10], // La Libertad
  ['19', 5], // Pasco
  ['18', 5], // Moquegua
  ['20', 3], // Piura
] as const;

interface DemoOrganization {
  ruc10: string;
  name: string;
  department: string;
  certified?: 'FAIRMINED' | 'FAIRMINED_ECOLOGICO';
  /** A women's organization (pallaqueras, women miners): its members are women. */
  women?: true;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { ruc10: '2060000101', name: 'CENTRAL DE COOPERATIVAS MINERAS DE PUNO - CECOMIP', department: '21', certified: 'FAIRMINED' },
  { ruc10: '2060000102', name: 'COOPERATIVA MINERA ORO PUNO', department: '21', certified: 'FAIRMINED_ECOLOGICO' },
  { ruc10: '2060000103', name: 'COOPERATIVA MINERA CRUZ PATA CHAQUIMINAS', department: '21', certified: 'FAIRMINED' },
  { ruc10: '2060000104', name: 'CENTRAL DE COOPERATIVAS MINERAS - CENCOMIN', department: '21' },
  { ruc10: '2060000105', name: 'ASOCIACION DE PALLAQUERAS SAN FRANCISCO DE CERRO LUNAR', department: '21', women: true },
  { ruc10: '2060000106', name: 'ASOCIACION DIVINAS EN BRILLO DE ORO', department: '21', women: true },
  { ruc10: '2060000107', name: 'MINERA AURIFERA CUATRO DE ENERO S.A. - MACDESA', department: '04', certified: 'FAIRMINED' },
  { ruc10: '2060000108', name: 'SOCIEDAD DE TRABAJADORES MINEROS S.A. - SOTRAMI', department: '05' },
  { ruc10: '2060000109', name: 'MINERA AURIFERA RELAVE S.A. - AURELSA', department: '05' },
  { ruc10: '2060000110', name: 'ASOCIACION DE MINEROS ARTESANALES LA VICTORIA', department: '13' },
  { ruc10: '2060000111', name: 'COOPERATIVA MINERA ANANEA', department: '21' },
  { ruc10: '2060000112', name: 'ASOCIACION DE PRODUCTORES MINEROS HUAYPETUE', department: '17' },
  { ruc10: '2060000113', name: 'COOPERATIVA MINERA SANTA FILOMENA', department: '05' },
  { ruc10: '2060000114', name: 'EMPRESA MINERA ARTESANAL QUIRUVILCA SAC', department: '13' },
  { ruc10: '2060000115', name: 'ASOCIACION DE MINEROS DE CHAPARRA', department: '04' },
];

export const FIRST_NAMES_F = [
  'MARIA',
  'ROSA',
  'JUANA',
  'CARMEN',
  'LUZ',
  'ANA',
  'NELLY',
  'YOLANDA',
  'FLOR',
  'SONIA',
  'MARTHA',
  'ELENA',
  'BETTY',
  'RUTH',
  'GLADYS',
];
export const FIRST_NAMES_M = [
  'JUAN',
  'JOSE',
  'LUIS',
  'CARLOS',
  'JORGE',
  'VICTOR',
  'PEDRO',
  'MARIO',
  'CESAR',
  'WILBER',
  'EDWIN',
  'FREDY',
  'RAUL',
  'HUGO',
  'ALBERTO',
  'NESTOR',
  'FELIX',
  'HILARIO',
];
export const SURNAMES = [
  'QUISPE',
  'MAMANI',
  'HUAMAN',
  'CONDORI',
  'CHOQUE',
  'APAZA',
  'TICONA',
  'FLORES',
  'RAMOS',
  'CCAMA',
  'PUMA',
  'YUPANQUI',
  'GUTIERREZ',
  'CHAMBI',
  'CUTIPA',
  'LAURA',
  'VILCA',
  'CALLA',
  'HUANCA',
  'PARI',
  'ROJAS',
  'MENDOZA',
  'TORRES',
  'CASTILLO',
  'PEÑA',
  'ÑAUPARI',
  'CÁRDENAS',
  'ALVAREZ',
  'SÁNCHEZ',
  'HUARCAYA',
];
export const RIGHT_WORDS = [
  'SAN FRANCISCO',
  'VIRGEN DEL CARMEN',
  'SANTA ROSA',
  'ESPERANZA',
  'NUEVA AURORA',
  'EL DORADO',
  'LOS ANDES',
  'SEÑOR DE QUILLACAS',
  'ORO FINO',
  'LA RINCONADA',
  'CERRO LUNAR',
  'ANANEA',
  'HUAYPETUE',
  'DELTA',
  'LAS PIEDRAS',
  'CHAPARRA',
  'SANTA FILOMENA',
  'PAMPA BLANCA',
];
