/** Upload jobs of the territory imports (GeoJSON for the cadastre and the areas; CSV/XLSX for DAC), on the shared pipeline's route. */
import type { RouteModule } from '../../platform/http/app.ts';
import { importRoute } from '../../platform/imports/index.ts';
import { areasImport } from './areas.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { dacImport } from './dac.import.ts';

const cadastre = importRoute(cadastreImport(), { description: 'GEOCATMIN attributes (CODIGOU, CONCESION, D_ESTADO, DEPA, …); WGS84 GeoJSON.' });
const dac = importRoute(dacImport, {
  description: 'Columns CODIGO UNICO, AÑO, SITUACION (CONSTRUCCION, EXPLORACION, EXPLOTACION, PARALIZADA, SIN ACTIVIDAD), optional PRODUCCION, TRABAJADORES.',
});
const areas = importRoute(areasImport({ kind: 'protected' }), {
  description: 'Protected areas (SERNANP attributes anp_nomb, anp_codi, anp_cate); WGS84 GeoJSON.',
});

export const territoryImportRoutes: RouteModule = (app, deps) => {
  cadastre(app, deps);
  dac(app, deps);
  areas(app, deps);
};
