/** Every page: its address, the code area (chunk) that draws it, and who may open it. */
// @ts-nocheck

export type Area = 'public' | 'map' | 'official' | 'miner' | 'report' | 'cooperation' | 'opendata' | 'surveys' | 'admin' | 'services';
export type Access = 'anyone' | 'official' | 'miner' | 'user';

export interface RouteDef {
  pattern: string;
  area: Area;
  page: string;
  access: Access;
  /** The area a miner gets for the same page (the expediente is shared). */
  minerArea?: Area;
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
  { pattern: '/region', area: 'official', page: 'regional', access: 'official' },
  { pattern: '/buscar', area: 'official', page: 'search', access: 'official' },
  { pattern: '/expedientes', area: 'official', page: 'expedientes', access: 'official' },
  { pattern: '/expedientes/:id', area: 'official', page: 'expediente', access: 'user', minerArea: 'miner' },
  { pattern: '/personas/:id', area: 'official', page: 'person', access: 'official' },
  { pattern: '/organizaciones/:id', area: 'official', page: 'organization', access: 'official' },
  { pattern: '/inscripciones/:id', area: 'official', page: 'inscription', access: 'official' },
  { pattern: '/derechos/:code', area: 'official', page: 'right', access: 'official' },
  { pattern: '/importaciones', area: 'official', page: 'imports', access: 'official' },
  { pattern: '/trazabilidad', area: 'official', page: 'traceability', access: 'official' },
  { pattern: '/trazabilidad/:lot', area: 'official', page: 'traceability', access: 'official' },
  { pattern: '/servicios', area: 'services', page: 'services', access: 'official' },
  { pattern: '/servicios/evento', area: 'services', page: 'event', access: 'official' },
  { pattern: '/servicios/carga', area: 'services', page: 'upload', access: 'official' },
  { pattern: '/mis-tramites', area: 'miner', page: 'home', access: 'miner' },
  { pattern: '/encuestas', area: 'surveys', page: 'forms', access: 'user' },
  { pattern: '/encuestas/:formId', area: 'surveys', page: 'fill', access: 'user' },
  { pattern: '/encuestas/:formId/resultados', area: 'surveys', page: 'results', access: 'official' },
  { pattern: '/cooperacion', area: 'cooperation', page: 'projects', access: 'anyone' },
  { pattern: '/cooperacion/brechas', area: 'cooperation', page: 'matrix', access: 'anyone' },
  { pattern: '/cooperacion/aod', area: 'cooperation', page: 'oda', access: 'anyone' },
  { pattern: '/cooperacion/proyectos/nuevo', area: 'cooperation', page: 'new', access: 'user' },
  { pattern: '/cooperacion/iati', area: 'cooperation', page: 'iati', access: 'user' },
  { pattern: '/cooperacion/proyectos/:id', area: 'cooperation', page: 'project', access: 'anyone' },
  { pattern: '/cooperacion/proyectos/:id/editar', area: 'cooperation', page: 'edit', access: 'user' },
  { pattern: '/tokens', area: 'admin', page: 'tokens', access: 'user' },
];

/** Props every area component receives. */
export interface PageProps {
  page: string;
  params: Record<string, string>;
  query: URLSearchParams;
}
