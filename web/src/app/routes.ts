/** Every page: its address, the code area (chunk) that draws it, and who may open it. */
export type Area = 'public' | 'map' | 'official' | 'miner' | 'report' | 'cooperation' | 'opendata' | 'surveys' | 'admin' | 'services';
export type Access = 'anyone' | 'official' | 'miner' | 'user';

export interface RouteDef {
  pattern: string;
  area: Area;
  page: string;
  access: Access;
  /** The area a miner gets for the same page (the expediente is shared). */
  minerArea?: Area;
  /**
   * The API operation the page is built on ("METHOD /pattern" as the server's route table
   * declares it): the page, and every link to it, exists only for roles the server lets call it.
   */
  needs?: string;
}

export const ROUTES: readonly RouteDef[] = [
  { pattern: '/', area: 'public', page: 'dashboard', access: 'anyone' },
  { pattern: '/mapa', area: 'map', page: 'map', access: 'anyone' },
  { pattern: '/territorio/situacion', area: 'map', page: 'situation', access: 'anyone' },
  { pattern: '/registro', area: 'public', page: 'registry', access: 'anyone' },
  { pattern: '/lotes', area: 'public', page: 'lot', access: 'anyone' },
  { pattern: '/lotes/:lot', area: 'public', page: 'lot', access: 'anyone' },
  { pattern: '/ingresar', area: 'public', page: 'login', access: 'anyone' },
  { pattern: '/seguimiento', area: 'report', page: 'policy', access: 'anyone' },
  { pattern: '/datos', area: 'opendata', page: 'catalog', access: 'anyone' },
  { pattern: '/datos/:id', area: 'opendata', page: 'dataset', access: 'anyone' },
  { pattern: '/region', area: 'official', page: 'regional', access: 'official', needs: 'GET /api/formalization/report' },
  { pattern: '/buscar', area: 'official', page: 'search', access: 'official', needs: 'GET /api/registry/search' },
  { pattern: '/expedientes', area: 'official', page: 'expedientes', access: 'official', needs: 'GET /api/formalization/expedientes' },
  { pattern: '/expedientes/:id', area: 'official', page: 'expediente', access: 'user', minerArea: 'miner' },
  { pattern: '/personas/:id', area: 'official', page: 'person', access: 'official' },
  { pattern: '/organizaciones/:id', area: 'official', page: 'organization', access: 'official' },
  { pattern: '/inscripciones/:id', area: 'official', page: 'inscription', access: 'official' },
  { pattern: '/derechos/:code', area: 'official', page: 'right', access: 'official' },
  { pattern: '/importaciones', area: 'official', page: 'imports', access: 'official', needs: 'GET /api/imports' },
  { pattern: '/trazabilidad', area: 'official', page: 'traceability', access: 'official', needs: 'GET /api/ledger/flags' },
  { pattern: '/trazabilidad/:lot', area: 'official', page: 'traceability', access: 'official', needs: 'GET /api/ledger/lots/:lot/trace' },
  { pattern: '/servicios', area: 'services', page: 'services', access: 'official', needs: 'GET /api/services/summary' },
  { pattern: '/servicios/evento', area: 'services', page: 'event', access: 'official', needs: 'POST /api/services/events' },
  { pattern: '/servicios/carga', area: 'services', page: 'upload', access: 'official', needs: 'POST /api/imports/trainings' },
  { pattern: '/servicios/eventos', area: 'services', page: 'events', access: 'official', needs: 'GET /api/services/events' },
  { pattern: '/servicios/registros', area: 'services', page: 'records', access: 'official', needs: 'GET /api/services/deliveries' },
  { pattern: '/servicios/registros/:kind', area: 'services', page: 'record', access: 'official', needs: 'GET /api/services/deliveries' },
  { pattern: '/servicios/mesas', area: 'services', page: 'dialogues', access: 'official', needs: 'GET /api/services/dialogues' },
  { pattern: '/servicios/revisiones', area: 'services', page: 'reviews', access: 'official', needs: 'GET /api/services/igafom-reviews' },
  { pattern: '/servicios/mercurio', area: 'services', page: 'mercury', access: 'official', needs: 'GET /api/services/mercury' },
  { pattern: '/servicios/indicador', area: 'services', page: 'indicator', access: 'official', needs: 'GET /api/policies/:code/indicators/:indicator/records' },
  { pattern: '/mis-tramites', area: 'miner', page: 'home', access: 'miner' },
  { pattern: '/encuestas', area: 'surveys', page: 'forms', access: 'user', needs: 'GET /api/surveys/forms' },
  { pattern: '/encuestas/:formId', area: 'surveys', page: 'fill', access: 'user', needs: 'POST /api/surveys/submissions' },
  { pattern: '/encuestas/:formId/resultados', area: 'surveys', page: 'results', access: 'official', needs: 'GET /api/surveys/forms/:formId/aggregates' },
  { pattern: '/cooperacion', area: 'cooperation', page: 'projects', access: 'anyone' },
  { pattern: '/cooperacion/brechas', area: 'cooperation', page: 'matrix', access: 'anyone' },
  { pattern: '/cooperacion/aod', area: 'cooperation', page: 'oda', access: 'anyone' },
  { pattern: '/cooperacion/proyectos/nuevo', area: 'cooperation', page: 'new', access: 'user', needs: 'POST /api/cooperation/projects' },
  { pattern: '/cooperacion/iati', area: 'cooperation', page: 'iati', access: 'user', needs: 'POST /api/cooperation/iati' },
  { pattern: '/cooperacion/proyectos/:id', area: 'cooperation', page: 'project', access: 'anyone' },
  { pattern: '/cooperacion/proyectos/:id/editar', area: 'cooperation', page: 'edit', access: 'user', needs: 'PUT /api/cooperation/projects/:id' },
  { pattern: '/tokens', area: 'admin', page: 'tokens', access: 'user', needs: 'POST /api/auth/tokens' },
  { pattern: '/usuarios', area: 'admin', page: 'users', access: 'user', needs: 'GET /api/admin/users' },
  { pattern: '/usuarios/nuevo', area: 'admin', page: 'user-new', access: 'user', needs: 'POST /api/admin/users' },
  { pattern: '/usuarios/:id', area: 'admin', page: 'user', access: 'user', needs: 'GET /api/admin/users/:id' },
];

/** Props every area component receives. */
export interface PageProps {
  page: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** The page drawn at `pattern` (exactly as listed above). */
export const routeOf = (pattern: string): RouteDef | undefined => ROUTES.find((r) => r.pattern === pattern);
