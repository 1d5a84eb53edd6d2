/** Account administration: users (the administrator) and API tokens (everyone's own; any user's for an administrator). Its own chunk. */
import type { PageProps } from '../app/routes.ts';
import { TokensPage } from './TokensPage.tsx';
import { UserPage } from './UserPage.tsx';
import { UserNewPage, UsersPage } from './UsersPages.tsx';

export default function AdminArea({ page, params, query }: PageProps) {
  if (page === 'tokens') return <TokensPage query={query} />;
  if (page === 'users') return <UsersPage query={query} />;
  if (page === 'user-new') return <UserNewPage />;
  if (page === 'user') return <UserPage id={params['id'] ?? ''} />;
  return null;
}
