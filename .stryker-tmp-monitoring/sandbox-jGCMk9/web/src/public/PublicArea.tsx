// @ts-nocheck
import type { PageProps } from '../app/routes.ts';
import { Dashboard } from './Dashboard.tsx';
import { Login } from './Login.tsx';
import { LotPassport } from './LotPassport.tsx';
import { RegistrySearch } from './RegistrySearch.tsx';

/** The public pages: no login, no personal data. */
export default function PublicArea({ page, params, query }: PageProps) {
  switch (page) {
    case 'registry':
      return <RegistrySearch query={query} />;
    case 'lot':
      return <LotPassport key={params['lot'] ?? ''} lot={params['lot']} />;
    case 'login':
      return <Login query={query} />;
    default:
      return <Dashboard />;
  }
}
