/** Account administration: API tokens (issue 19) — one's own, or any user's for an administrator. Its own chunk. */
// @ts-nocheck

import type { PageProps } from '../app/routes.ts';
import { TokensPage } from './TokensPage.tsx';

export default function AdminArea({ page, query }: PageProps) {
  if (page === 'tokens') return <TokensPage query={query} />;
  return null;
}
