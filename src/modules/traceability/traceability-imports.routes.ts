import type { RouteModule } from '../../platform/http/app.ts';
import { importRoute } from '../../platform/imports/index.ts';
import { ledgerImport } from './ledger/ledger.import.ts';
import { recpoImport } from './recpo/recpo.import.ts';

const recpoRoute = importRoute(recpoImport, {
  description:
    'Headers RUC, RAZON SOCIAL, TIPO (COMERCIALIZADOR | PLANTA | REFINERIA | EXPORTADOR | JOYERO), NUMERO REGISTRO, ' +
    'VIGENCIA DESDE, VIGENCIA HASTA, CAPACIDAD TMD (plants), optional DEPARTAMENTO.',
});
const ledgerRoute = importRoute(ledgerImport, {
  description:
    'All or nothing: a rejected ledger file ends with status failed and {inserted, unchanged, rejected, errors:[{row, id, field, message}]} in result.',
});

/** Uploads of RECPO lists and ledger files, each run as a background job (poll GET /api/jobs/{jobId}). */
export const traceabilityImportRoutes: RouteModule = async (app, deps) => {
  await recpoRoute(app, deps);
  await ledgerRoute(app, deps);
};
