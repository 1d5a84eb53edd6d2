// @ts-nocheck
import type { PageProps } from '../app/routes.ts';
import { ExpedienteList } from './ExpedienteList.tsx';
import { ExpedientePage } from './ExpedientePage.tsx';
import { ImportsPage } from './ImportsPage.tsx';
import { OrganizationPage, PersonPage } from './PeoplePages.tsx';
import { InscriptionPage, RightPage } from './RecordPages.tsx';
import { RegionalDashboard } from './RegionalDashboard.tsx';
import { SearchPage } from './SearchPage.tsx';
import { TraceabilityPage } from './TraceabilityPage.tsx';

/** The officials' pages (regional, national, auditors, administrators); region scoping is the server's. */
export default function OfficialArea({ page, params, query }: PageProps) {
  const id = params['id'] ?? '';
  switch (page) {
    case 'search':
      return <SearchPage query={query} />;
    case 'expedientes':
      return <ExpedienteList query={query} />;
    case 'expediente':
      return <ExpedientePage key={id} id={id} />;
    case 'person':
      return <PersonPage key={id} id={id} />;
    case 'organization':
      return <OrganizationPage key={id} id={id} />;
    case 'inscription':
      return <InscriptionPage key={id} id={id} />;
    case 'right':
      return <RightPage key={params['code']} code={params['code'] ?? ''} />;
    case 'imports':
      return <ImportsPage />;
    case 'traceability':
      return <TraceabilityPage key={params['lot'] ?? ''} lot={params['lot']} query={query} />;
    default:
      return <RegionalDashboard query={query} />;
  }
}
